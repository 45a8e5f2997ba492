"""The accounts service: what the API asks of accounts, in one place."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from chronicler.accounts.access_tokens import AccessClaims, AccessTokens
from chronicler.accounts.passwords import hash_password, verify_password
from chronicler.config.settings import Settings
from chronicler.contract.errors import Conflict, ErrorCode, NotFound, Unauthorized
from chronicler.store import Database, UniqueViolation, revoked_tokens, users
from chronicler.store.link_codes import LinkCodes
from chronicler.store.refresh_tokens import RefreshTokens
from chronicler.store.users import User


@dataclass(frozen=True)
class TokenPair:
    """What a login or a refresh hands back."""

    access_token: str
    refresh_token: str
    expires_in: int  # seconds until the access token expires


class Accounts:
    """Registration, login, tokens and Discord linking over one database."""

    def __init__(
        self,
        db: Database,
        *,
        access: AccessTokens,
        refresh: RefreshTokens,
        link_codes: LinkCodes,
        bcrypt_rounds: int = 12,
        allow_local_webhooks: bool = False,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.db = db
        self.access = access
        self.refresh_tokens = refresh
        self.link_codes = link_codes
        self.bcrypt_rounds = bcrypt_rounds
        self.allow_local_webhooks = allow_local_webhooks
        self._clock = clock

    @classmethod
    def from_settings(
        cls, db: Database, settings: Settings, *, clock: Callable[[], datetime] | None = None
    ) -> Accounts:
        """Build from settings whose secrets are set (see config.secrets.with_secrets)."""
        if settings.jwt_secret is None:
            raise ValueError("settings.jwt_secret is not set")
        clock = clock or (lambda: datetime.now(UTC))
        return cls(
            db,
            access=AccessTokens(
                settings.jwt_secret,
                issuer=settings.jwt_issuer,
                audience=settings.jwt_audience,
                ttl=timedelta(minutes=settings.access_token_minutes),
                clock=clock,
            ),
            refresh=RefreshTokens(db, ttl=timedelta(days=settings.refresh_token_days), clock=clock),
            link_codes=LinkCodes(db, ttl=timedelta(minutes=settings.link_code_minutes), clock=clock),
            bcrypt_rounds=settings.bcrypt_rounds,
            allow_local_webhooks=settings.allow_local_webhooks,
            clock=clock,
        )

    # -- accounts -----------------------------------------------------------------------

    def register(self, username: str, password: str, *, twitch_channel: str | None = None) -> User:
        """Create an account; InvalidInput for a bad username or password, Conflict when taken."""
        username = users.check_username(username)
        hashed = hash_password(password, self.bcrypt_rounds)
        return users.create_user(self.db, username, hashed, twitch_channel=twitch_channel)

    def set_password(self, username: str, password: str) -> User:
        """Give an account a new password and end its logins (refresh tokens); NotFound if none."""
        found = users.find_credentials(self.db, username)
        if found is None:
            raise NotFound(f"no user named {username!r}", field="username")
        hashed = hash_password(password, self.bcrypt_rounds)
        with self.db.transaction():
            users.set_password_hash(self.db, found[0].id, hashed)
            self.refresh_tokens.revoke_all(found[0].id)
        return found[0]

    def login(self, username: str, password: str) -> tuple[User, TokenPair]:
        """Check a password and start a login; one vague Unauthorized for every failure."""
        found = users.find_credentials(self.db, username) if isinstance(username, str) else None
        # verify_password runs bcrypt even for an unknown user, so timing does not reveal usernames.
        if not verify_password(password, found[1] if found else None) or found is None:
            raise Unauthorized("wrong username or password", code=ErrorCode.INVALID_CREDENTIALS)
        user = found[0]
        return user, self._tokens(user.id, self.refresh_tokens.issue(user.id))

    def refresh(self, refresh_token: str) -> TokenPair:
        """Rotate a refresh token into a new pair."""
        user_id, successor = self.refresh_tokens.rotate(refresh_token)
        return self._tokens(user_id, successor)

    def logout(self, claims: AccessClaims, refresh_token: str | None = None) -> None:
        """Revoke this access token and, when given, the refresh token's whole family."""
        revoked_tokens.revoke_access_token(self.db, claims.jti, expires_at=claims.expires_at)
        if refresh_token:
            self.refresh_tokens.revoke(refresh_token, user_id=claims.user_id)

    def authenticate(self, access_token: str) -> tuple[User, AccessClaims]:
        """The user behind a valid, unrevoked access token."""
        claims = self.access.verify(access_token)
        if revoked_tokens.is_revoked(self.db, claims.jti):
            raise Unauthorized("token has been revoked", code=ErrorCode.TOKEN_REVOKED)
        try:
            return users.get_user(self.db, claims.user_id), claims
        except NotFound as exc:
            raise Unauthorized(
                "the account of this token no longer exists", code=ErrorCode.INVALID_TOKEN
            ) from exc

    def get_user(self, user_id: int) -> User:
        """The user with this id."""
        return users.get_user(self.db, user_id)

    def update_profile(self, user_id: int, changes: dict[str, Any]) -> User:
        """Change channel, timezone and/or webhook URL."""
        return users.update_profile(self.db, user_id, changes, allow_local_webhooks=self.allow_local_webhooks)

    # -- Discord linking ----------------------------------------------------------------

    def create_link_code(self, user_id: int) -> tuple[str, datetime]:
        """A one-time code the streamer DMs to the bot as `link <code>`."""
        return self.link_codes.create(user_id)

    def link_discord(self, code: str, discord_user_id: str) -> User:
        """Redeem a link code for a Discord account."""
        discord_user_id = users.check_discord_id(discord_user_id)
        with self.db.transaction():
            user_id = self.link_codes.redeem(code, discord_user_id)
            holder = users.find_by_discord(self.db, discord_user_id)
            if holder is not None and holder.id != user_id:
                raise Conflict(
                    "this Discord account is linked to another streamer; unlink it there first",
                    code=ErrorCode.DISCORD_ALREADY_LINKED,
                )
            try:
                return users.link_discord_account(self.db, user_id, discord_user_id, at=self._clock())
            except UniqueViolation as exc:
                raise Conflict(
                    "this Discord account is already linked", code=ErrorCode.DISCORD_ALREADY_LINKED
                ) from exc

    def token_for_discord(self, discord_user_id: str) -> tuple[User, str, int]:
        """A short-lived access token for the streamer linked to this Discord account."""
        user = users.find_by_discord(self.db, discord_user_id)
        if user is None:
            raise NotFound("this Discord account is not linked to a streamer", code=ErrorCode.NOT_LINKED)
        token, _claims = self.access.issue(user.id)
        return user, token, int(self.access.ttl.total_seconds())

    def _tokens(self, user_id: int, refresh_token: str) -> TokenPair:
        access_token, _claims = self.access.issue(user_id)
        return TokenPair(access_token, refresh_token, int(self.access.ttl.total_seconds()))
