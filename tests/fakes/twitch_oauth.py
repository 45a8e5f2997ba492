"""A fake id.twitch.tv for "connect twitch": the Device Code Grant Flow, refresh rotation, validate, revoke.

It shares its accounts and tokens with a `FakeTwitch` (tests/fakes/twitch_server.py), so the tokens
it grants work on that fake's Helix and EventSub::

    async with FakeTwitch() as twitch, FakeTwitchOAuth(twitch) as oauth:
        ...  # point TWITCH_AUTH_URL at oauth.id_url, Helix and EventSub at the twitch fake
        flow = await oauth.wait_for_device()     # a client POSTed /oauth2/device
        oauth.approve(flow.user_code, "chronicler_bot")   # the streamer entered the code on Twitch's page

What it serves, as Twitch documents it:

* ``POST /oauth2/device`` (``client_id``, ``scopes``): ``device_code``, ``user_code``,
  ``verification_uri`` (https://www.twitch.tv/activate?public=true&device-code=...), ``expires_in``,
  ``interval``.
* ``POST /oauth2/token``:
  - ``grant_type=urn:ietf:params:oauth:grant-type:device_code``: 400 ``authorization_pending`` until
    approved, ``slow_down`` when polled sooner than the interval since the last poll (the interval then
    grows by 5 s), 400 ``invalid device code`` once expired or used, 400 ``access_denied`` once denied;
    then the tokens (a public client sends no secret);
  - ``grant_type=refresh_token``: a new access *and* refresh token; the old refresh token is spent
    (single-use, as for Twitch's public clients): using it again is 400 ``Invalid refresh token``;
  - ``grant_type=client_credentials`` (twitchio's app token; needs the secret).
* ``GET /oauth2/validate``: 401 for an unknown token; otherwise client_id, login, scopes, user_id,
  expires_in.
* ``POST /oauth2/revoke`` (``client_id``, ``token``): the access or refresh token stops working.

Its clock is injectable (`clock`), so expiry and slow_down follow a test's simulated time.
"""

from __future__ import annotations

import itertools
import secrets
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any

from aiohttp import web

from tests.fakes.twitch_server import FakeTwitch, _Token

DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"


@dataclass
class DeviceFlow:
    """One device authorization at the fake."""

    device_code: str
    user_code: str
    scopes: tuple[str, ...]
    expires_at: float
    interval: float
    status: str = "pending"  # pending, approved, denied, used
    login: str | None = None
    last_poll: float | None = None
    polls: list[str] = field(default_factory=list)  # what each poll was answered


class FakeTwitchOAuth:
    """Twitch's OAuth endpoints on 127.0.0.1; use as ``async with FakeTwitchOAuth(twitch)``."""

    def __init__(
        self,
        twitch: FakeTwitch,
        *,
        expires_in: int = 1800,
        interval: int = 5,
        token_lifetime: int = 14_400,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.twitch = twitch
        self.expires_in = expires_in
        self.interval = interval
        self.token_lifetime = token_lifetime
        self.clock = clock
        self.flows: list[DeviceFlow] = []
        self.requests: list[tuple[str, str, dict[str, str]]] = []  # method, path, form (secrets included)
        self.refreshes = 0
        self.revoked: list[str] = []
        self.issued: list[str] = []  # every access and refresh token it handed out, to look for leaks
        self._codes = itertools.count(1)
        self._runner: web.AppRunner | None = None
        self._port = 0

    async def __aenter__(self) -> FakeTwitchOAuth:
        app = web.Application()
        app.router.add_post("/oauth2/device", self._device)
        app.router.add_post("/oauth2/token", self._token)
        app.router.add_get("/oauth2/validate", self._validate)
        app.router.add_post("/oauth2/revoke", self._revoke)
        self._runner = web.AppRunner(app, shutdown_timeout=1.0, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self._port = self._runner.addresses[0][1]
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    @property
    def id_url(self) -> str:
        """Base URL standing in for https://id.twitch.tv."""
        return f"http://127.0.0.1:{self._port}"

    # -- levers --

    def flow(self, user_code: str | None = None) -> DeviceFlow:
        """The flow with this user code, or the latest one."""
        if user_code is None:
            return self.flows[-1]
        return next(flow for flow in self.flows if flow.user_code == user_code)

    def approve(self, user_code: str, login: str) -> None:
        """The streamer, signed in to Twitch as `login`, entered the code and clicked Authorize."""
        flow = self.flow(user_code)
        self.twitch.add_user(login)
        flow.status, flow.login = "approved", login.lower()

    def deny(self, user_code: str) -> None:
        """The streamer clicked Decline."""
        self.flow(user_code).status = "denied"

    def expire_access(self, login: str) -> None:
        """The user's access token stops working (Helix and validate answer 401; a refresh fixes it)."""
        user = self.twitch.users[login.lower()]
        self.twitch.expire_token(user.access_token)

    def revoke_authorization(self, login: str) -> None:
        """The user disconnected the app on Twitch: access and refresh tokens both stop working."""
        self.twitch.revoke_authorization(login)

    def live_tokens(self) -> set[str]:
        """Every access and refresh token that works now."""
        return set(self.twitch._tokens) | set(self.twitch._refresh)

    # -- endpoints --

    async def _form(self, request: web.Request) -> dict[str, str]:
        form = {**request.query, **{k: str(v) for k, v in (await request.post()).items()}}
        self.requests.append((request.method, request.path, form))
        return form

    async def _device(self, request: web.Request) -> web.Response:
        form = await self._form(request)
        if form.get("client_id") != self.twitch.client_id:
            return _error(400, "invalid client")
        scopes = tuple(form.get("scopes", "").split())
        if not scopes:
            return _error(400, "missing scopes")
        device_code = secrets.token_urlsafe(30)
        user_code = f"ABCD{next(self._codes):04d}"
        self.flows.append(
            DeviceFlow(
                device_code=device_code,
                user_code=user_code,
                scopes=scopes,
                expires_at=self.clock() + self.expires_in,
                interval=self.interval,
            )
        )
        return web.json_response(
            {
                "device_code": device_code,
                "expires_in": self.expires_in,
                "interval": self.interval,
                "user_code": user_code,
                "verification_uri": f"https://www.twitch.tv/activate?public=true&device-code={user_code}",
            }
        )

    async def _token(self, request: web.Request) -> web.Response:
        form = await self._form(request)
        if form.get("client_id") != self.twitch.client_id:
            return _error(400, "invalid client")
        grant = form.get("grant_type")
        if grant == DEVICE_GRANT:
            return self._device_token(form)
        if grant == "refresh_token":
            return self._refresh(form)
        if grant == "client_credentials":
            if form.get("client_secret") != self.twitch.client_secret:
                return _error(403, "invalid client secret")
            token = f"app-token-{uuid.uuid4().hex[:12]}"
            self.twitch._tokens[token] = _Token(None, (), 5_000_000)
            return web.json_response({"access_token": token, "expires_in": 5_000_000, "token_type": "bearer"})
        return _error(400, "unsupported grant type")

    def _device_token(self, form: dict[str, str]) -> web.Response:
        flow = next((f for f in self.flows if f.device_code == form.get("device_code")), None)
        if flow is None or flow.status == "used":
            return _error(400, "invalid device code")
        now = self.clock()
        answer = self._device_answer(flow, now)
        flow.polls.append(answer)
        flow.last_poll = now
        if answer == "slow_down":
            flow.interval += 5
        if answer != "granted":
            return _error(400, answer)
        flow.status = "used"
        assert flow.login is not None
        user = self.twitch.users[flow.login]
        user.scopes = flow.scopes
        return web.json_response(self._issue(user.login))

    def _device_answer(self, flow: DeviceFlow, now: float) -> str:
        if now >= flow.expires_at:
            return "invalid device code"
        if flow.last_poll is not None and now - flow.last_poll < flow.interval:
            return "slow_down"
        if flow.status == "denied":
            return "access_denied"
        if flow.status == "pending":
            return "authorization_pending"
        return "granted"

    def _refresh(self, form: dict[str, str]) -> web.Response:
        user_id = self.twitch._refresh.pop(form.get("refresh_token", ""), None)
        user = self.twitch._user_by_id(user_id) if user_id else None
        if user is None:
            return _error(400, "Invalid refresh token")
        self.refreshes += 1
        return web.json_response(self._issue(user.login))

    def _issue(self, login: str) -> dict[str, Any]:
        """New tokens for the user; the old ones stop working."""
        user = self.twitch.users[login]
        self.twitch._tokens.pop(user.access_token, None)
        self.twitch._refresh.pop(user.refresh_token, None)
        user.access_token = f"user-token-{user.id}-{uuid.uuid4().hex[:8]}"
        user.refresh_token = f"refresh-{user.id}-{uuid.uuid4().hex[:8]}"
        self.twitch._tokens[user.access_token] = _Token(user.id, user.scopes, self.token_lifetime)
        self.twitch._refresh[user.refresh_token] = user.id
        self.issued += [user.access_token, user.refresh_token]
        return {
            "access_token": user.access_token,
            "refresh_token": user.refresh_token,
            "expires_in": self.token_lifetime,
            "scope": list(user.scopes),
            "token_type": "bearer",
        }

    async def _validate(self, request: web.Request) -> web.Response:
        self.requests.append((request.method, request.path, {}))
        header = request.headers.get("Authorization", "")
        token = self.twitch._tokens.get(header.split(" ", 1)[-1].strip())
        if token is None:
            return web.json_response({"status": 401, "message": "invalid access token"}, status=401)
        body: dict[str, Any] = {
            "client_id": self.twitch.client_id,
            "scopes": list(token.scopes),
            "expires_in": token.expires_in,
        }
        if token.user_id is not None:
            user = self.twitch._user_by_id(token.user_id)
            body.update(login=user.login if user else None, user_id=token.user_id)
        return web.json_response(body)

    async def _revoke(self, request: web.Request) -> web.Response:
        form = await self._form(request)
        if form.get("client_id") != self.twitch.client_id:
            return _error(400, "invalid client")
        token = form.get("token", "")
        known = self.twitch._tokens.pop(token, None) is not None or self.twitch._refresh.pop(token, None)
        if not known:
            return _error(400, "Invalid token")
        self.revoked.append(token)
        return web.Response(status=200)


def _error(status: int, message: str) -> web.Response:
    return web.json_response({"status": status, "message": message}, status=status)
