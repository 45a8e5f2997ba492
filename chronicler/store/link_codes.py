"""One-time codes that link a Discord account to a streamer without a password in Discord."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from chronicler.contract.errors import ErrorCode, InvalidInput, Unauthorized
from chronicler.store import Database
from chronicler.store._hashing import digest

# No 0/O, 1/I/L: codes are read off one screen and typed on another.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10  # ~49 bits: far beyond what 10 minutes of rate-limited guessing can reach


class LinkCodes:
    """Creates and redeems link codes."""

    def __init__(
        self,
        db: Database,
        *,
        ttl: timedelta = timedelta(minutes=10),
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._db = db
        self.ttl = ttl
        self._clock = clock

    def create(self, user_id: int) -> tuple[str, datetime]:
        """A fresh code for `user_id` (shown as XXXXX-XXXXX) and when it expires."""
        raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
        expires_at = self._clock() + self.ttl
        self._db.insert(
            "link_codes",
            {"user_id": user_id, "code_hash": digest(raw), "expires_at": expires_at},
            returning=None,
        )
        return f"{raw[:5]}-{raw[5:]}", expires_at

    def redeem(self, code: str, discord_user_id: str) -> int:
        """Spend a code and return its user id; Unauthorized when wrong, expired or used."""
        canonical = normalize_code(code)
        now = self._clock()
        with self._db.transaction():
            row = self._db.fetch_one(
                "SELECT * FROM link_codes WHERE code_hash = %s FOR UPDATE", (digest(canonical),)
            )
            if row is None:
                raise Unauthorized("that link code is not valid", code=ErrorCode.INVALID_LINK_CODE)
            if row["used_at"] is not None:
                raise Unauthorized("that link code has already been used", code=ErrorCode.LINK_CODE_USED)
            if row["expires_at"] <= now:
                raise Unauthorized(
                    "that link code has expired; get a new one", code=ErrorCode.LINK_CODE_EXPIRED
                )
            self._db.update(
                "link_codes", {"used_at": now, "used_by_discord": discord_user_id}, {"id": row["id"]}
            )
        user_id: int = row["user_id"]
        return user_id


def normalize_code(code: object) -> str:
    """Accept 'abcde-fghjk', ' ABCDE FGHJK ' and the like; InvalidInput for anything else."""
    if not isinstance(code, str):
        raise InvalidInput("code must be a string", field="code")
    canonical = "".join(ch for ch in code.upper() if ch not in " -\t")
    if len(canonical) != CODE_LENGTH or any(ch not in ALPHABET for ch in canonical):
        raise InvalidInput(
            f"a link code has {CODE_LENGTH} letters and digits, like ABCDE-FGH23", field="code"
        )
    return canonical
