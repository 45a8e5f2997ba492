"""Typo tolerance: the one keyword a misspelt word is a single edit (two, for long words) away from.

Rushed DMs misspell ("chronicalling", "hearthkeper", "wardn"). A word of five letters or more that is
not in the lexicon is compared with the keywords of `_lexicon.TYPO_TARGETS`:

* one edit (insert, delete, substitute, swap two neighbours) through a symmetric-delete index, which is
  a dict lookup per deletion instead of a scan of the vocabulary;
* two edits for words of eight letters or more, through `difflib`, over the long keywords with the
  same first letter only.

A word without vowels of four letters or more is also matched by its consonants ("stwrd", "wrdn",
"hrthkpr", "ldgr": the keyword with those consonants in that order, when only one has them): how
streamers type one-handed mid-stream. Three-letter ones are left alone ("stp" is French for "please").
A four-letter word is matched only with two neighbouring letters swapped ("tunr", "hlep").

Before any of that, `fixed_typos` writes right, in the text itself, the words the phrase rewrites and
the intent model key on besides the keywords ("discrod", "twtich", "repyl"), unless the intent model's
corpus has the word.

An ambiguous word (one edit from two keywords of its length) is left alone. Results are cached: chat
repeats itself.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Callable
from functools import lru_cache

from chronicler.nlp.rules._lexicon import LEXICON, TYPO_TARGETS

_MIN_LENGTH = 5
_LONG = 8


def _deletions(word: str) -> set[str]:
    """The word itself and every word one deletion away from it."""
    return {word, *(word[:i] + word[i + 1 :] for i in range(len(word)))}


def _index(keywords: frozenset[str]) -> dict[str, frozenset[str]]:
    index: defaultdict[str, set[str]] = defaultdict(set)
    for keyword in keywords:
        for variant in _deletions(keyword):
            index[variant].add(keyword)
    return {variant: frozenset(found) for variant, found in index.items()}


_INDEX = _index(TYPO_TARGETS)
_VOWELS = frozenset("aeiouy")
_MIN_SKELETON = 4


def _skeleton(word: str) -> str:
    return "".join(c for c in word if c not in _VOWELS)


def _skeletons(keywords: frozenset[str]) -> dict[str, str]:
    """Each keyword by its consonants, for the skeletons only one keyword has."""
    found: defaultdict[str, set[str]] = defaultdict(set)
    for keyword in keywords:
        found[_skeleton(keyword)].add(keyword)
    return {bones: next(iter(words)) for bones, words in found.items() if len(words) == 1}


_SKELETONS = _skeletons(TYPO_TARGETS)
# The four-letter keywords by their misspellings with two neighbouring letters swapped, but for real
# words of the five languages that are such a swap ("lire" is French for "read", not "lier").
_REAL_SWAPS = frozenset({"dile", "dorp", "lire", "lits", "pari", "pots"})
# Words of the other four languages a letter away from a keyword they do not mean: "el que escribe en el
# chat" (the one that writes) is no Scribe, "tout le monde" no mode, "¿podes ...?" no modes, "quien" no quiet.
_OTHER_LANGUAGES = frozenset({"escribe", "monde", "podes", "quien"})
_SWAPPED = {
    keyword[:i] + keyword[i + 1] + keyword[i] + keyword[i + 2 :]: keyword
    for keyword in sorted(TYPO_TARGETS)
    if len(keyword) == _MIN_LENGTH - 1
    for i in range(len(keyword) - 1)
    if keyword[i] != keyword[i + 1]
}
_LONG_TARGETS = sorted(word for word in TYPO_TARGETS if len(word) >= _LONG)


def edit_distance(a: str, b: str) -> int:
    """Optimal string alignment distance: Levenshtein plus swaps of neighbouring letters."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = ca != cb
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


# The words ranges are said with ("cilps from tdoay", "summry of last strem", "cliips from tonigth"): read
# before the keywords are, by the time expressions, so corrected on their own.
TIME_WORDS = frozenset({"today", "tonight", "yesterday", "stream", "session"})
_TIME_INDEX = _index(TIME_WORDS)


@lru_cache(maxsize=8192)
def correct_time_word(word: str) -> str | None:
    """The time word `word` is a letter more, a letter less or a swap from, or None ("steam" and "scream"
    are words of their own; a letter changed is left alone, as Portuguese "todas" is no "today")."""
    if len(word) < _MIN_LENGTH or not word.isalpha() or word in LEXICON or word in TIME_WORDS:
        return None
    near = {keyword for variant in _deletions(word) for keyword in _TIME_INDEX.get(variant, ())}
    close = [
        keyword
        for keyword in near
        if edit_distance(word, keyword) == 1
        and (len(keyword) != len(word) or sorted(keyword) == sorted(word))
    ]
    return close[0] if len(close) == 1 else None


_LONG_WORD = re.compile(r"[a-z]{5,}")


# "last" is too short to correct on its own ("lat", "las" and "lats" are words), but before a stream or
# a time it can only be last: "clps from lsat strem", "raport for lst stream", "flags from lst week".
_LAST_SLIP = re.compile(
    r"\b(?:lst|lsat|alst|lsst|llast|laast|lasst|lastt)(?=\s+(?:str|sess|sesh|broad|vod|night|nite|time|week))"
)


def fix_time_words(text: str) -> str:
    """Lower-cased `text` with its misspelt time words corrected (`correct_time_word`, `_LAST_SLIP`)."""
    fixed = _LONG_WORD.sub(lambda word: correct_time_word(word[0]) or word[0], text)
    return _LAST_SLIP.sub("last", fixed)


@lru_cache(maxsize=8192)
def correct(word: str) -> str | None:
    """The keyword `word` is a typo of, or None when it is not close to exactly one."""
    if not word.isalpha() or word in LEXICON or word in _OTHER_LANGUAGES:
        return None  # a word the parser already knows ("stars" is not "start")
    if len(word) >= _MIN_SKELETON and not _VOWELS & set(word):
        return _SKELETONS.get(word)
    if len(word) == _MIN_LENGTH - 1 and word not in _REAL_SWAPS:
        # A four-letter word is too short to tell from one edit, but two neighbours swapped are a slip
        # of the fingers on a word with the same letters ("tunr", "hlep", "shwo", "psot").
        return _SWAPPED.get(word)
    if len(word) < _MIN_LENGTH:
        return None  # too short to tell
    near: set[str] = set()
    for variant in _deletions(word):
        near.update(_INDEX.get(variant, ()))
    close = {keyword for keyword in near if edit_distance(word, keyword) == 1}
    if len(close) > 1:
        # "strat" is a swap away from "start" and a letter away from "stat": swaps are the likelier slip.
        close = {keyword for keyword in close if len(keyword) == len(word)}
    if len(close) == 1:
        return close.pop()
    if close or len(word) < _LONG:
        return None
    # Typos seldom hit the first letter; comparing only same-initial, similar-length keywords keeps
    # difflib (the slow part) to a handful of comparisons.
    targets = [k for k in _LONG_TARGETS if k[0] == word[0] and abs(len(k) - len(word)) <= 2]
    matches = difflib.get_close_matches(word, targets, n=2, cutoff=0.8)
    if len(matches) == 1 and edit_distance(word, matches[0]) <= 2:
        return matches[0]
    return None


# Words the phrase rewrites and the intent model key on besides the lexicon's keywords: a typo in one
# of them ("discrod", "twtich", "repyl bot", "spam filtr") hides the whole phrase from the rules.
_ANCHORS = frozenset(
    {
        "twitch", "discord", "reply", "replies", "filter", "webhook", "disconnect", "connect", "channel",
        "report", "summary", "recap", "pinger", "catcher", "finder", "chatters", "timezone", "highlight",
    }
)  # fmt: skip
_ANCHOR_INDEX = _index(_ANCHORS)


@lru_cache(maxsize=8192)
def _anchor(word: str) -> str | None:
    """The anchor word `word` is one edit from, or None."""
    if len(word) < _MIN_LENGTH or word in LEXICON or word in _ANCHORS:
        return None
    near = {keyword for variant in _deletions(word) for keyword in _ANCHOR_INDEX.get(variant, ())}
    close = [
        keyword
        for keyword in near
        if edit_distance(word, keyword) == 1 and not word.startswith(keyword)  # "filters", "connected"
    ]
    return close[0] if len(close) == 1 else None


_DRAWN_OUT = re.compile(r"([a-z])\1{2,}")
# A word on its own: not part of a link, a handle, a channel or a file name; shouted words are left as
# they are, since a link code can be one ("QWERTY").
_PLAIN_WORD = re.compile(r"(?<![\w/.@#:'-])[A-Za-z][a-z]{3,}(?![\w/@'-]|\.\w)")


def fixed_typos(text: str, known: Callable[[str], bool]) -> str:
    """`text` with its misspelt anchor words written right ("post it to discrod", "disconect twtich" ->
    "post it to discord", "disconnect twitch"); a word `known` knows (a real word in any of the five
    languages: "report", "resumen", "connecte") is left as it is, and every other character too; a letter
    held down ("endeddd", "stoooop") is typed once or twice, as the known word has it. The
    lexicon's keywords are corrected word by word later (`correct`), where a typo also weighs less."""

    def _fix(match: re.Match[str]) -> str:
        word = match[0].lower()
        if known(word):
            return match[0]
        if _DRAWN_OUT.search(word):
            # "stream endeddd", "stoooop", "pleeease": a letter held down, the word is the one with it once
            # or twice the lexicon has ("lilbeanzzz" is a chatter, whatever the corpus knows).
            squeezed = (_DRAWN_OUT.sub(r"\1\1", word), _DRAWN_OUT.sub(r"\1", word))
            return next((w for w in squeezed if w in LEXICON), match[0])
        return _anchor(word) or match[0]

    return _PLAIN_WORD.sub(_fix, text)
