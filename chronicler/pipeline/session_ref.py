"""Which session a pipeline records: what storing its chat needs to know of it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SessionRef:
    """The session being recorded."""

    id: int
    user_id: int
    channel: str
