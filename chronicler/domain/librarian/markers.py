"""Twitch stream markers for strong clip candidates: which ones are marked, and what a marker says.

Twitch's Helix "Create Stream Marker" (POST /helix/streams/markers, scope channel:manage:broadcast)
marks the live stream *now*: the marker lands at the stream's current position (its answer gives it as
`position_seconds`), and a past moment cannot be asked for. A candidate closes some seconds after the
moment itself (chat reacts 20-30 s late, and the detector waits for chat to calm down), so the marker
is made when the candidate closes and its description says how far back the moment is, counted from
the candidate's start: "Chronicler: funny moment ~40 s ago (score 6.1)", at most 140 characters.

Only strong candidates are marked (`MARK_SCORE`: a score of 5 and more, what the Librarian calls a
strong one), and at most one every `MARK_EVERY` (5 minutes) per stream, so the Highlighter's timeline
shows the stream's few best moments rather than every ripple. The HTTP side is the Twitch connection's
(`chronicler.twitch.markers`); this module decides, and does no I/O.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Protocol

from chronicler.domain.librarian.clips import ClipCandidate

MARKER_DESCRIPTION_LIMIT = 140  # Helix's limit
MARK_SCORE = 5.0  # a candidate scoring this or more is marked on the live stream
MARK_EVERY = timedelta(minutes=5)  # at most one marker per stream in this long


class StreamMarkers(Protocol):
    """Something that can put a marker on a live stream at once (a test double, a synchronous client)."""

    def create_marker(self, channel: str, description: str) -> None:
        """Mark the channel's live stream at this moment; failures are the implementation's to log."""


def marker_description(candidate: ClipCandidate, now: datetime) -> str:
    """'Chronicler: funny moment ~38 s ago (score 6.2)': what a marker says, within Helix's limit."""
    ago = max(0, round((now - candidate.start).total_seconds()))
    text = f"Chronicler: {candidate.kind} moment ~{ago} s ago (score {candidate.score:.1f})"
    return text[:MARKER_DESCRIPTION_LIMIT]


class MarkerPacing:
    """Which closed candidates of one stream get a marker: strong ones, one per `every` at most."""

    def __init__(self, *, min_score: float = MARK_SCORE, every: timedelta = MARK_EVERY) -> None:
        self._min_score = min_score
        self._every = every
        self._last: datetime | None = None

    def strong(self, candidate: ClipCandidate) -> bool:
        """Whether the candidate is strong enough to be marked at all."""
        return candidate.score >= self._min_score

    def take(self, candidate: ClipCandidate, now: datetime) -> bool:
        """True (and the pace's clock starts again) when `candidate` is to be marked at `now`."""
        if not self.strong(candidate):
            return False
        if self._last is not None and now - self._last < self._every:
            return False
        self._last = now
        return True


def mark(markers: StreamMarkers | None, channel: str, candidate: ClipCandidate, now: datetime) -> bool:
    """Mark a closed candidate on the live stream, if there is a way to; whether one was asked for."""
    if markers is None:
        return False
    markers.create_marker(channel, marker_description(candidate, now))
    return True
