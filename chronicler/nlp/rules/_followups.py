"""Follow-ups: short messages that lean on the previous turn ("and yesterday's?", "and the clips?").

Only read-only requests are completed from history: a follow-up never becomes a state change. The
one exception is a confirmation: after the bot itself asked "Did you mean to stop chronicling?", a
"yes" means exactly that command. "and the warden" after "turn off the steward" is only offered as
a "did you mean ...?".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from chronicler.contract.commands import Command
from chronicler.nlp.result import Turn
from chronicler.nlp.rules import _wording as wording
from chronicler.nlp.rules._intents import Candidate, mode_name, modes_in
from chronicler.nlp.rules._lexicon import (
    FILLER,
    GREETING,
    KNOWN,
    PRONOUN,
    QUESTION,
    READ_OBJECTS,
    SLOT_TIME,
    THANKS,
    VERB_READ,
)
from chronicler.nlp.rules._logins import usernames
from chronicler.nlp.rules._times import pick_range
from chronicler.nlp.rules._utterance import Utterance

_CUE = re.compile(
    r"^\s*(?:and|&|also|plus|what\s+about|how\s+about|same\s+(?:for|with|but)|now|ok(?:ay)?\s+(?:and|now)"
    r"|then)\b"
)
# The bot asks in English but answers in the streamer's language, so a yes or no comes in any of the
# five: "sí", "oui", "ja", "sim" (accents as typed or dropped, since phones and keyboards differ).
_YES = re.compile(
    r"^(?:\s*(?:yes|yeah|yep|yup|ya|yea|sure|y|ok|okay|correct|exactly|do\s+it|please\s+do|go\s+ahead"
    r"|pls|please|that'?s\s+right"
    r"|s[ií]|claro|dale|vale|por\s+favor"  # es (and pt "claro", "por favor")
    r"|oui|ouais|d'?accord|s'il\s+(?:te|vous)\s+pla[iî]t"  # fr
    r"|ja|jawohl|genau|bitte"  # de
    r"|sim|isso)\b\W*)+$"  # pt
)
_NO = re.compile(r"^(?:\s*(?:no|nope|nah|n|thanks|never\s*mind|nvm|cancel|non|nein|n[aã]o)\b\W*)+$")
_SUGGESTION = re.compile(r"^Did you mean to (?P<phrase>.+)\?$")
_RANGED = frozenset(kind for kind, _ in READ_OBJECTS.values())
_FOLLOW_NOISE = frozenset({FILLER, KNOWN, QUESTION, PRONOUN, THANKS, GREETING, VERB_READ, SLOT_TIME})


def confirmed_suggestion(u: Utterance, history: Sequence[Turn]) -> str | None:
    """The command phrase of our last "Did you mean to ...?" when this message says yes to it."""
    if not history or history[-1].command.interaction_type != "unknown" or not _YES.match(u.masked):
        return None
    suggestion = _SUGGESTION.match(history[-1].command.question or "")
    return suggestion["phrase"] if suggestion else None


def answer_to_question(u: Utterance, history: Sequence[Turn]) -> str | None:
    """A reply to "yes"/"no" after one of our questions, or None when the message is something else."""
    if not history or history[-1].command.interaction_type != "unknown":
        return None
    question = history[-1].command.question or ""
    if _YES.match(u.masked):
        suggestion = _SUGGESTION.match(question)
        return wording.CONFIRM_IN_FULL.format(phrase=suggestion["phrase"]) if suggestion else wording.IN_FULL
    if _NO.match(u.masked) and question:
        return wording.NEVER_MIND
    return None


def complete(u: Utterance, candidates: list[Candidate], history: Sequence[Turn]) -> list[Candidate]:
    """The candidates, with what a follow-up leaves out taken from the previous command."""
    if not history:
        return candidates
    previous = history[-1].command
    cue = bool(_CUE.match(u.masked))
    reads = [c for c in candidates if not c.changes_state and c.kind in (*_RANGED, "ledger")]
    if reads:
        if not cue:
            return candidates  # "show the clips" after the flags: a request of its own
        return [_inherit_range(c, previous) if c in reads else c for c in candidates]
    if previous.interaction_type in _RANGED and _only_times_and_names(u):
        return [*candidates, _same_again(u, previous)]
    if previous.interaction_type == "mode" and previous.action in ("enable", "disable") and cue:
        named = modes_in(u.tokens)
        if len(named) == 1 and all(t.concept in _FOLLOW_NOISE or t is named[0] for t in u.tokens):
            # Offered, never done: a follow-up does not change state.
            slots = {"mode": mode_name(named[0])}
            return [*candidates, Candidate("mode", previous.action, 0.5, slots)]
    return candidates


def _previous_range(previous: Command) -> str | None:
    return previous.range or previous.session


def _inherit_range(candidate: Candidate, previous: Command) -> Candidate:
    if "range" in candidate.slots or "session" in candidate.slots or candidate.ask:
        return candidate
    rng = _previous_range(previous)
    if rng is None:
        return candidate
    if candidate.kind == "ledger":
        if rng not in ("current", "last"):
            return candidate
        return replace(candidate, slots={**candidate.slots, "session": rng})
    return replace(candidate, slots={**candidate.slots, "range": rng})


def _only_times_and_names(u: Utterance) -> bool:
    """True for "and yesterday's?", "what about @xqc_fan99?": a range or a chatter and nothing else."""
    tokens = u.tokens
    given = [t for t in tokens if t.concept == SLOT_TIME or t.marker == "@"]
    others = [t for t in tokens if t not in given and t.concept not in _FOLLOW_NOISE]
    names = usernames(u)
    named = {n.value for n in names}
    return bool(given or names) and all(t.concept is None and t.text in named for t in others)


def _same_again(u: Utterance, previous: Command) -> Candidate:
    kind, action = previous.interaction_type, previous.action
    slots: dict[str, str] = {}
    rng, conflict = pick_range(list(u.times))
    if conflict:
        return Candidate(kind, action, 0.7, ask=wording.which_range(conflict))
    if rng is None:
        rng = previous.range
    if rng is not None:
        slots["range"] = rng
    if kind == "flags":
        names = [n.value for n in usernames(u) if n.value]
        username = names[0] if len(names) == 1 else previous.username
        if username:
            slots["username"] = username
    return Candidate(kind, action, 0.7, slots)
