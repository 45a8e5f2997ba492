"""The one rule about times here: they carry a zone."""

from __future__ import annotations

from datetime import datetime


def require_aware(name: str, value: datetime) -> None:
    """Refuse naive datetimes: they would be read in the server's zone and shift every interval."""
    if value.tzinfo is None:
        raise ValueError(f"{name} must be a timezone-aware datetime, got {value!r}")
