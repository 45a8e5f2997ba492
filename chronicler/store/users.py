"""Streamer accounts: creation, lookup and the editable profile."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from chronicler.contract.commands import normalize_login
from chronicler.contract.errors import Conflict, ErrorCode, InvalidInput, NotFound
from chronicler.domain.usernames import username_key
from chronicler.domain.webhook_urls import check_webhook_url, mask_webhook_url
from chronicler.store import Database, Row, UniqueViolation

_USERNAME = re.compile(r"^[A-Za-z0-9_.-]{3,32}$")
_DISCORD_ID = re.compile(r"^[0-9]{15,20}$")


@dataclass(frozen=True)
class User:
    """A streamer's account as the rest of the product sees it (never the password hash)."""

    id: int
    username: str
    twitch_channel: str | None
    timezone: str
    webhook_url: str | None
    discord_user_id: str | None
    created_at: datetime

    @classmethod
    def from_row(cls, row: Row) -> User:
        """Build from a `users` row."""
        return cls(
            id=row["id"],
            username=row["username"],
            twitch_channel=row["twitch_channel"],
            timezone=row["timezone"],
            webhook_url=row["webhook_url"],
            discord_user_id=row["discord_user_id"],
            created_at=row["created_at"],
        )


def check_username(username: object) -> str:
    """A valid username, in NFKC form as logins find it ('ａｌｉｃｅ' is 'alice'), or InvalidInput."""
    if isinstance(username, str):
        username = unicodedata.normalize("NFKC", username)
    if not isinstance(username, str) or not _USERNAME.fullmatch(username):
        raise InvalidInput(
            "username must be 3 to 32 characters: letters, digits, '_', '.' or '-'", field="username"
        )
    return username


def check_timezone(name: object) -> str:
    """An IANA time zone name such as 'Europe/Paris', or InvalidInput."""
    if not isinstance(name, str) or not name or len(name) > 64 or name not in _zone_names():
        raise InvalidInput(f"{name!r} is not an IANA time zone name such as 'Europe/Paris'", field="timezone")
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise InvalidInput(f"{name!r} is not a known time zone", field="timezone") from exc
    return name


def check_channel(channel: object) -> str:
    """A Twitch login (accepting '@name', '#name' or a twitch.tv URL), or InvalidInput."""
    try:
        if not isinstance(channel, str):
            raise ValueError("must be a string")
        return normalize_login(channel)
    except ValueError as exc:
        raise InvalidInput(f"twitch_channel: {exc}", field="twitch_channel") from exc


def mask_webhook(url: str | None) -> str | None:
    """The webhook URL with its secret token hidden, for display and logs."""
    return None if url is None else mask_webhook_url(url)


def create_user(
    db: Database, username: str, password_hash: str, *, twitch_channel: str | None = None
) -> User:
    """Insert a user; Conflict when the username is taken in any letter case or width."""
    username = check_username(username)
    values: dict[str, Any] = {"username": username, "password_hash": password_hash}
    if twitch_channel is not None:
        values["twitch_channel"] = check_channel(twitch_channel)
    try:
        with db.transaction():
            row = db.insert("users", values)
            assert row is not None
            db.insert("user_settings", {"user_id": row["id"]}, returning=None)
    except UniqueViolation as exc:
        raise Conflict(f"the username {username!r} is taken", code=ErrorCode.USERNAME_TAKEN) from exc
    return User.from_row(row)


def get_user(db: Database, user_id: int) -> User:
    """The user with this id, or NotFound."""
    row = db.select_one("users", {"id": user_id})
    if row is None:
        raise NotFound("no such user")
    return User.from_row(row)


def find_credentials(db: Database, username: str) -> tuple[User, str] | None:
    """The user and password hash for a username in any letter case, or None."""
    # Stored usernames are ASCII, so PostgreSQL's lower() of them is their key; the typed name's key
    # comes from Python, as the login throttle's does (the two lower-case other letters differently).
    row = db.fetch_one("SELECT * FROM users WHERE lower(username) = %s", (username_key(username),))
    return None if row is None else (User.from_row(row), row["password_hash"])


def find_by_channel(db: Database, channel: str) -> User | None:
    """The streamer whose Twitch channel it is, or None."""
    row = db.select_one("users", {"twitch_channel": channel})
    return None if row is None else User.from_row(row)


def find_by_discord(db: Database, discord_user_id: str) -> User | None:
    """The user linked to a Discord account, or None."""
    row = db.select_one("users", {"discord_user_id": check_discord_id(discord_user_id)})
    return None if row is None else User.from_row(row)


def check_discord_id(value: object) -> str:
    """A Discord user id (a snowflake, as digits), or InvalidInput."""
    text = str(value) if isinstance(value, int) and not isinstance(value, bool) else value
    if not isinstance(text, str) or not _DISCORD_ID.fullmatch(text):
        raise InvalidInput("discord_user_id must be a Discord user id (digits)", field="discord_user_id")
    return text


def update_profile(
    db: Database, user_id: int, changes: dict[str, Any], *, allow_local_webhooks: bool = False
) -> User:
    """Change channel, timezone and/or webhook URL (None clears channel and webhook).

    A new webhook URL also clears the "broken" mark a 404 left on the old one.
    """
    checks: dict[str, Any] = {
        "twitch_channel": check_channel,
        "timezone": check_timezone,
        "webhook_url": lambda url: _webhook(url, allow_local_webhooks),
    }
    values: dict[str, Any] = {}
    for name, value in changes.items():
        if name not in checks:
            raise InvalidInput(f"{name} cannot be changed here", field=name)
        if value is None and name != "timezone":
            values[name] = None
        else:
            values[name] = checks[name](value)
    if not values:
        return get_user(db, user_id)
    if values.get("twitch_channel") is not None:
        refuse_anothers_channel(db, user_id, values["twitch_channel"])
    if "webhook_url" in values:
        values["webhook_broken_at"] = None
    row = db.update("users", {**values, "updated_at": datetime.now(UTC)}, {"id": user_id}, returning="*")
    if row is None:
        raise NotFound("no such user")
    return User.from_row(row)  # type: ignore[arg-type]


def _webhook(url: object, allow_local: bool) -> str:
    if not isinstance(url, str) or len(url) > 512:
        raise InvalidInput("webhook_url must be a Discord webhook URL", field="webhook_url")
    return check_webhook_url(url, allow_insecure_local=allow_local)


def count_users(db: Database) -> int:
    """How many accounts exist."""
    return db.count("users")


@cache
def _zone_names() -> frozenset[str]:
    """IANA zone names known to this machine (tzdata), read once."""
    return frozenset(available_timezones())


def list_users(db: Database, *, limit: int) -> list[User]:
    """The first `limit` accounts, oldest first."""
    return [User.from_row(row) for row in db.select("users", order_by="id", limit=limit)]


def link_discord_account(db: Database, user_id: int, discord_user_id: str, *, at: datetime) -> User:
    """Link the account to a Discord user; UniqueViolation when another account has it."""
    row = db.update(
        "users", {"discord_user_id": discord_user_id, "updated_at": at}, {"id": user_id}, returning="*"
    )
    if row is None:
        raise NotFound("no such user")
    return User.from_row(row)  # type: ignore[arg-type]


def refuse_anothers_channel(db: Database, user_id: int, channel: str) -> None:
    """Conflict when another account has `channel` as its own: one channel, one owner.

    Until Twitch's OAuth proves who owns a channel, the first account to name it keeps it; without
    this, a second account could chronicle someone else's chat and read it back.
    """
    owner = db.fetch_value(
        "SELECT username FROM users WHERE twitch_channel = %s AND id <> %s LIMIT 1", (channel, user_id)
    )
    if owner is not None:
        raise Conflict(
            f"#{channel} is another streamer's channel on this Chronicler; ask its operator",
            code=ErrorCode.CHANNEL_TAKEN,
            field="twitch_channel",
        )


def set_password_hash(db: Database, user_id: int, password_hash: str) -> None:
    """Replace a user's password hash."""
    db.execute("UPDATE users SET password_hash = %s WHERE id = %s", (password_hash, user_id))


def mark_webhook_broken(db: Database, user_id: int, *, at: datetime) -> None:
    """The streamer's webhook answered 404 at `at`: ledgers go to exports/ until a new one is set."""
    db.execute("UPDATE users SET webhook_broken_at = %s WHERE id = %s", (at, user_id))
