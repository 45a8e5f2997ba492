"""One DM analysed once: cleaned text, slot values taken out, clauses, doubts. What the intent rules read."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from chronicler.nlp.rules._guards import doubts
from chronicler.nlp.rules._numbers import Duration, find_durations
from chronicler.nlp.rules._phrases import rewrite
from chronicler.nlp.rules._slots import Found, extract
from chronicler.nlp.rules._text import Clause, Token, clauses
from chronicler.nlp.rules._times import TimeRef, find_times


@dataclass(frozen=True)
class Utterance:
    """A message as the rules see it."""

    text: str  # cleaned, case as typed
    masked: str  # lower-case, slot values replaced by placeholders, phrases rewritten
    clauses: tuple[Clause, ...]
    found: Found
    times: tuple[TimeRef, ...]
    durations: tuple[Duration, ...]
    numbers: tuple[int, ...]
    doubts: frozenset[str]

    @cached_property
    def tokens(self) -> tuple[Token, ...]:
        """Every token of every clause, in order."""
        return tuple(token for clause in self.clauses for token in clause.tokens)


def analyse(cleaned: str) -> Utterance:
    """Mask and split a message already passed through `_text.clean`."""
    masked, found = extract(cleaned)
    masked, times = find_times(masked.lower())
    masked, durations, numbers = find_durations(masked)
    masked = rewrite(masked)
    return Utterance(
        text=cleaned,
        masked=masked,
        clauses=clauses(masked),
        found=found,
        times=tuple(times),
        durations=tuple(durations),
        numbers=tuple(numbers),
        doubts=doubts(masked),
    )
