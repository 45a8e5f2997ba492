"""Opaque refresh tokens, rotated on every use; reusing a spent one revokes its whole family."""

from __future__ import annotations

import logging
import secrets
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from chronicler.contract.errors import ErrorCode, Unauthorized
from chronicler.store import Database
from chronicler.store._hashing import digest

log = logging.getLogger(__name__)


class RefreshTokens:
    """Issues, rotates and revokes refresh tokens."""

    def __init__(
        self,
        db: Database,
        *,
        ttl: timedelta = timedelta(days=30),
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._db = db
        self.ttl = ttl
        self._clock = clock

    def issue(self, user_id: int, family_id: uuid.UUID | None = None) -> str:
        """A new refresh token for `user_id`, starting a family unless one is given."""
        token = secrets.token_urlsafe(32)
        self._db.insert(
            "refresh_tokens",
            {
                "user_id": user_id,
                "family_id": family_id or uuid.uuid4(),
                "token_hash": digest(token),
                "expires_at": self._clock() + self.ttl,
            },
            returning=None,
        )
        return token

    def rotate(self, token: str) -> tuple[int, str]:
        """Spend `token` and return (user id, its successor); Unauthorized if it cannot be used."""
        now = self._clock()
        with self._db.transaction():
            row = self._db.fetch_one(
                "SELECT * FROM refresh_tokens WHERE token_hash = %s FOR UPDATE", (digest(token),)
            )
            if row is None:
                raise Unauthorized("refresh token is not valid", code=ErrorCode.INVALID_TOKEN)
            if row["revoked_at"] is not None:
                raise Unauthorized("refresh token has been revoked", code=ErrorCode.TOKEN_REVOKED)
            if row["used_at"] is not None:
                reuse = True
            else:
                reuse = False
                if row["expires_at"] <= now:
                    raise Unauthorized("refresh token has expired", code=ErrorCode.TOKEN_EXPIRED)
                self._db.update("refresh_tokens", {"used_at": now}, {"id": row["id"]})
                successor = self.issue(row["user_id"], row["family_id"])
        if reuse:
            # A spent token coming back means it was copied: end every session of that login.
            self.revoke_family(row["family_id"])
            log.warning(
                "refresh token reuse for user %s: family %s revoked", row["user_id"], row["family_id"]
            )
            raise Unauthorized(
                "refresh token was already used; please log in again", code=ErrorCode.TOKEN_REUSED
            )
        return row["user_id"], successor

    def revoke(self, token: str, user_id: int | None = None) -> bool:
        """Revoke the family of `token` (logout); False if it is unknown or someone else's."""
        row = self._db.select_one("refresh_tokens", {"token_hash": digest(token)})
        if row is None or (user_id is not None and row["user_id"] != user_id):
            return False
        self.revoke_family(row["family_id"])
        return True

    def revoke_all(self, user_id: int) -> None:
        """Revoke every login of a user (its password changed)."""
        self._db.execute(
            "UPDATE refresh_tokens SET revoked_at = %s WHERE user_id = %s AND revoked_at IS NULL",
            (self._clock(), user_id),
        )

    def revoke_family(self, family_id: uuid.UUID) -> None:
        """Revoke every token of one login."""
        self._db.execute(
            "UPDATE refresh_tokens SET revoked_at = %s WHERE family_id = %s AND revoked_at IS NULL",
            (self._clock(), family_id),
        )
