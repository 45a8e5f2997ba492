"""A logged-in twitchio client for the bot, pointed at Twitch or at any base URLs it is given.

twitchio 3.3.2 builds every HTTP URL from two class constants (``twitchio.http.Route.BASE`` and
``ID_BASE``) and offers no parameter for them. What it does take is the `aiohttp.ClientSession` it
should use (``Client(session=...)``), shared by its Helix and OAuth clients. So the injection point
is that session: an aiohttp client middleware rewrites Twitch's two URL prefixes to the configured
ones. With Twitch's real URLs (the defaults) nothing is rewritten. The EventSub WebSocket URL is
handled separately, in `twitch._socket`.

The same session notes each response's status and ``Ratelimit-Reset`` header for the `twitch_errors`
block around the call, since twitchio's `HTTPException` keeps neither header: so a 429 becomes a
`TwitchRateLimited` that says when Twitch's bucket refills.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

import aiohttp
import twitchio
from aiohttp import ClientHandlerType, ClientRequest, ClientResponse, hdrs
from twitchio.authentication.tokens import ManagedHTTPClient
from yarl import URL

from chronicler.twitch._errors import (
    TwitchAuthError,
    TwitchError,
    TwitchRateLimited,
    TwitchRequestRejected,
    TwitchUnavailable,
    UnknownChannel,
)

logger = logging.getLogger(__name__)

HELIX_URL = "https://api.twitch.tv/helix"
ID_URL = "https://id.twitch.tv"
EVENTSUB_URL = "wss://eventsub.wss.twitch.tv/ws"

# The prefixes twitchio puts in front of every request path (Route.BASE and Route.ID_BASE).
_TWITCHIO_HELIX = "https://api.twitch.tv/helix/"
_TWITCHIO_ID = "https://id.twitch.tv/"


@dataclass(frozen=True)
class TwitchCredentials:
    """The app's client id/secret and the bot account's user token (secrets are kept out of repr)."""

    client_id: str
    client_secret: str = field(repr=False)
    bot_user_id: str
    access_token: str = field(repr=False)
    refresh_token: str | None = field(default=None, repr=False)


class AccessTokens(Protocol):
    """Where the bot's access token comes from when it is a stored grant ("connect twitch").

    `access_token()` is a current one (refreshed ahead of expiry); `refreshed(stale)` one other than
    `stale`, which Twitch refused with a 401. Both raise `TwitchAuthError` when there is none to be had.
    Without one (`.env` tokens), twitchio refreshes the token itself, as before.
    """

    async def access_token(self) -> str: ...

    async def refreshed(self, stale: str) -> str: ...


async def fresh_credentials(credentials: TwitchCredentials, tokens: AccessTokens | None) -> TwitchCredentials:
    """The credentials with the grant's current access token (no refresh token: the keeper refreshes)."""
    if tokens is None:
        return credentials
    return replace(credentials, access_token=await tokens.access_token(), refresh_token=None)


class HelixClient:
    """A twitchio client logged in as the bot, and the aiohttp session under it; close with `aclose`."""

    def __init__(self, client: twitchio.Client, session: aiohttp.ClientSession, bot_user_id: str) -> None:
        self.client = client
        self.bot_user_id = bot_user_id
        self._session = session
        self.access_token = ""  # the bot's token twitchio holds now

    async def use_token(self, access_token: str) -> None:
        """Hand twitchio a new access token for the bot (after a refresh elsewhere)."""
        if access_token == self.access_token:
            return
        with twitch_errors("accept the bot's refreshed access token", auth=True):
            await self.client.add_token(access_token, "")
        self.access_token = access_token

    async def keep_fresh(self, tokens: AccessTokens | None) -> None:
        """Before a call: the grant's current token, if it changed since twitchio got one."""
        if tokens is not None:
            await self.use_token(await tokens.access_token())

    async def after_refusal(self, tokens: AccessTokens | None, error: TwitchAuthError) -> None:
        """After a 401: a refreshed token, or `error` again when there is no grant to refresh."""
        if tokens is None:
            raise error
        await self.use_token(await tokens.refreshed(self.access_token))

    @classmethod
    async def open(
        cls,
        credentials: TwitchCredentials,
        *,
        helix_url: str = HELIX_URL,
        id_url: str = ID_URL,
        scopes: Iterable[str] = (),
        request_timeout: float | None = None,
    ) -> HelixClient:
        """Log in (app token), add the bot's user token and check it carries `scopes`.

        `request_timeout` bounds each HTTP request, in seconds (None: aiohttp's five minutes).
        """
        session = routed_session(helix_url=helix_url, id_url=id_url, request_timeout=request_timeout)
        client = twitchio.Client(
            client_id=credentials.client_id,
            client_secret=credentials.client_secret,
            bot_id=credentials.bot_user_id,
            session=session,
            fetch_client_user=False,
        )
        helix = cls(client, session, credentials.bot_user_id)
        try:
            await helix._log_in(credentials, frozenset(scopes))
        except BaseException:
            await helix.aclose()
            raise
        return helix

    @property
    def http(self) -> ManagedHTTPClient:
        """twitchio's token-managing Helix client."""
        return self.client.http

    async def user_id(self, login: str) -> str:
        """The Twitch user id behind `login`; raises `UnknownChannel` when there is none."""
        with twitch_errors(f"look up the Twitch user {login!r}"):
            users = await self.client.fetch_users(logins=[login])
        if not users:
            raise UnknownChannel(login)
        return str(users[0].id)

    async def moderates(self, channel_id: str) -> bool:
        """Whether the bot moderates the channel: Helix "Get Moderated Channels", page by page.

        Needs the ``user:read:moderated_channels`` scope; without it Twitch answers 401, raised as
        `TwitchAuthError`.
        """
        bot = self.bot_user_id
        with twitch_errors("list the channels the bot moderates"):
            # 100 a page, Twitch's most, and stop at the channel: a busy moderator may have many pages.
            async for channel in self.http.get_moderated_channels(user_id=bot, token_for=bot, first=100):
                if str(channel.id) == channel_id:
                    return True
        return False

    async def aclose(self) -> None:
        """Close the client (and its EventSub sockets) and the session."""
        try:
            await self.client.close(save_tokens=False)
        finally:
            await self._session.close()

    async def _log_in(self, credentials: TwitchCredentials, scopes: frozenset[str]) -> None:
        with twitch_errors("log in with the client id and secret", auth=True):
            # load/save_tokens=False: twitchio would otherwise read and write .tio.tokens.json in the cwd.
            await self.client.login(load_tokens=False, save_tokens=False)
        with twitch_errors("accept the bot's access token", auth=True):
            validated = await self.client.add_token(credentials.access_token, credentials.refresh_token or "")
        self.access_token = credentials.access_token
        if validated.user_id != credentials.bot_user_id:
            raise TwitchAuthError(
                f"the access token belongs to user {validated.user_id!r} "
                f"({validated.login!r}), not to the bot user {credentials.bot_user_id!r}"
            )
        missing = scopes.difference(validated.scopes)
        if missing:
            raise TwitchAuthError(f"the bot's token lacks the scope(s) {', '.join(sorted(missing))}")


class _UnreadableAnswer(Exception):
    """The cause of a `TwitchUnavailable` for a successful HTTP answer whose body twitchio could not read."""


@dataclass
class HelixAnswer:
    """What the last response inside one `twitch_errors` block said: its status and rate-limit reset."""

    status: int | None = None
    ratelimit_reset: float | None = None  # Ratelimit-Reset: Unix epoch seconds


# Set by `twitch_errors` for the calls inside it (one per task, so concurrent calls never mix answers).
_answer: ContextVar[HelixAnswer | None] = ContextVar("chronicler_helix_answer", default=None)


def routed_session(
    *, helix_url: str = HELIX_URL, id_url: str = ID_URL, request_timeout: float | None = None
) -> aiohttp.ClientSession:
    """An aiohttp session that sends twitchio's Helix and OAuth requests to the given base URLs."""
    wanted = ((_TWITCHIO_HELIX, helix_url, HELIX_URL), (_TWITCHIO_ID, id_url, ID_URL))
    routes = [
        (prefix, target.rstrip("/") + "/")
        for prefix, target, default in wanted
        if target.rstrip("/") != default
    ]

    async def reroute(request: ClientRequest, handler: ClientHandlerType) -> ClientResponse:
        url = str(request.url)
        for prefix, target in routes:
            if url.startswith(prefix):
                request.url = URL(target + url[len(prefix) :], encoded=True)
                request.headers[hdrs.HOST] = request.url.host_port_subcomponent or ""
                break
        return await handler(request)

    middlewares = (_note_answer, reroute) if routes else (_note_answer,)
    if request_timeout is None:
        return aiohttp.ClientSession(middlewares=middlewares)
    timeout = aiohttp.ClientTimeout(total=request_timeout)
    return aiohttp.ClientSession(middlewares=middlewares, timeout=timeout)


async def _note_answer(request: ClientRequest, handler: ClientHandlerType) -> ClientResponse:
    """Keep the response's status and Ratelimit-Reset for the `twitch_errors` block around the call."""
    response = await handler(request)
    answer = _answer.get()
    if answer is not None:
        answer.status = response.status
        answer.ratelimit_reset = _epoch_seconds(response.headers.get("Ratelimit-Reset"))
    return response


def _epoch_seconds(value: str | None) -> float | None:
    """A Ratelimit-Reset header as a Unix time, or None when missing or not a sane number."""
    try:
        seconds = float(value) if value is not None else math.nan
    except ValueError:
        return None
    return seconds if math.isfinite(seconds) and seconds > 0 else None


@contextmanager
def twitch_errors(action: str, *, auth: bool = False) -> Iterator[None]:
    """Map twitchio/aiohttp failures while doing `action` to `TwitchError`s; `auth` makes 4xx an auth error.

    twitchio's exceptions quote the request URL, which for OAuth calls carries the client secret,
    and sometimes the token itself; so their text never travels on: the cause is dropped and only the
    status and Twitch's own message are kept. A 429 is a `TwitchRateLimited` carrying the response's
    Ratelimit-Reset; connection failures keep their aiohttp cause (callers tell "never sent" from
    "sent, no answer" by it).
    """
    answer = HelixAnswer()
    noted = _answer.set(answer)
    try:
        yield
    except TwitchError:
        raise
    except twitchio.HTTPException as exc:
        if answer.status is not None and answer.status < 400:
            # twitchio's own complaint about a successful answer (not JSON): Twitch did take the request.
            unreadable = _UnreadableAnswer(f"HTTP {answer.status} without a JSON body")
            raise TwitchUnavailable(f"Twitch's answer to {action} was unreadable") from unreadable
        message = f"Twitch refused to {action}: {_twitch_message(exc.extra)}"
        if exc.status == 429:
            reset = answer.ratelimit_reset if answer.status == 429 else None
            raise TwitchRateLimited(f"{message} (HTTP 429)", reset_at=reset) from None
        # A refusal from id.twitch.tv in the middle of a Helix call is a token refresh that failed.
        oauth_refused = getattr(exc.route, "use_id", False)
        raise _from_status(exc.status, message, auth or oauth_refused) from None
    except twitchio.WebsocketConnectionException as exc:
        raise TwitchUnavailable(f"could not {action}: the EventSub WebSocket did not connect") from exc
    except (TimeoutError, aiohttp.ClientError, OSError) as exc:
        reason = str(exc) or type(exc).__name__  # a timeout's text is empty
        raise TwitchUnavailable(f"could not reach Twitch to {action}: {reason}") from exc
    finally:
        _answer.reset(noted)


def may_have_arrived(error: TwitchUnavailable) -> bool:
    """Whether the request behind a `twitch_errors` failure may have reached Twitch with no answer back.

    Twitch answering with a status (5xx, 429) says what became of the request: it did nothing. A
    failure to connect (refused, DNS, TLS, connect timeout) means nothing of the request left this
    machine. Anything later (a read timeout, a connection dropped mid-request, a half-read answer) may
    come after Twitch acted on the request, so the outcome is unknown.
    """
    cause = error.__cause__
    if cause is None:
        return False
    return not isinstance(cause, (aiohttp.ClientConnectorError, aiohttp.ConnectionTimeoutError))


def _from_status(status: int, message: str, auth: bool) -> TwitchError:
    if status in (401, 403) or (auth and 400 <= status < 500 and status != 429):
        return TwitchAuthError(message)
    if status == 429 or status >= 500 or status == 0:
        return TwitchUnavailable(f"{message} (HTTP {status})")
    return TwitchRequestRejected(f"{message} (HTTP {status})", http_status=status)


def _twitch_message(extra: Any) -> str:
    if isinstance(extra, dict):
        return str(extra.get("message") or extra.get("error") or "no reason given")
    return "no reason given"
