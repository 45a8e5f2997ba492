"""Twitch grants (the bot account's and each streamer's broadcaster grant) and device flows in progress.

Tokens are kept as Fernet ciphertext (`token_cipher`): the database never holds one in plain text,
and nothing here logs or returns one except `TwitchGrant.access_token`/`refresh_token`, which are
kept out of `repr`. Key rotation: `token_cipher("NEW,OLD")` encrypts with NEW and reads both;
`TwitchGrants.rotate_keys()` re-encrypts every row with NEW, after which OLD can be dropped.

A refresh stores both new tokens in one statement (`replace_tokens`) *before* the caller uses them:
Twitch's refresh tokens may be single-use, so a token used but not kept would be lost for good.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from chronicler.contract.errors import Conflict, ErrorCode
from chronicler.store import Database, Row
from chronicler.store._claim import claim, claim_one

Slot = Literal["bot", "broadcaster"]
RequestStatus = Literal["requested", "waiting", "connected", "failed", "cancelled"]


class UnreadableToken(Exception):
    """A stored token that none of the configured keys decrypts (TOKEN_ENCRYPTION_KEY lost or changed)."""


def token_cipher(keys: str) -> MultiFernet:
    """The cipher for comma-separated Fernet keys: the first encrypts, every one decrypts (rotation)."""
    parts = [key.strip() for key in keys.split(",") if key.strip()]
    if not parts:
        raise ValueError("TOKEN_ENCRYPTION_KEY needs at least one Fernet key")
    return MultiFernet([Fernet(key.encode()) for key in parts])


@dataclass(frozen=True)
class TwitchGrant:
    """One stored grant, decrypted; the tokens never appear in its repr."""

    id: int
    slot: Slot
    user_id: int
    twitch_user_id: str
    twitch_login: str
    scopes: tuple[str, ...]
    expires_at: datetime
    validated_at: datetime | None
    broken_at: datetime | None
    broken_reason: str | None
    access_token: str = field(repr=False)
    refresh_token: str = field(repr=False)

    @property
    def broken(self) -> bool:
        """True once a refresh failed for good: the streamer must connect again."""
        return self.broken_at is not None


@dataclass(frozen=True)
class ConnectRequest:
    """A device flow asked for by a streamer: its code and link once the worker has them from Twitch."""

    id: int
    user_id: int
    slot: Slot
    status: RequestStatus
    user_code: str | None
    verification_uri: str | None
    expires_at: datetime | None
    error: str | None
    device_code: str | None = field(default=None, repr=False)


class TwitchGrants:
    """Reads and writes grants and connect requests, encrypting tokens with `cipher`."""

    def __init__(self, db: Database, cipher: MultiFernet) -> None:
        self._db = db
        self._cipher = cipher

    # -- grants ---------------------------------------------------------------------------------

    def save(
        self,
        *,
        slot: Slot,
        user_id: int,
        twitch_user_id: str,
        twitch_login: str,
        scopes: Iterable[str],
        access_token: str,
        refresh_token: str,
        expires_at: datetime,
        at: datetime,
    ) -> TwitchGrant:
        """Keep a new grant, replacing the slot's earlier one; Conflict when the channel is another's."""
        values = {
            "slot": slot,
            "user_id": user_id,
            "twitch_user_id": twitch_user_id,
            "twitch_login": twitch_login,
            "scopes": sorted(set(scopes)),
            "access_token": self._seal(access_token),
            "refresh_token": self._seal(refresh_token),
            "expires_at": expires_at,
            "validated_at": at,
            "created_at": at,
            "updated_at": at,
        }
        with self._db.transaction():
            if slot == "broadcaster":
                owner = self._db.fetch_value(
                    "SELECT u.username FROM users u WHERE u.id <> %(u)s AND (u.twitch_channel = %(l)s"
                    " OR u.id IN (SELECT g.user_id FROM twitch_grants g"
                    " WHERE g.slot = 'broadcaster' AND g.twitch_user_id = %(t)s)) LIMIT 1",
                    {"u": user_id, "l": twitch_login, "t": twitch_user_id},
                )
                if owner is not None:
                    raise Conflict(
                        f"#{twitch_login} is another streamer's channel on this Chronicler",
                        code=ErrorCode.CHANNEL_TAKEN,
                        field="twitch_channel",
                    )
                self._db.execute(
                    "DELETE FROM twitch_grants WHERE slot = 'broadcaster' AND user_id = %s", (user_id,)
                )
                # The proven channel becomes the streamer's own.
                self._db.execute(
                    "UPDATE users SET twitch_channel = %s, updated_at = %s WHERE id = %s",
                    (twitch_login, at, user_id),
                )
            else:
                self._db.execute("DELETE FROM twitch_grants WHERE slot = 'bot'")
            row = self._db.insert("twitch_grants", values)
        assert row is not None
        return self._grant(row)

    def bot(self) -> TwitchGrant | None:
        """The installation's bot grant, if connected."""
        row = self._db.fetch_one("SELECT * FROM twitch_grants WHERE slot = 'bot'")
        return self._grant(row) if row else None

    def broadcaster(self, user_id: int) -> TwitchGrant | None:
        """The streamer's broadcaster grant, if connected."""
        row = self._db.fetch_one(
            "SELECT * FROM twitch_grants WHERE slot = 'broadcaster' AND user_id = %s", (user_id,)
        )
        return self._grant(row) if row else None

    def get(self, grant_id: int) -> TwitchGrant | None:
        """One grant by id (as stored now: a refresh elsewhere shows here)."""
        row = self._db.fetch_one("SELECT * FROM twitch_grants WHERE id = %s", (grant_id,))
        return self._grant(row) if row else None

    def all(self) -> list[TwitchGrant]:
        """Every grant, bot first."""
        rows = self._db.fetch_all("SELECT * FROM twitch_grants ORDER BY slot DESC, id")
        return [self._grant(row) for row in rows]

    def channel_owner(self, login: str) -> int | None:
        """The account whose broadcaster grant proves `login` is theirs, if any."""
        value = self._db.fetch_value(
            "SELECT user_id FROM twitch_grants WHERE slot = 'broadcaster' AND twitch_login = %s", (login,)
        )
        return int(value) if value is not None else None

    def replace_tokens(
        self, grant_id: int, *, access_token: str, refresh_token: str, expires_at: datetime, at: datetime
    ) -> None:
        """Keep a refreshed pair (both at once, before either is used) and mark the grant healthy."""
        self._db.execute(
            "UPDATE twitch_grants SET access_token = %s, refresh_token = %s, expires_at = %s,"
            " validated_at = %s, broken_at = NULL, broken_reason = NULL, updated_at = %s WHERE id = %s",
            (self._seal(access_token), self._seal(refresh_token), expires_at, at, at, grant_id),
        )

    def mark_validated(self, grant_id: int, *, at: datetime, expires_at: datetime | None = None) -> None:
        """Twitch's /oauth2/validate accepted the access token at `at`."""
        self._db.execute(
            "UPDATE twitch_grants SET validated_at = %s, expires_at = COALESCE(%s, expires_at) WHERE id = %s",
            (at, expires_at, grant_id),
        )

    def mark_broken(self, grant_id: int, reason: str, *, at: datetime) -> bool:
        """The grant cannot be refreshed any more; True the first time (so one notice is left)."""
        return (
            self._db.execute(
                "UPDATE twitch_grants SET broken_at = %s, broken_reason = %s, updated_at = %s"
                " WHERE id = %s AND broken_at IS NULL",
                (at, reason, at, grant_id),
            )
            == 1
        )

    def forget(self, grant_id: int) -> TwitchGrant | None:
        """Delete a grant; its tokens wait in `twitch_revocations` until the worker revokes them at Twitch."""
        with self._db.transaction():
            row = self._db.fetch_one("DELETE FROM twitch_grants WHERE id = %s RETURNING *", (grant_id,))
            if row is None:
                return None
            self._db.execute_many(
                "INSERT INTO twitch_revocations (token) VALUES (%s)",
                [(bytes(row["access_token"]),), (bytes(row["refresh_token"]),)],
            )
        return self._grant(row)

    def take_revocations(self, limit: int = 20) -> list[tuple[int, str]]:
        """Tokens to revoke at Twitch, (id, token), locked until the caller's transaction ends."""
        rows = claim(self._db, "SELECT id, token FROM twitch_revocations ORDER BY id LIMIT %s", (limit,))
        return [(row["id"], self._open(row["token"])) for row in rows]

    def revoked(self, revocation_id: int) -> None:
        """A token is revoked at Twitch: forget it."""
        self._db.execute("DELETE FROM twitch_revocations WHERE id = %s", (revocation_id,))

    def rotate_keys(self) -> int:
        """Re-encrypt every stored token with the first key; the number of grants rewritten."""
        count = 0
        with self._db.transaction():
            for row in self._db.fetch_all(
                "SELECT id, access_token, refresh_token FROM twitch_grants FOR UPDATE"
            ):
                self._db.execute(
                    "UPDATE twitch_grants SET access_token = %s, refresh_token = %s WHERE id = %s",
                    (
                        self._cipher.rotate(bytes(row["access_token"])),
                        self._cipher.rotate(bytes(row["refresh_token"])),
                        row["id"],
                    ),
                )
                count += 1
        return count

    # -- device flows in progress -----------------------------------------------------------------

    def request_connect(self, user_id: int, slot: Slot) -> ConnectRequest:
        """A new device flow for the streamer's slot; an earlier open one of theirs is cancelled."""
        with self._db.transaction():
            self._db.execute(
                "UPDATE twitch_connect_requests SET status = 'cancelled', updated_at = now()"
                " WHERE user_id = %s AND status IN ('requested', 'waiting')",
                (user_id,),
            )
            row = self._db.insert("twitch_connect_requests", {"user_id": user_id, "slot": slot})
        assert row is not None
        return self._request(row)

    def request(self, request_id: int) -> ConnectRequest | None:
        """One request as it is now."""
        row = self._db.fetch_one("SELECT * FROM twitch_connect_requests WHERE id = %s", (request_id,))
        return self._request(row) if row else None

    def claim_requested(self) -> ConnectRequest | None:
        """The oldest request no worker has asked Twitch about yet, marked `waiting` so no other takes it."""
        with self._db.transaction():
            row = claim_one(
                self._db,
                "SELECT * FROM twitch_connect_requests WHERE status = 'requested' ORDER BY id LIMIT 1",
            )
            if row is None:
                return None
            self._db.execute(
                "UPDATE twitch_connect_requests SET status = 'waiting', updated_at = now() WHERE id = %s",
                (row["id"],),
            )
        return self._request({**row, "status": "waiting"})

    def claim_request(self, request_id: int) -> ConnectRequest | None:
        """This request, marked `waiting` for the caller, unless someone took it already."""
        row = self._db.fetch_one(
            "UPDATE twitch_connect_requests SET status = 'waiting', updated_at = now()"
            " WHERE id = %s AND status = 'requested' RETURNING *",
            (request_id,),
        )
        return self._request(row) if row else None

    def waiting(self) -> list[ConnectRequest]:
        """Requests whose code the streamer may be entering now (a restarted worker polls them again)."""
        rows = self._db.fetch_all(
            "SELECT * FROM twitch_connect_requests WHERE status = 'waiting' AND device_code IS NOT NULL"
            " ORDER BY id"
        )
        return [self._request(row) for row in rows]

    def set_device(
        self,
        request_id: int,
        *,
        user_code: str,
        verification_uri: str,
        device_code: str,
        expires_at: datetime,
    ) -> None:
        """Twitch's answer to the device request: the code for the streamer, the secret one to poll with."""
        self._db.execute(
            "UPDATE twitch_connect_requests SET user_code = %s, verification_uri = %s, device_code = %s,"
            " expires_at = %s, updated_at = now() WHERE id = %s",
            (user_code, verification_uri, self._seal(device_code), expires_at, request_id),
        )

    def finish(self, request_id: int, status: RequestStatus, error: str | None = None) -> bool:
        """End a flow (`connected`, `failed`, `cancelled`); False when it had ended already."""
        return (
            self._db.execute(
                "UPDATE twitch_connect_requests SET status = %s, error = %s, device_code = NULL,"
                " updated_at = now() WHERE id = %s AND status IN ('requested', 'waiting')",
                (status, error, request_id),
            )
            == 1
        )

    # -- internals ---------------------------------------------------------------------------------

    def _seal(self, token: str) -> bytes:
        return self._cipher.encrypt(token.encode())

    def _open(self, sealed: bytes | memoryview) -> str:
        try:
            return self._cipher.decrypt(bytes(sealed)).decode()
        except InvalidToken as exc:
            raise UnreadableToken(
                "a stored Twitch token cannot be decrypted: TOKEN_ENCRYPTION_KEY is not the key it was"
                " stored with (keep the old key after the new one while rotating)"
            ) from exc

    def _grant(self, row: Row) -> TwitchGrant:
        return TwitchGrant(
            id=row["id"],
            slot=row["slot"],
            user_id=row["user_id"],
            twitch_user_id=row["twitch_user_id"],
            twitch_login=row["twitch_login"],
            scopes=tuple(row["scopes"]),
            expires_at=row["expires_at"],
            validated_at=row["validated_at"],
            broken_at=row["broken_at"],
            broken_reason=row["broken_reason"],
            access_token=self._open(row["access_token"]),
            refresh_token=self._open(row["refresh_token"]),
        )

    def _request(self, row: Row) -> ConnectRequest:
        sealed = row.get("device_code")
        return ConnectRequest(
            id=row["id"],
            user_id=row["user_id"],
            slot=row["slot"],
            status=row["status"],
            user_code=row["user_code"],
            verification_uri=row["verification_uri"],
            expires_at=row["expires_at"],
            error=row["error"],
            device_code=self._open(sealed) if sealed is not None else None,
        )
