"""Twitch OAuth for "connect twitch": the Device Code Grant Flow, refresh, validate and revoke.

The protocol (Twitch's "Device Code Grant Flow", RFC 8628):

* ``POST {id}/oauth2/device`` with ``client_id`` and ``scopes`` (space-separated): a ``device_code``
  (secret: it is what polls), a ``user_code`` and ``verification_uri`` for the streamer, ``expires_in``
  (Twitch: 1800 s) and ``interval`` (5 s).
* ``POST {id}/oauth2/token`` with ``client_id``, ``scopes``, ``device_code`` and
  ``grant_type=urn:ietf:params:oauth:grant-type:device_code``, every ``interval`` seconds: 400
  ``authorization_pending`` until the streamer says yes, ``slow_down`` (the interval grows by 5 s, RFC
  8628 §3.5), ``invalid device code`` / ``expired_token`` once it expired, a denial otherwise; then the
  access and refresh tokens.
* ``POST {id}/oauth2/token`` with ``grant_type=refresh_token``: a new pair. A public client's refresh
  token works once, so the caller keeps the new pair before using either (`TokenKeeper`).
* ``GET {id}/oauth2/validate`` (Twitch requires it hourly of every app holding user tokens).
* ``POST {id}/oauth2/revoke`` with ``client_id`` and ``token``.

twitchio 3.3 has ``OAuth.device_code_flow``/``device_code_authorization``, but its polling sleeps with
``asyncio.sleep`` (not injectable), treats ``slow_down`` as a failure and cannot be resumed after a
restart; so the flow is done here with aiohttp (the session is injected), and twitchio stays what
reads chat and sends it. Nothing here logs a token or puts one in an exception message.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import aiohttp

from chronicler.twitch._helix import ID_URL

log = logging.getLogger(__name__)

DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"
BOT_SCOPES = ("user:bot", "user:read:chat", "user:write:chat", "user:read:moderated_channels")
BROADCASTER_SCOPES = ("channel:bot", "channel:manage:broadcast", "clips:edit")
SLOW_DOWN_STEP = 5.0  # RFC 8628 §3.5: each slow_down adds 5 s to the polling interval


class OAuthError(Exception):
    """Twitch's OAuth refused or failed; the message never holds a token."""


class AuthorizationPending(OAuthError):
    """The streamer has not answered on Twitch's page yet: poll again after the interval."""


class SlowDown(OAuthError):
    """Polled too fast: add 5 s to the interval."""


class DeviceCodeExpired(OAuthError):
    """The code ran out before the streamer entered it: start again."""


class AccessDenied(OAuthError):
    """The streamer declined on Twitch's page."""


class GrantRefused(OAuthError):
    """A refresh token (or device code) Twitch will never take: the connection is broken for good."""


class TokenInvalid(OAuthError):
    """/oauth2/validate answered 401: the access token expired or was revoked."""


class OAuthUnavailable(OAuthError):
    """Twitch could not be reached or failed (5xx, 429): try again later."""


@dataclass(frozen=True)
class DeviceCode:
    """Twitch's answer to the device request."""

    user_code: str
    verification_uri: str
    expires_in: float
    interval: float
    device_code: str = field(repr=False)


@dataclass(frozen=True)
class TokenSet:
    """An access token and the refresh token that follows it (both kept out of repr)."""

    expires_in: float
    scopes: tuple[str, ...]
    access_token: str = field(repr=False)
    refresh_token: str = field(repr=False)


@dataclass(frozen=True)
class Validation:
    """What /oauth2/validate says about an access token."""

    user_id: str
    login: str
    scopes: tuple[str, ...]
    expires_in: float


class TwitchOAuth:
    """One app's OAuth calls to id.twitch.tv (or a fake at `id_url`); close with `aclose`."""

    def __init__(
        self,
        *,
        client_id: str,
        client_secret: str | None = None,
        id_url: str = ID_URL,
        session: aiohttp.ClientSession | None = None,
        request_timeout: float = 10.0,
    ) -> None:
        self._client_id = client_id
        self._client_secret = client_secret or None
        self._id_url = id_url.rstrip("/")
        self._own_session = session is None
        self._session = session
        self._timeout = aiohttp.ClientTimeout(total=request_timeout)

    async def aclose(self) -> None:
        """Close the session, if this client made it."""
        if self._own_session and self._session is not None:
            await self._session.close()
            self._session = None

    async def device(self, scopes: Iterable[str]) -> DeviceCode:
        """Start a device flow for `scopes`."""
        body = await self._post("/oauth2/device", {"client_id": self._client_id, "scopes": " ".join(scopes)})
        return DeviceCode(
            user_code=str(body["user_code"]),
            verification_uri=str(body["verification_uri"]),
            expires_in=float(body.get("expires_in", 1800)),
            interval=float(body.get("interval", 5)),
            device_code=str(body["device_code"]),
        )

    async def poll(self, device_code: str, scopes: Iterable[str]) -> TokenSet:
        """One poll of the token endpoint; raises `AuthorizationPending`, `SlowDown`, ... until answered."""
        form = {
            "client_id": self._client_id,
            "scopes": " ".join(scopes),
            "device_code": device_code,
            "grant_type": DEVICE_GRANT,
        }
        return _tokens(await self._post("/oauth2/token", form, polling=True))

    async def refresh(self, refresh_token: str) -> TokenSet:
        """A new pair for `refresh_token` (spent by this call); `GrantRefused` when Twitch refuses it."""
        form = {"client_id": self._client_id, "grant_type": "refresh_token", "refresh_token": refresh_token}
        if self._client_secret:
            form["client_secret"] = self._client_secret
        return _tokens(await self._post("/oauth2/token", form, refreshing=True))

    async def validate(self, access_token: str) -> Validation:
        """Ask Twitch about an access token; `TokenInvalid` when it is no longer good."""
        headers = {"Authorization": f"OAuth {access_token}"}
        status, body = await self._request("GET", "/oauth2/validate", headers=headers)
        if status == 401:
            raise TokenInvalid("Twitch says the access token is no longer valid")
        _raise_unavailable(status, "validate a token")
        if status != 200:
            raise OAuthError(f"Twitch refused to validate a token (HTTP {status}): {_message(body)}")
        return Validation(
            user_id=str(body.get("user_id") or ""),
            login=str(body.get("login") or ""),
            scopes=tuple(body.get("scopes") or ()),
            expires_in=float(body.get("expires_in") or 0),
        )

    async def revoke(self, token: str) -> None:
        """Revoke a token at Twitch; one Twitch no longer knows counts as revoked."""
        status, body = await self._request(
            "POST", "/oauth2/revoke", data={"client_id": self._client_id, "token": token}
        )
        _raise_unavailable(status, "revoke a token")
        if status not in (200, 400):  # 400 "Invalid token": already gone
            raise OAuthError(f"Twitch refused to revoke a token (HTTP {status}): {_message(body)}")

    # -- internals --

    async def _post(
        self, path: str, form: dict[str, str], *, polling: bool = False, refreshing: bool = False
    ) -> dict[str, Any]:
        status, body = await self._request("POST", path, data=form)
        if status == 200:
            return body
        _raise_unavailable(status, f"answer {path}")
        message = _message(body)
        lowered = message.lower()
        if polling:
            if "authorization_pending" in lowered:
                raise AuthorizationPending("waiting for the streamer on Twitch's page")
            if "slow_down" in lowered:
                raise SlowDown("Twitch asks to poll more slowly")
            if "expired" in lowered or "invalid device code" in lowered:
                raise DeviceCodeExpired("the code expired before it was entered")
            if "denied" in lowered or "declined" in lowered:
                raise AccessDenied("the streamer declined on Twitch's page")
        if refreshing and status in (400, 401, 403):
            raise GrantRefused(f"Twitch refused the refresh token: {message}")
        raise OAuthError(f"Twitch refused {path} (HTTP {status}): {message}")

    async def _request(
        self,
        method: str,
        path: str,
        *,
        data: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, dict[str, Any]]:
        if self._session is None:
            self._session = aiohttp.ClientSession()
        try:
            async with self._session.request(
                method, self._id_url + path, data=data, headers=headers, timeout=self._timeout
            ) as response:
                try:
                    body = await response.json(content_type=None)
                except ValueError:
                    body = None
                return response.status, body if isinstance(body, dict) else {}
        except (TimeoutError, aiohttp.ClientError, OSError) as exc:
            # The aiohttp text may quote the URL, never the form: the form holds the secrets.
            raise OAuthUnavailable(f"could not reach Twitch's OAuth ({type(exc).__name__})") from None


def _raise_unavailable(status: int, action: str) -> None:
    if status == 429 or status >= 500:
        raise OAuthUnavailable(f"Twitch could not {action} now (HTTP {status})")


def _message(body: dict[str, Any]) -> str:
    return str(body.get("message") or body.get("error") or "no reason given")


def _tokens(body: dict[str, Any]) -> TokenSet:
    scope = body.get("scope") or ()
    return TokenSet(
        expires_in=float(body.get("expires_in") or 0),
        scopes=tuple(scope.split() if isinstance(scope, str) else scope),
        access_token=str(body["access_token"]),
        refresh_token=str(body.get("refresh_token") or ""),
    )


async def wait_for_grant(
    oauth: TwitchOAuth,
    code: DeviceCode,
    scopes: Iterable[str],
    *,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
    started_at: float | None = None,
) -> TokenSet:
    """Poll until the streamer answers: the tokens, or `DeviceCodeExpired` / `AccessDenied` / ...

    Waits `interval` between polls, 5 s more after each ``slow_down``; an unreachable Twitch is
    polled again at the next interval. Gives up once the code's `expires_in` has passed.
    """
    wanted = tuple(scopes)
    interval = code.interval
    deadline = (started_at if started_at is not None else clock()) + code.expires_in
    while True:
        await sleep(interval)
        if clock() >= deadline:
            raise DeviceCodeExpired("the code expired before it was entered")
        try:
            return await oauth.poll(code.device_code, wanted)
        except AuthorizationPending:
            continue
        except SlowDown:
            interval += SLOW_DOWN_STEP
        except OAuthUnavailable as exc:
            log.info("polling Twitch for a device grant: %s; trying again", exc)
