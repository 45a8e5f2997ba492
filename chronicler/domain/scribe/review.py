"""How far the streamer got reviewing a session's flags, and the one line the ledger says about it."""

from __future__ import annotations

from dataclasses import dataclass

from chronicler.domain.scribe.errors import LedgerError


@dataclass(frozen=True)
class FlagReview:
    """A session's flags by the streamer's answer: spam (confirmed), not spam (dismissed), not answered."""

    confirmed: int = 0
    dismissed: int = 0
    open: int = 0

    def __post_init__(self) -> None:
        if min(self.confirmed, self.dismissed, self.open) < 0:
            raise LedgerError("flag review counts cannot be negative")

    @property
    def total(self) -> int:
        """Every flag of the session."""
        return self.confirmed + self.dismissed + self.open


def review_digest(review: FlagReview) -> str:
    """'10 flags: 5 confirmed, 2 dismissed; 3 still to review' (or '...; all reviewed')."""
    flags = f"{review.total:,} flag{'' if review.total == 1 else 's'}"
    still = f"{review.open:,} still to review" if review.open else "all reviewed"
    return f"{flags}: {review.confirmed:,} confirmed, {review.dismissed:,} dismissed; {still}"
