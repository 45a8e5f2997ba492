"""The bot's HTTP client for the Chronicler API: one place where transport failures become our errors.

    ApiClient(session, base_url, bot_secret=...)   aiohttp session injected; never reads the environment

Errors (every failure of a request is one of these, raised ``from`` the aiohttp or JSON error):

    ApiError
    ├── ApiUnavailable        connection refused, timeout, 5xx, an answer that is not JSON
    ├── EndpointMissing       404 "no such endpoint" / 405: this API does not have the route (yet)
    ├── BotSecretRejected     401 bad_service_secret: BOT_API_SECRET differs from the API's (operator's fix)
    └── ApiUserError          any other 4xx, with the API's `code` and `message` (safe to show)
        ├── NotLinked         404 not_linked: this Discord account has no streamer yet
        └── TokenRejected     401 on a bearer endpoint (missing, invalid, revoked token)
            └── TokenExpired  401 token_expired

Tokens are sent, never logged: log lines name the method, path and status only.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Any, cast

import aiohttp

log = logging.getLogger(__name__)

JsonObject = dict[str, Any]


class ApiError(Exception):
    """Base of every failure talking to the API."""


class ApiUnavailable(ApiError):
    """The API could not be reached or failed on its side; the request may work later."""


class EndpointMissing(ApiError):
    """The API has no such route: the bot and the API are from different versions."""


class BotSecretRejected(ApiError):
    """The API refused the bot's service secret; the operator must fix BOT_API_SECRET."""


class ApiUserError(ApiError):
    """The API refused the request for a reason it explains; `message` is written for the streamer."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        field: str | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(f"{status} {code}: {message}")
        self.status = status
        self.code = code
        self.message = message
        self.field = field
        self.retry_after = retry_after


class NotLinked(ApiUserError):
    """No streamer has linked this Discord account."""


class TokenRejected(ApiUserError):
    """The access token was refused."""


class TokenExpired(TokenRejected):
    """The access token has expired; a fresh one will do."""


@dataclass(frozen=True)
class IssuedToken:
    """An access token from `/api/bot/token`, with its lifetime and the streamer's profile."""

    access_token: str
    expires_in: int
    user: JsonObject

    def __repr__(self) -> str:  # the token itself must never reach a log line
        return f"IssuedToken(expires_in={self.expires_in}, user={self.user.get('username')!r})"


class ApiClient:
    """Sends JSON requests to the API and turns every failure into an `ApiError`."""

    def __init__(
        self,
        session: aiohttp.ClientSession,
        base_url: str,
        *,
        bot_secret: str | None = None,
        timeout_s: float = 10.0,
    ) -> None:
        if not base_url.startswith(("http://", "https://")):
            raise ValueError(f"the API URL must start with http:// or https://, got {base_url!r}")
        self._session = session
        self.base_url = base_url.rstrip("/")
        self._bot_secret = bot_secret
        self._timeout = aiohttp.ClientTimeout(total=timeout_s)

    async def request(
        self,
        method: str,
        path: str,
        *,
        token: str | None = None,
        bot: bool = False,
        json_body: JsonObject | None = None,
        params: dict[str, str | int] | None = None,
    ) -> Any:
        """Send one request; the decoded JSON body on 2xx, an `ApiError` otherwise."""
        headers = {"Accept": "application/json"}
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        if bot:
            if not self._bot_secret:
                raise BotSecretRejected("the bot has no BOT_API_SECRET to call bot endpoints with")
            headers["X-Bot-Secret"] = self._bot_secret
        url = self.base_url + path
        try:
            async with self._session.request(
                method, url, headers=headers, json=json_body, params=params, timeout=self._timeout
            ) as response:
                body = await response.read()
                status = response.status
        except TimeoutError as exc:
            log.warning("API %s %s timed out", method, path)
            raise ApiUnavailable(f"the API did not answer {method} {path} in time") from exc
        except aiohttp.ClientError as exc:
            log.warning("API %s %s failed: %s", method, path, type(exc).__name__)
            raise ApiUnavailable(f"cannot reach the API at {self.base_url}: {exc}") from exc
        log.debug("API %s %s -> %s", method, path, status)
        return _decode(method, path, status, body, bearer=token is not None)

    # -- the bot's own endpoints (X-Bot-Secret) ------------------------------------------------

    async def health(self) -> JsonObject:
        """`GET /health`: is the API up?"""
        return cast(JsonObject, await self.request("GET", "/health"))

    async def link_discord(self, discord_user_id: str, code: str) -> JsonObject:
        """Redeem a link code for a Discord account; the linked streamer's profile."""
        return cast(
            JsonObject,
            await self.request(
                "POST",
                "/api/bot/link",
                bot=True,
                json_body={"discord_user_id": discord_user_id, "code": code},
            ),
        )

    async def token_for_discord(self, discord_user_id: str) -> IssuedToken:
        """A short-lived access token for the streamer linked to `discord_user_id`; NotLinked if none."""
        body = await self.request(
            "POST", "/api/bot/token", bot=True, json_body={"discord_user_id": discord_user_id}
        )
        try:
            user = dict(body.get("user") or {})
            return IssuedToken(str(body["access_token"]), int(body["expires_in"]), user)
        except (KeyError, TypeError, ValueError) as exc:
            raise ApiUnavailable("the API answered /api/bot/token without a token") from exc


def _decode(method: str, path: str, status: int, body: bytes, *, bearer: bool) -> Any:
    """Map one HTTP answer onto a value or an `ApiError`."""
    try:
        data = json.loads(body) if body else None
    except ValueError as exc:
        if 200 <= status < 300 or status >= 500:
            raise ApiUnavailable(f"the API answered {method} {path} with {status} and no JSON") from exc
        data = None
    if 200 <= status < 300:
        return data
    if status >= 500:
        raise ApiUnavailable(f"the API failed on {method} {path} ({status})")
    error = data.get("error") if isinstance(data, dict) else None
    error = error if isinstance(error, dict) else {}
    code = str(error.get("code") or f"http_{status}")
    message = str(error.get("message") or f"the API refused the request ({status})")
    if status == 405 or (status == 404 and code == "not_found" and message == "no such endpoint"):
        raise EndpointMissing(f"the API has no {method} {path} ({status})")
    if status == 401 and code == "bad_service_secret":
        raise BotSecretRejected("the API refused the bot's service secret (check BOT_API_SECRET)")
    kind: type[ApiUserError] = ApiUserError
    if status == 404 and code == "not_linked":
        kind = NotLinked
    elif status == 401 and bearer:
        kind = TokenExpired if code == "token_expired" else TokenRejected
    retry_after = error.get("retry_after")
    raise kind(
        status,
        code,
        message,
        field=error.get("field"),
        retry_after=float(retry_after) if isinstance(retry_after, int | float) else None,
    )
