"""The bot's HTTP client for the Chronicler API: one place where transport failures become our errors.

    ApiClient(session, base_url, bot_secret=...)   aiohttp session injected; never reads the environment
    await client.fetch(UserOut, "GET", "/api/me", token=...)   the body, read with the contract's model

Bodies are read with the models of `chronicler.contract.api`, the ones the API builds them with, and
error bodies as its `ErrorOut`; codes are `ErrorCode` members, never bare strings.

Errors (every failure of a request is one of these, raised ``from`` the aiohttp, JSON or pydantic
error), rooted in the product's tree (`chronicler.contract.errors`):

    ChroniclerError
    └── ApiError                  any failure talking to the API
        ├── ApiUnavailable        connection refused, timeout, 5xx, an answer that is not JSON
        │   │                     (also a ServiceUnavailable: transient, what `runtime.backoff` retries)
        │   └── ContractMismatch  a 2xx body its model refuses: the bot and the API differ in version
        ├── EndpointMissing       404 no_such_endpoint / 405: this API does not have the route (yet)
        ├── BotSecretRejected     401 bad_service_secret: BOT_API_SECRET differs from the API's (the
        │                         operator's fix)
        └── ApiUserError          any other 4xx, with the API's `code` and `message` (safe to show);
            │                     also a UserError
            ├── NotLinked         404 not_linked: this Discord account has no streamer yet
            └── TokenRejected     401 on a bearer endpoint (missing, invalid, revoked token)
                └── TokenExpired  401 token_expired

Tokens are sent, never logged: log lines name the method, path and status only.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Any, TypeVar

import aiohttp
from pydantic import ValidationError

from chronicler.contract.api import (
    BotNoticesOut,
    BotTokenOut,
    ErrorDetail,
    ErrorOut,
    HealthOut,
    Out,
    UserOut,
    error_code,
)
from chronicler.contract.errors import ChroniclerError, ErrorCode, ServiceUnavailable, UserError

log = logging.getLogger(__name__)

JsonObject = dict[str, Any]
M = TypeVar("M", bound=Out)


class ApiError(ChroniclerError):
    """Base of every failure talking to the API."""


class ApiUnavailable(ApiError, ServiceUnavailable):
    """The API could not be reached or failed on its side; the request may work later."""


class ContractMismatch(ApiUnavailable):
    """A success whose body the contract's model refuses: the bot and the API are from different versions.

    Transient like its parent: it ends when both sides run the same version again (a deploy in progress).
    """


class EndpointMissing(ApiError):
    """The API has no such route: the bot and the API are from different versions."""

    status = 404
    code = ErrorCode.NO_SUCH_ENDPOINT


class BotSecretRejected(ApiError):
    """The API refused the bot's service secret; the operator must fix BOT_API_SECRET."""

    status = 401
    code = ErrorCode.BAD_SERVICE_SECRET


class ApiUserError(ApiError, UserError):
    """The API refused the request for a reason it explains; `message` is written for the streamer.

    `code` is the API's code as an ErrorCode; a code this bot does not know (a newer API) is its
    status's generic one, with the API's own string kept as `raw_code`.
    """

    def __init__(
        self,
        status: int,
        code: ErrorCode,
        message: str,
        *,
        raw_code: str | None = None,
        field: str | None = None,
        retry_after: float | None = None,
    ) -> None:
        """`status` as answered, `code` as understood, `raw_code` as sent (when it differs)."""
        super().__init__(message, field=field, code=code)
        self.status = status
        self.raw_code = raw_code or str(code)
        self.retry_after = retry_after

    def __str__(self) -> str:
        """'409 session_active: a session is already being chronicled' (for logs and the audit trail)."""
        return f"{self.status} {self.raw_code}: {self.message}"


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
    user: UserOut

    def __repr__(self) -> str:  # the token itself must never reach a log line
        return f"IssuedToken(expires_in={self.expires_in}, user={self.user.username!r})"


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
        """Send one request; the decoded JSON body on 2xx, an `ApiError` otherwise (see `fetch`)."""
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

    async def fetch(
        self,
        model: type[M],
        method: str,
        path: str,
        *,
        token: str | None = None,
        bot: bool = False,
        json_body: JsonObject | None = None,
        params: dict[str, str | int] | None = None,
    ) -> M:
        """One request whose 2xx body is read as `model`; ContractMismatch when the model refuses it."""
        data = await self.request(method, path, token=token, bot=bot, json_body=json_body, params=params)
        return read_body(model, data, f"{method} {path}")

    # -- the bot's own endpoints (X-Bot-Secret) ------------------------------------------------

    async def health(self) -> HealthOut:
        """`GET /health`: is the API up?"""
        return await self.fetch(HealthOut, "GET", "/health")

    async def link_discord(self, discord_user_id: str, code: str) -> UserOut:
        """Redeem a link code for a Discord account; the linked streamer's profile."""
        return await self.fetch(
            UserOut,
            "POST",
            "/api/bot/link",
            bot=True,
            json_body={"discord_user_id": discord_user_id, "code": code},
        )

    async def token_for_discord(self, discord_user_id: str) -> IssuedToken:
        """A short-lived access token for the streamer linked to `discord_user_id`; NotLinked if none."""
        issued = await self.fetch(
            BotTokenOut, "POST", "/api/bot/token", bot=True, json_body={"discord_user_id": discord_user_id}
        )
        return IssuedToken(issued.access_token, issued.expires_in, issued.user)

    async def bot_notices(self) -> BotNoticesOut:
        """Take the notices waiting for streamers with a linked Discord account (each is returned once)."""
        return await self.fetch(BotNoticesOut, "GET", "/api/bot/notices", bot=True)


def read_body(model: type[M], data: Any, what: str) -> M:
    """`data` (a decoded 2xx body) as `model`; ContractMismatch naming the first field it refuses."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "body"
        # The field and the reason, never the value: a body may hold a token.
        raise ContractMismatch(
            f"the API answered {what} with a body that is not a {model.__name__} ({where}: {first['msg']})"
        ) from exc


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
    error = _error_detail(status, data)
    code = error_code(error.code, status)
    if status == 405 or (status == 404 and code is ErrorCode.NO_SUCH_ENDPOINT):
        raise EndpointMissing(f"the API has no {method} {path} ({status})")
    if status == 401 and code is ErrorCode.BAD_SERVICE_SECRET:
        raise BotSecretRejected("the API refused the bot's service secret (check BOT_API_SECRET)")
    kind: type[ApiUserError] = ApiUserError
    if status == 404 and code is ErrorCode.NOT_LINKED:
        kind = NotLinked
    elif status == 401 and bearer:
        kind = TokenExpired if code is ErrorCode.TOKEN_EXPIRED else TokenRejected
    raise kind(
        status,
        code,
        error.message,
        raw_code=error.code,
        field=error.field,
        retry_after=float(error.retry_after) if error.retry_after is not None else None,
    )


def _error_detail(status: int, data: Any) -> ErrorDetail:
    """The API's error body; for one that is not an `ErrorOut` (a proxy's page), a generic one."""
    try:
        return ErrorOut.model_validate(data).error
    except ValidationError:
        return ErrorDetail(code=f"http_{status}", message=f"the API refused the request ({status})")
