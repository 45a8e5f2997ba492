"""Whether the database answers, for the API's health check."""

from __future__ import annotations

from chronicler.store import Database


def ping(db: Database) -> None:
    """Ask the database a trivial question; ServiceUnavailable when it does not answer."""
    db.fetch_value("SELECT 1")
