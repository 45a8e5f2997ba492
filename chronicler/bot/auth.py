"""How a conversation gets access tokens: from the bot endpoints for Discord users, or from a provider.

    DiscordAuthenticator(client)       `/api/bot/token` per Discord user, cached until shortly before expiry
    ProvidedAuthenticator(provider)    the console: an async callable that mints a token for the local user

Both hand out one `TokenSource` per user; after a 401 the API wrapper asks again, naming the token that
was refused, so requests that fail together renew the token once, not once each.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Protocol

from chronicler.bot.api_client import ApiClient
from chronicler.contract.api import UserOut
from chronicler.contract.errors import Conflict

TokenProvider = Callable[[], Awaitable[str]]
Clock = Callable[[], datetime]

# Ask for a new token this long before the old one expires, so a request never races the expiry.
_EXPIRY_MARGIN = timedelta(seconds=30)


class LinkUnsupported(Conflict):
    """This kind of conversation cannot link accounts (the console is already signed in).

    A Conflict: the request is fine in itself but clashes with the conversation's state, and the
    streamer can act on the message (link from Discord instead).
    """


class TokenSource(Protocol):
    """Access tokens for one streamer."""

    profile: UserOut | None  # the streamer's profile, when getting a token told us

    async def token(self, *, rejected: str | None = None) -> str:
        """A token to send; never `rejected`, the one the API just refused."""
        ...


class Authenticator(Protocol):
    """Turns a conversation's user key into tokens, and links accounts where that makes sense."""

    def tokens_for(self, user_key: str) -> TokenSource:
        """The token source for one user (called once per user and kept)."""
        ...

    async def link(self, user_key: str, code: str) -> UserOut:
        """Redeem a link code for this user; the linked streamer's profile."""
        ...


class DiscordTokens:
    """Tokens for one Discord user from `/api/bot/token`; raises NotLinked when nobody linked it."""

    def __init__(self, client: ApiClient, discord_user_id: str, clock: Clock) -> None:
        self._client = client
        self._discord_user_id = discord_user_id
        self._clock = clock
        self._token: str | None = None
        self._good_until = datetime.min.replace(tzinfo=UTC)
        self._lock = asyncio.Lock()
        self.profile: UserOut | None = None

    async def token(self, *, rejected: str | None = None) -> str:
        """The cached token, or a new one when missing, nearly expired, or the cached one was rejected."""
        async with self._lock:
            if self._token is None or self._token == rejected or self._clock() >= self._good_until:
                issued = await self._client.token_for_discord(self._discord_user_id)
                self._token = issued.access_token
                self._good_until = self._clock() + timedelta(seconds=issued.expires_in) - _EXPIRY_MARGIN
                self.profile = issued.user
            return self._token


class DiscordAuthenticator:
    """Discord users: tokens through the bot endpoints, linking with one-time codes."""

    def __init__(self, client: ApiClient, *, clock: Clock = lambda: datetime.now(UTC)) -> None:
        self._client = client
        self._clock = clock

    def tokens_for(self, user_key: str) -> DiscordTokens:
        """Tokens for the Discord user with this id."""
        return DiscordTokens(self._client, user_key, self._clock)

    async def link(self, user_key: str, code: str) -> UserOut:
        """`POST /api/bot/link` for this Discord user."""
        return await self._client.link_discord(user_key, code)


class ProvidedTokens:
    """Tokens from a provider; a new one is minted only when none is held or the API refused it."""

    def __init__(self, provider: TokenProvider) -> None:
        self._provider = provider
        self._token: str | None = None
        self._lock = asyncio.Lock()
        self.profile: UserOut | None = None

    async def token(self, *, rejected: str | None = None) -> str:
        """The held token, or a freshly provided one when none is held or it was rejected."""
        async with self._lock:
            if self._token is None or self._token == rejected:
                self._token = await self._provider()
            return self._token


class ProvidedAuthenticator:
    """The console: one local streamer whose tokens the operator's CLI mints directly."""

    def __init__(self, provider: TokenProvider) -> None:
        self._provider = provider

    def tokens_for(self, user_key: str) -> ProvidedTokens:
        """The same local streamer whatever the key."""
        return ProvidedTokens(self._provider)

    async def link(self, user_key: str, code: str) -> UserOut:
        """The console is signed in already; there is nothing to link."""
        raise LinkUnsupported("the console is already signed in as the local streamer; codes are for Discord")
