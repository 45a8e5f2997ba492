"""The seam for Twitch stream markers: what the pipeline would call when a clip candidate closes.

Twitch's Helix "Create Stream Marker" (POST /helix/streams/markers, scope channel:manage:broadcast)
marks the live stream *now*, with a description of at most 140 characters; it cannot mark a past
moment. A candidate closes some seconds after its peak, so the description says how far back the
moment is. Nothing here talks to Twitch: the HTTP side belongs with the Twitch connection (not built
yet), which would implement `StreamMarkers` and be handed to the pipeline; until then no marker is made.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from chronicler.domain.librarian.clips import ClipCandidate

MARKER_DESCRIPTION_LIMIT = 140  # Helix's limit


class StreamMarkers(Protocol):
    """Something that can put a marker on a live stream (the Twitch connection, once built)."""

    def create_marker(self, channel: str, description: str) -> None:
        """Mark the channel's live stream at this moment; failures are the implementation's to log."""


def marker_description(candidate: ClipCandidate, now: datetime) -> str:
    """'funny clip candidate, 38 s ago (score 4.2)': what a marker says, within Helix's limit."""
    moment = candidate.start
    ago = max(0, round((now - moment).total_seconds()))
    text = f"{candidate.kind} clip candidate, {ago} s ago (score {candidate.score:.1f})"
    return text[:MARKER_DESCRIPTION_LIMIT]


def mark(markers: StreamMarkers | None, channel: str, candidate: ClipCandidate, now: datetime) -> bool:
    """Mark a closed candidate on the live stream, if there is a way to; whether one was asked for."""
    if markers is None:
        return False
    markers.create_marker(channel, marker_description(candidate, now))
    return True
