"""What the Warden says about one message, and the evidence it is built from."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

# A reason says why in words; the message itself is stored and shown beside it. What fired is quoted
# only when it is a part of the message, in at most this many characters, cut between words.
_QUOTE_MAX = 60


# Evidence about the circumstances rather than the words: it names a flag only when nothing else does.
CONTEXT_RULES = frozenset({"first_message_link", "first_message", "outside_link", "follow_opener"})


@dataclass(frozen=True)
class Verdict:
    """The Warden's answer for one message: flagged or not, by which rule, how sure, and why."""

    flagged: bool
    rule: str | None  # None when not flagged
    score: float  # 0.0 when not flagged
    reason: str | None

    def to_json(self) -> dict[str, Any]:
        """{"flagged": ..., "rule": ..., "score": ..., "reason": ...}"""
        return {"flagged": self.flagged, "rule": self.rule, "score": self.score, "reason": self.reason}


NOT_FLAGGED = Verdict(flagged=False, rule=None, score=0.0, reason=None)


@dataclass(frozen=True, slots=True)
class Hit:
    """One piece of evidence: a rule that fired, how strongly, and where in the normalised text."""

    rule: str
    score: float
    label: str  # "sells viewers/followers"
    start: int
    end: int


def decide(hits: Sequence[Hit], threshold: float, normalized: str) -> Verdict:
    """Combine the evidence into a verdict.

    Independent pieces of evidence add up (1 - product of the misses), so a weak sign such as an
    outside link tips a weak wording match over the threshold while neither flags on its own. Only
    the strongest hit of each rule counts, so one rule matching twice is not double evidence.

    The reason is the strongest rule's words, the other evidence in brackets, and, when what fired
    is only part of the message, a short quote of it: `asks you to add a Discord handle (first
    message in the channel): "discord: name_01"`.
    """
    if not hits:
        return NOT_FLAGGED
    best: dict[str, Hit] = {}
    for hit in hits:
        if hit.rule not in best or hit.score > best[hit.rule].score:
            best[hit.rule] = hit
    miss = 1.0
    for hit in best.values():
        miss *= 1.0 - hit.score
    score = round(1.0 - miss, 3)
    if score < threshold:
        return NOT_FLAGGED
    # What the message says names the flag before who says it and how: "sells viewers (first message
    # in the channel carries a link)" tells the streamer more than the other way round.
    ranked = sorted(best.values(), key=lambda hit: (hit.rule in CONTEXT_RULES, -hit.score))
    top = ranked[0]
    reason = top.label
    others = list(dict.fromkeys(hit.label for hit in ranked[1:] if hit.label != top.label))
    if others:
        reason += f" ({'; '.join(others)})"
    quote = quote_of(normalized, top.start, top.end)
    if quote is not None:
        reason += f': "{quote}"'
    return Verdict(flagged=True, rule=top.rule, score=score, reason=reason)


def quote_of(normalized: str, start: int, end: int) -> str | None:
    """What fired, widened to whole words and cut between words; None when it is most of the message."""
    if end - start >= 0.8 * len(normalized):
        return None  # the whole message fired: it is shown beside the reason anyway
    while start > 0 and not normalized[start - 1].isspace():
        start -= 1
    while end < len(normalized) and not normalized[end].isspace():
        end += 1
    quote = normalized[start:end]
    if len(quote) <= _QUOTE_MAX:
        return quote
    cut = quote.rfind(" ", 0, _QUOTE_MAX)
    return (quote[:cut] if cut > 0 else quote[:_QUOTE_MAX]) + "…"
