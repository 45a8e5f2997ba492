"""Access tokens revoked before they expire (a logout), by their `jti`."""

from __future__ import annotations

from datetime import datetime

from chronicler.store import Database


def revoke_access_token(db: Database, jti: str, *, expires_at: datetime) -> None:
    """Refuse this token from now on; revoking it twice is harmless."""
    db.upsert(
        "revoked_access_tokens",
        {"jti": jti, "expires_at": expires_at},
        conflict=["jti"],
        update=[],
        returning=None,
    )


def is_revoked(db: Database, jti: str) -> bool:
    """Whether the token was revoked."""
    return db.exists("revoked_access_tokens", {"jti": jti})
