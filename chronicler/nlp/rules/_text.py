"""Cleaning a DM, then cutting it into tokens and clauses.

Cleaning makes odd input harmless (control and invisible characters, bidi overrides, Discord mentions and
markdown, full-width letters, curly quotes). A clause is the part of a message between punctuation or
"and"/"but"/"then": "stop chronicling and post the ledger" has two. Its *head* is the first word after
greetings, polite openers ("can you please ...") and negations, which is where an imperative verb sits.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

from chronicler.nlp.rules._lexicon import LEXICON, MODE_PREFIX, NEGATION, PLACEHOLDERS, PREFIXES
from chronicler.nlp.rules._typos import correct

# C0/C1 controls except tab and newline, soft hyphen, zero-width and bidi controls, BOM.
_INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]")
_DISCORD_MARKUP = re.compile(r"<(?:@[!&]?|#)\d+>|<a?:\w+:\d+>")
_MARKDOWN = re.compile(r"\*+|~~|\|\||`+|(?<!\w)__|__(?!\w)")
_SPACES = re.compile(r"[^\S\n]+")
_CURLY = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
    }
)

# A word is all its letters ("código", "heißt"): cut where English letters end, "código" was "c" and
# "digo", pieces that could pass for other words.
_TOKEN = re.compile(
    r"<(?P<slot>[a-z]+):(?P<index>\d+)>"
    r"|(?P<word>[#@][a-z0-9_.-]*[a-z0-9_-]|\w+(?:'[a-z]+)*)"
    r"|(?P<assign>[:=])"
    r"|(?P<stop>[.,;!?\n&]+)"
)
_CONJUNCTIONS = frozenset({"and", "but", "then", "plus"})
_MEANINGFUL = ("verb.", "obj.", MODE_PREFIX)  # concepts a negation can apply to

# A typo'd verb only ever reaches "did you mean ...?"; a typo'd object may still make a command.
_TYPO_VERB_WEIGHT = 0.6
_TYPO_WEIGHT = 0.75


def clean(text: str) -> str:
    """The message with invisible characters, Discord markup and extra spaces removed; case kept."""
    text = unicodedata.normalize("NFKC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _INVISIBLE.sub("", text.translate(_CURLY))
    text = _MARKDOWN.sub("", _DISCORD_MARKUP.sub(" ", text))
    return _SPACES.sub(" ", text).strip()


# Voice-to-text splits the modes' names into words it knows ("heart keeper", "hard keeper", "stew ward",
# "war den").
_SPLIT_NAMES = re.compile(
    r"\b(?:(?P<hearthkeeper>(?:heart?h?|hard)\s+keeper)|(?P<steward>stew\s+ward)|(?P<warden>war\s+den))\b",
    re.IGNORECASE,
)


def joined_names(text: str) -> str:
    """The text with a mode's name rejoined where dictation split it ("heart keeper" is the hearthkeeper)."""
    return _SPLIT_NAMES.sub(lambda m: str(m.lastgroup), text)


@dataclass(frozen=True, slots=True)
class Token:
    """One word of a clause and what it means to the parser."""

    text: str  # lower-case, without a possessive "'s" or a "#"/"@" marker
    concept: str | None = None
    weight: float = 1.0
    marker: str = ""  # "#" or "@" when the word was written as a channel or user handle
    possessive: bool = False
    slot: int = -1  # for placeholders: the index of the extracted value


@dataclass(frozen=True, slots=True)
class Clause:
    """A stretch of a message that says one thing, with its head word located."""

    tokens: tuple[Token, ...]
    head: int  # index of the first word after openers and negations (len(tokens) when none)
    polite: bool  # opened as a request ("can you", "please"), so a trailing "?" is just manners
    negated: bool  # "don't", "never", "do not" before the head
    asks: bool  # ended with a question mark
    concepts: frozenset[str]
    sentence_end: bool = False  # ended with ".", "!" or "?": a negation before it negates nothing after

    @property
    def lead(self) -> Token | None:
        """The head word, if any."""
        return self.tokens[self.head] if self.head < len(self.tokens) else None

    @property
    def said(self) -> str:
        """Its words as masked, one space apart ("disable the warden for <time:0>")."""
        return " ".join(t.text for t in self.tokens)

    @property
    def rest(self) -> tuple[Token, ...]:
        """The words after the head."""
        return self.tokens[self.head + 1 :]

    def having(self, concept: str) -> list[Token]:
        """The tokens of this concept, in order."""
        return [t for t in self.tokens if t.concept == concept]


def _token(word: str) -> Token:
    marker = word[0] if word[0] in "#@" else ""
    word = word[len(marker) :]
    if marker:
        return Token(word, marker=marker)
    possessive = False
    if word not in LEXICON and word.endswith("'s"):
        word, possessive = word[:-2], True
    if entry := LEXICON.get(word):
        return Token(word, entry.concept, entry.weight, possessive=possessive)
    # A word with letters English lacks ("résume", "código") is another language's, never an English
    # word mistyped: "résume-moi le chat" is no "resume".
    if word.isascii() and (fixed := correct(word)) is not None:
        entry = LEXICON[fixed]
        factor = _TYPO_VERB_WEIGHT if entry.concept.startswith("verb.") else _TYPO_WEIGHT
        return Token(word, entry.concept, entry.weight * factor, possessive=possessive)
    return Token(word, possessive=possessive)


# The openers by their first word, longest first as in PREFIXES: a clause's head is found by looking up
# the word at hand rather than trying every opener at every word.
_PREFIXES_BY_FIRST: dict[str, list[tuple[tuple[str, ...], bool]]] = {}
for _prefix in PREFIXES:
    _PREFIXES_BY_FIRST.setdefault(_prefix[0][0], []).append(_prefix)


def _head(tokens: tuple[Token, ...]) -> tuple[int, bool, bool]:
    """Skip openers and negations: (head index, polite, negated)."""
    words = [t.text for t in tokens]
    i, polite, negated = 0, False, False
    while i < len(tokens):
        for prefix, is_polite in _PREFIXES_BY_FIRST.get(words[i], ()):
            if tuple(words[i : i + len(prefix)]) == prefix:
                i += len(prefix)
                polite = polite or is_polite
                break
        else:
            if tokens[i].concept != NEGATION:
                break
            negated = True
            i += 1
    return i, polite, negated


def _clause(tokens: list[Token], stop: str) -> Clause:
    frozen = tuple(tokens)
    head, polite, negated = _head(frozen)
    concepts = frozenset(t.concept for t in frozen if t.concept)
    ended = any(mark in stop for mark in ".!?")
    return Clause(frozen, head, polite, negated, "?" in stop, concepts, ended)


def _says_something(clause: Clause) -> bool:
    return any(c.startswith(_MEANINGFUL) for c in clause.concepts)


def _carry_negations(found: list[Clause]) -> list[Clause]:
    """ "do not, under any circumstances, turn off the warden": a negation cut off from its verb by
    commas still negates the next clause that says something. A lone "no," does not: it may answer.
    Nor does one in a sentence of its own ("Not sure what to do. Start chronicling, please?")."""
    carry = False
    for i, clause in enumerate(found):
        if carry and _says_something(clause):
            found[i] = replace(clause, negated=True)
            carry = False
        elif clause.negated and not _says_something(clause) and not _own_verb(clause):
            carry = carry or any(t.concept == NEGATION and t.text != "no" for t in clause.tokens)
        if clause.sentence_end:
            carry = False
    return found


def _own_verb(clause: Clause) -> bool:
    """True when a negated clause negates a word of its own ("I don't want to lose regulars over it, so
    please turn it off"): its "not" stays with it."""
    return any(t.concept is None and t.text.isalpha() for t in clause.tokens[clause.head :])


def clauses(masked: str) -> tuple[Clause, ...]:
    """Cut lower-cased, masked text into clauses of tokens."""
    found: list[Clause] = []
    current: list[Token] = []
    for match in _TOKEN.finditer(masked):
        if (slot := match["slot"]) is not None:
            if concept := PLACEHOLDERS.get(slot):
                current.append(Token(match[0], concept, slot=int(match["index"])))
            continue
        if (word := match["word"]) is not None and word not in _CONJUNCTIONS:
            current.append(_token(word))
        elif match["assign"] is not None:
            current.append(Token(match["assign"], LEXICON[match["assign"]].concept))
        elif current:
            found.append(_clause(current, match["stop"] or ""))
            current = []
    if current:
        found.append(_clause(current, ""))
    return tuple(_carry_negations(found))
