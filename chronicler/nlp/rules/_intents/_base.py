"""What every intent rule shares: the `Candidate` it proposes, and how it scores one.

Every score is built the same way, from the lexicon weights of the words found (1.0 for a plain synonym,
less for slang and typos):

    0.5 x verb + 0.4 x object + 0.1 x form

For a state-changing command the verb must *lead* a clause (an imperative: "stop chronicling", "can you
turn off the warden") and the doubts are subtracted: those of the message (a joke, a hedge, reported
speech, a condition), a "?" on a bare command, and stray words beside the object ("finish the stream
*strong*"). Read-only requests need no verb: the object alone scores 0.5 and a question or a "show" adds
0.3. `_decide` then accepts, asks, or offers a "did you mean ...?".
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from chronicler.contract.commands import STATE_CHANGING, Action, InteractionType
from chronicler.nlp.rules import _intl as intl
from chronicler.nlp.rules import _wording as wording
from chronicler.nlp.rules._lexicon import (
    ASSIGN,
    FILLER,
    GREETING,
    KNOWN,
    MODE_PREFIX,
    PARTICLE_OFF,
    PARTICLE_ON,
    PRONOUN,
    QUESTION,
    SLOT_CHANNEL_URL,
    SLOT_THEME,
    SLOT_TIME,
    THANKS,
    VERB_OFF,
    VERB_ON,
    VERB_READ,
    VERB_TURN,
)
from chronicler.nlp.rules._logins import Login
from chronicler.nlp.rules._text import Clause, Token
from chronicler.nlp.rules._times import pick_range
from chronicler.nlp.rules._utterance import Utterance

# How much each kind of doubt (see `_guards`) takes off a state-changing command.
_DOUBT_PENALTY: dict[str, float] = {
    "hedge": 0.3,
    "joke": 0.2,
    "laugh": 0.2,
    "reported": 0.6,
    "retract": 0.6,
    "conditional": 0.4,
    "purpose": 0.6,
    "schedule": 0.4,
    "past": 0.6,
}
_BARE_QUESTION_PENALTY = 0.2  # "turn off the warden?" may be asking whether to, not asking to
_STRAY_PENALTY = 0.3  # "finish the stream strong!": words beyond verb and object may change the meaning
TERSE_FORM = 0.9  # "warden off", "hearthkeeper every 20 minutes": no verb, but unmistakable
NOISE = frozenset({FILLER, PRONOUN, THANKS, GREETING})
# What may sit around the object of a state-changing verb: "the", "my", "now", "tonight", a theme.
_AROUND_OBJECT = NOISE | {KNOWN, SLOT_TIME, SLOT_THEME, SLOT_CHANNEL_URL, ASSIGN, PARTICLE_ON, PARTICLE_OFF}


@dataclass(frozen=True)
class Candidate:
    """A command a rule thinks the message may be, with how sure it is."""

    kind: InteractionType
    action: Action | None
    score: float
    slots: Mapping[str, Any] = field(default_factory=dict)
    ask: str | None = None  # understood, but a detail is missing or wrong: ask this instead
    negated: bool = False  # the message says *not* to do it ("don't stop yet")
    stray: bool = (
        False  # words beside the object that may change the meaning: the intent model must not guess
    )

    @property
    def changes_state(self) -> bool:
        """True for the commands a harmless message must never become."""
        return (self.kind, self.action) in STATE_CHANGING

    @property
    def phrase(self) -> str:
        """The command in words, for questions: "turn off the warden"."""
        return wording.describe(self.kind, self.action, self.slots)

    @property
    def key(self) -> tuple[str, str | None, frozenset[tuple[str, Any]]]:
        """What makes two candidates the same command."""
        return self.kind, self.action, frozenset(self.slots.items())


Rule = Callable[[Utterance], Iterator[Candidate]]


def clamp(score: float) -> float:
    """A score kept within 0..1, rounded for readable logs."""
    return round(max(0.0, min(1.0, score)), 3)


def state_score(
    u: Utterance,
    clause: Clause,
    verb: float,
    obj: float,
    *,
    form: float = 1.0,
    ignore: frozenset[str] = frozenset(),
    stray: bool = False,
) -> float:
    """The score of a state-changing command: the formula above, less the doubts of the message."""
    score = 0.5 * verb + 0.4 * obj + 0.1 * form
    if clause.asks and not clause.polite:
        score -= _BARE_QUESTION_PENALTY
    if stray:
        score -= _STRAY_PENALTY
    score -= sum(penalty for doubt, penalty in _DOUBT_PENALTY.items() if doubt in u.doubts - ignore)
    return clamp(score)


def read_score(obj: float, *, asked: bool, extra: float = 0.0) -> float:
    """The score of a read-only request: the object, plus 0.3 when asked for, plus `extra`."""
    return clamp(0.5 * obj + (0.3 if asked else 0.0) + extra)


def strays(
    tokens: tuple[Token, ...] | list[Token], objects: frozenset[str], *, spare: str | None = None
) -> bool:
    """True when words other than the object (`objects` concepts, or a mode) and filler follow a verb.

    A handle ("#pixel_wren") and the `spare` word (an unmarked channel) are never stray.
    """
    return any(
        t.concept not in _AROUND_OBJECT
        and t.concept not in objects
        and not t.marker
        and t.text != spare
        and not (t.concept or "").startswith(MODE_PREFIX)
        for t in tokens
    )


def is_question(clause: Clause) -> bool:
    """True when the clause asks: a "?", or led by a question word or "show"."""
    lead = clause.lead
    return clause.asks or (lead is not None and lead.concept in (QUESTION, VERB_READ))


def modes_in(tokens: tuple[Token, ...] | list[Token]) -> list[Token]:
    """Mode tokens, one per mode name, in order."""
    seen: dict[str, Token] = {}
    for token in tokens:
        if token.concept and token.concept.startswith(MODE_PREFIX):
            seen.setdefault(token.concept, token)
    return list(seen.values())


def mode_name(token: Token) -> str:
    """ "warden" for a token of concept "mode.warden"."""
    return (token.concept or "")[len(MODE_PREFIX) :]


def only_noise(tokens: tuple[Token, ...] | list[Token]) -> bool:
    """True when the tokens carry no meaning for a command ("please", "it", "thanks")."""
    return all(token.concept in NOISE for token in tokens)


def range_slots(u: Utterance) -> tuple[dict[str, Any], str | None]:
    """({"range": ...}) for the one range named, or a question when several are."""
    rng, conflict = pick_range(list(u.times))
    if conflict:
        return {}, wording.which_range(conflict)
    # "clips del último stream": the English expressions found none, the other four languages may.
    rng = rng or intl.range_named(u.text)
    return ({"range": rng} if rng else {}), None


# A ledger belongs to a stream: "yesterday's report" is the last stream's, "today's" the one running (the
# handler falls back to the last when none is). A week or all of them still asks which.
_SESSION_OF_RANGE = {"current": "current", "last": "last", "yesterday": "last", "today": "current"}


def session_slots(u: Utterance) -> tuple[dict[str, Any], str | None]:
    """({"session": ...}) for the stream a ledger request names, or a question when it names a span."""
    slots, ask = range_slots(u)
    rng = slots.pop("range", None)
    if rng in _SESSION_OF_RANGE:
        slots["session"] = _SESSION_OF_RANGE[rng]
    elif rng is not None:
        ask = ask or "There is one ledger per stream: do you want this stream's or the last stream's?"
    return slots, ask


def one_login(logins: list[Login], what: str) -> tuple[str | None, str | None]:
    """(login, None), or (None, a question) when there are several or the one given is invalid."""
    if not logins:
        return None, None
    if len(logins) > 1:
        names = " or ".join(login.value or login.written for login in logins)
        return None, f"Which {what} do you mean: {names}?"
    if logins[0].value is None:
        written = logins[0].written
        return None, f"'{written}' is not a Twitch login (letters, digits and _ only). Which {what}?"
    return logins[0].value, None


def asked_then_switched(u: Utterance, clause: Clause) -> bool:
    """True for a question about a mode answered by switching it in a later clause ("what does the
    steward do? ok turn it on", "is the librarian the one that finds clips? if yes, enable it"): the
    question asks what the mode is, no list of modes or clips."""
    if not is_question(clause) or not (modes_in(clause.tokens) or intl.modes_named(clause.said)):
        return False
    later = u.clauses[u.clauses.index(clause) + 1 :]
    return any(
        other.lead is not None and other.lead.concept in (VERB_ON, VERB_OFF, VERB_TURN) and switches_it(other)
        for other in later
    )


def switches_it(clause: Clause) -> bool:
    """True when the clause's verb acts on "it", "that" or "this" ("turn it off for this stream")."""
    return any(t.text in ("it", "that", "this") for t in clause.rest[:2])
