"""What the Warden says about one message, and the evidence it is built from."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

_QUOTE_WHOLE = 100  # messages up to this long are quoted whole in a reason
_QUOTE_CONTEXT = 40  # otherwise: this many characters either side of what fired


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


def decide(hits: Sequence[Hit], threshold: float, original: str, normalized: str) -> Verdict:
    """Combine the evidence into a verdict.

    Independent pieces of evidence add up (1 - product of the misses), so a weak sign such as an
    outside link tips a weak wording match over the threshold while neither flags on its own. Only
    the strongest hit of each rule counts, so one rule matching twice is not double evidence.
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
    ranked = sorted(best.values(), key=lambda hit: -hit.score)
    top = ranked[0]
    reason = f"{top.label}: '{_quote(original, normalized, top)}'"
    others = list(dict.fromkeys(hit.label for hit in ranked[1:] if hit.label != top.label))
    if others:
        reason += f" (also: {'; '.join(others)})"
    return Verdict(flagged=True, rule=top.rule, score=score, reason=reason)


def _quote(original: str, normalized: str, hit: Hit) -> str:
    """The message itself when short, else the normalised text around what fired."""
    whole = " ".join(original.split())
    if len(whole) <= _QUOTE_WHOLE:
        return whole
    start = max(0, hit.start - _QUOTE_CONTEXT)
    end = min(len(normalized), hit.end + _QUOTE_CONTEXT)
    return ("…" if start else "") + normalized[start:end] + ("…" if end < len(normalized) else "")
