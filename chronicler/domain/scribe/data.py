"""What a ledger is made of: plain frozen records, filled from the database by the caller."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from chronicler.domain.scribe.errors import LedgerError
from chronicler.domain.scribe.review import FlagReview

AGENT_MODES: frozenset[str] = frozenset({"hearthkeeper", "steward"})
# Why chat went unheard (`domain.chat.UnheardReason`).
UNHEARD_REASONS: frozenset[str] = frozenset({"connection", "subscription", "authorization"})
# How long after a moment chat reacts: a clip starts this long before chat took off (the Librarian's lag).
REACTION_LAG = timedelta(seconds=25)


def _require_aware(name: str, value: datetime) -> None:
    # A naive datetime would be read as the server's local time and shift every offset silently.
    if not isinstance(value, datetime) or value.tzinfo is None or value.utcoffset() is None:
        raise LedgerError(f"{name} must be a timezone-aware datetime, got {value!r}")


@dataclass(frozen=True)
class LedgerSession:
    """The stream session a ledger is about."""

    id: int
    channel: str
    theme: str | None
    started_at: datetime
    ended_at: datetime | None  # None while the session is still running
    timezone: str = "UTC"  # the streamer's IANA zone, e.g. "America/New_York"

    def __post_init__(self) -> None:
        _require_aware("started_at", self.started_at)
        if self.ended_at is not None:
            _require_aware("ended_at", self.ended_at)
            if self.ended_at < self.started_at:
                raise LedgerError("ended_at is before started_at")
        try:
            ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError, TypeError) as exc:
            raise LedgerError(f"{self.timezone!r} is not an IANA time zone") from exc

    @property
    def zone(self) -> ZoneInfo:
        """The streamer's time zone."""
        return ZoneInfo(self.timezone)  # ZoneInfo caches instances, so this is cheap

    @property
    def duration(self) -> timedelta | None:
        """How long the session ran, or None while it is still running."""
        return None if self.ended_at is None else self.ended_at - self.started_at


@dataclass(frozen=True)
class LedgerNumbers:
    """The session's headline counts."""

    messages: int
    chatters: int
    first_time_chatters: int
    peak_per_minute: int
    mean_per_minute: float

    @classmethod
    def from_per_minute(
        cls, per_minute: tuple[int, ...], *, chatters: int, first_time_chatters: int
    ) -> LedgerNumbers:
        """Derive messages, peak and mean from the per-minute counts."""
        messages = sum(per_minute)
        return cls(
            messages=messages,
            chatters=chatters,
            first_time_chatters=first_time_chatters,
            peak_per_minute=max(per_minute, default=0),
            mean_per_minute=messages / len(per_minute) if per_minute else 0.0,
        )


@dataclass(frozen=True)
class ChatterCount:
    """One of the session's most active chatters."""

    login: str
    display_name: str
    messages: int


@dataclass(frozen=True)
class LedgerClip:
    """A stretch of the stream worth clipping."""

    start: datetime
    end: datetime
    score: float
    reason: str
    samples: tuple[str, ...] = ()  # "login: text"
    peak: datetime | None = None  # where chat peaked; None when it was not recorded
    kind: str | None = None  # funny, hype, shock, sad or wholesome; None when not recorded

    def __post_init__(self) -> None:
        _require_aware("clip start", self.start)
        _require_aware("clip end", self.end)
        if self.peak is not None:
            _require_aware("clip peak", self.peak)

    @property
    def marked_at(self) -> datetime:
        """Where the chart marks it: its peak, or (for records without one) where chat took off."""
        return self.peak if self.peak is not None else min(self.start + REACTION_LAG, self.end)


def ranked_clips(clips: Iterable[LedgerClip]) -> list[LedgerClip]:
    """Best first: the highest score, then the earliest; the markdown and the chart number them so."""
    return sorted(clips, key=lambda clip: (-clip.score, clip.start))


@dataclass(frozen=True)
class FlagExample:
    """One flagged message, shown as an example of its rule."""

    login: str
    text: str
    at: datetime
    reason: str
    score: float | None = None

    def __post_init__(self) -> None:
        _require_aware("flag time", self.at)


@dataclass(frozen=True)
class FlagGroup:
    """The flags one Warden rule raised: how many, and a few examples."""

    rule: str
    count: int
    examples: tuple[FlagExample, ...] = ()


@dataclass(frozen=True)
class AgentLine:
    """Something the Hearthkeeper or the Steward said in chat."""

    mode: str  # "hearthkeeper" or "steward"
    at: datetime
    text: str
    in_reply_to: str | None = None  # the chat text it answered, if any

    def __post_init__(self) -> None:
        if self.mode not in AGENT_MODES:
            raise LedgerError(f"agent mode must be one of {sorted(AGENT_MODES)}, got {self.mode!r}")
        _require_aware("agent line time", self.at)


@dataclass(frozen=True)
class NotableLine:
    """A chat message picked out as notable discussion (a question, a strong reaction...)."""

    at: datetime
    login: str
    text: str
    kind: str

    def __post_init__(self) -> None:
        _require_aware("notable line time", self.at)


@dataclass(frozen=True)
class LedgerSeed:
    """An idea for a blog post that came out of the stream."""

    topic: str
    description: str


@dataclass(frozen=True)
class UnheardChat:
    """How long the bot did not hear the session's chat: its gaps, added up, and why they happened."""

    seconds: float
    gaps: int
    reasons: tuple[str, ...] = ()  # each once, in the order they first happened

    def __post_init__(self) -> None:
        if self.seconds < 0 or self.gaps < 1:
            raise LedgerError("unheard chat needs at least one gap and no negative time")
        unknown = set(self.reasons) - UNHEARD_REASONS
        if unknown:
            raise LedgerError(
                f"unheard reasons must be among {sorted(UNHEARD_REASONS)}, got {sorted(unknown)}"
            )


@dataclass(frozen=True)
class LedgerData:
    """Everything one ledger shows; the renderers read nothing else."""

    session: LedgerSession
    numbers: LedgerNumbers
    per_minute: tuple[int, ...]  # messages in minute i counted from session.started_at
    top_chatters: tuple[ChatterCount, ...] = ()
    clips: tuple[LedgerClip, ...] = ()
    flag_groups: tuple[FlagGroup, ...] = ()
    agent_lines: tuple[AgentLine, ...] = ()
    notable: tuple[NotableLine, ...] = ()
    blog_seeds: tuple[LedgerSeed, ...] = ()
    unheard: UnheardChat | None = None  # None when the bot heard the whole session
    review: FlagReview | None = None  # the streamer's answers on the flags; None when nothing was flagged
    notable_more: int = 0  # notable lines left out after the ones shown, near-identical ones not counted
    notable_repeats: int = 0  # near-identical lines (ten "what did i miss") folded into the first
    quiet_minutes: int = 15  # a quiet stretch must last this long to be shaded and listed

    def __post_init__(self) -> None:
        if self.quiet_minutes < 1:
            raise LedgerError("quiet_minutes must be at least 1")
        if self.notable_more < 0 or self.notable_repeats < 0:
            raise LedgerError("notable counts cannot be negative")
        if any(count < 0 for count in self.per_minute):
            raise LedgerError("per_minute counts cannot be negative")
