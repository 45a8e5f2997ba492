"""From scored candidates to one answer: a command, a question, or nothing (the caller then asks).

* A state-changing candidate is carried out from `STATE_ACCEPT`, a read-only one from `READ_ACCEPT`.
* Several different accepted commands: ask which (help yields to anything more specific).
* An accepted candidate that needs a detail (`Candidate.ask`) becomes that question.
* Nothing accepted but "don't ..." understood: acknowledge, change nothing.
* Nothing accepted: the best near miss becomes "did you mean ...?".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pydantic import ValidationError

from chronicler.contract.commands import Command, unknown
from chronicler.nlp.rules import _wording as wording
from chronicler.nlp.rules._intents import Candidate

STATE_ACCEPT = 0.85
READ_ACCEPT = 0.5
# A list read this weakly beside a refused change is the refusal's reason, not a request.
_BARELY_READ = 0.5
STATE_SUGGEST = 0.3
READ_SUGGEST = 0.35


@dataclass(frozen=True)
class Decision:
    """The command to return and how sure the parser is of it."""

    command: Command
    confidence: float
    # Only a "did you mean ...?" the intent model may answer better: not one asked because of words
    # that may change the meaning ("finish the stream strong!"), a refusal, or a question for a detail.
    open_to_model: bool = False
    near: tuple[str, str | None] | None = None  # the command the "did you mean ...?" proposes
    settled: bool = False  # a refusal ("don't turn off the warden"): no other reading may replace it


def _accept(candidate: Candidate) -> float:
    return STATE_ACCEPT if candidate.changes_state else READ_ACCEPT


def _suggest(candidate: Candidate) -> float:
    return STATE_SUGGEST if candidate.changes_state else READ_SUGGEST


def _best_each(candidates: Iterable[Candidate]) -> list[Candidate]:
    """One candidate per distinct command, the best scored, in order of first appearance."""
    best: dict[object, Candidate] = {}
    for candidate in candidates:
        kept = best.get(candidate.key)
        if kept is None or candidate.score > kept.score:
            best[candidate.key] = candidate
    return list(best.values())


def decide(candidates: list[Candidate]) -> Decision | None:
    """The answer the candidates support, or None when they support none."""
    accepted = [c for c in candidates if c.score >= _accept(c)]
    wanted = _best_each(c for c in accepted if not c.negated)
    refusing = any(c.negated and c.changes_state for c in accepted)
    if refusing and wanted and all(not c.changes_state and c.score <= _BARELY_READ for c in wanted):
        # "don't turn off the librarian, I need those clips": the clips are the reason for the refusal,
        # barely a request of their own.
        wanted = []
    if len(wanted) > 1:
        wanted = [c for c in wanted if c.kind != "help"] or wanted
    if len(wanted) > 1:
        wanted = _detail_given(wanted)
    if len(wanted) > 1:
        wanted = _topic_dropped(wanted)
    if len(wanted) > 1:
        return Decision(unknown(wording.one_at_a_time([c.phrase for c in wanted])), 0.8)
    if wanted:
        return _carry_out(wanted[0])
    refused = [c for c in candidates if c.negated and c.score >= _suggest(c)]
    if refused:
        best = max(refused, key=lambda c: c.score)
        return Decision(unknown(wording.declined(best.phrase)), best.score, settled=True)
    near = [c for c in candidates if not c.negated and c.score >= _suggest(c)]
    if near:
        best = max(near, key=lambda c: c.score)
        # "I manage velvetquill_'s stream. She just went live. Could you start chronicling?": the news
        # scored higher than the request naming the channel; the question proposes what was named.
        named = [
            c
            for c in near
            if (c.kind, c.action) == (best.kind, best.action) and len(c.slots) > len(best.slots)
        ]
        if named:
            best = max(named, key=lambda c: c.score)
        return Decision(
            unknown(wording.did_you_mean(best.phrase)),
            round(1 - best.score, 3),
            not best.stray,
            (best.kind, best.action),
        )
    return None


def _detail_given(wanted: list[Candidate]) -> list[Candidate]:
    """A request that asks for a detail another reading of the same request gives is that reading: "my
    twitch handle is x now, update the channel" names x in one clause and asks "which channel?" in the
    other."""
    given = [c for c in wanted if c.ask is None and c.slots]
    return [
        c
        for c in wanted
        if not (
            c.ask
            and any(
                (g.kind, g.action) == (c.kind, c.action) and c.slots.items() <= g.slots.items() for g in given
            )
        )
    ]


def _topic_dropped(wanted: list[Candidate]) -> list[Candidate]:
    """A thing named only in passing ("here's the webhook for ledgers <url>": the ledger, read at the bare
    bar) beside a setting made in full with the value the DM gives is what it is for, not a second request.
    Only a setting: a mode switched beside a list ("disable the warden and post every ledger") stays asked."""
    full = [c for c in wanted if c.kind == "settings" and c.slots and c.ask is None and c.score >= _FULL]
    if len(full) != 1:
        return wanted
    passing = [c for c in wanted if not c.changes_state and c.score < _PASSING]
    return full if len(passing) == len(wanted) - 1 else wanted


# A change this sure, with its value, beside lists read only at this: see `_topic_dropped`.
_FULL = 0.9
_PASSING = 0.6


def _carry_out(candidate: Candidate) -> Decision:
    if candidate.ask:
        return Decision(unknown(candidate.ask), candidate.score)
    try:
        command = Command(interaction_type=candidate.kind, action=candidate.action, **candidate.slots)
    except ValidationError as exc:
        # A slot the schema refuses is the user's input, not our failure: say what to fix.
        problem = exc.errors()[0].get("msg", "that value is not valid")
        return Decision(unknown(f"I couldn't {candidate.phrase}: {problem}. Could you rephrase?"[:500]), 0.5)
    return Decision(command, candidate.score)
