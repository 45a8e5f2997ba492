"""A stand-in for the Chronicler API on 127.0.0.1, speaking the contract the bot is built against.

    api = FakeApi(bot_secret=BOT_SECRET)
    code = api.add_link_code("pixel_wren")        # what `chronicler link-code` would print
    async with api.serve() as url: ...             # http://127.0.0.1:<port>

State lives in plain attributes tests can arrange and inspect: `users`, `sessions`, `flags`,
`clips`, `blog_seeds`, `stats`, `modes`, `ledgers`, `notices` (username -> texts, read by both
`/api/notices` and, for linked users, `/api/bot/notices`), `interactions`, and every
request in `received`. Knobs: `expire_tokens()` (the next bearer call answers 401 token_expired),
`down = 503` (every call but nothing else answers that status), `missing = {"/api/notices"}`
(404 `no_such_endpoint`, like a route that does not exist yet), `foreign = {"/api/flags": {...}}`
(that body as it is, outside the contract: an API of another version).

Every body it answers with is built by the real API's model for that endpoint
(`chronicler.contract.api`), from the arranged state read with unknown keys refused: an arrangement
the API could not send (a missing field, a renamed one) answers 500 and is kept in
`contract_errors`, which the `fake_api` fixture requires to be empty at the end of each test.
"""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from aiohttp import web
from aiohttp.test_utils import TestServer
from pydantic import ValidationError

from chronicler.contract.api import (
    BlogSeedPage,
    BotNoticesOut,
    BotTokenOut,
    ClipPage,
    CreatedOut,
    ErrorDetail,
    ErrorOut,
    FlagOut,
    FlagPage,
    FlagReviewBody,
    HealthOut,
    LedgerOut,
    LedgerPostOut,
    ModeListOut,
    ModeOut,
    NoticeListOut,
    Out,
    RecapOut,
    SessionDetailOut,
    SessionListOut,
    SessionOut,
    StatsOut,
    UserOut,
)
from chronicler.contract.errors import ErrorCode

MODES = ("warden", "librarian", "hearthkeeper", "steward", "scribe")


@dataclass(frozen=True)
class Received:
    """One request as the fake saw it."""

    method: str
    path: str
    query: dict[str, str]
    body: Any
    headers: dict[str, str]


@dataclass
class FakeUser:
    """A streamer account."""

    id: int
    username: str
    twitch_channel: str | None = None
    timezone: str = "UTC"
    webhook_url: str | None = None
    discord_user_id: str | None = None

    def out(self) -> UserOut:
        """The profile as the API sends it (webhook token masked)."""
        masked = None
        if self.webhook_url:
            masked = self.webhook_url.rstrip("/").rpartition("/")[0] + "/***"
        return UserOut(
            id=self.id,
            username=self.username,
            twitch_channel=self.twitch_channel,
            timezone=self.timezone,
            webhook_url=masked,
            discord_linked=self.discord_user_id is not None,
            created_at="2024-04-01T12:00:00+00:00",
        )


BODY = web.RequestKey("body", object)  # the decoded JSON body, or None
USER = web.RequestKey("user", FakeUser)  # who the bearer token belongs to


class OutsideTheContract(Exception):
    """The fake was arranged with something the API's model for that answer refuses."""


def _error(status: int, code: ErrorCode, message: str) -> web.Response:
    """An error answer, built as the API builds it."""
    body = ErrorOut(error=ErrorDetail(code=code, message=message))
    return web.json_response(body.model_dump(mode="json", exclude_none=True), status=status)


def _answer(model: type[Out], data: Any, status: int = 200) -> web.Response:
    """`data` (arranged state) read as `model`, unknown keys refused, and sent as the API would dump it."""
    try:
        body = model.model_validate(data.model_dump() if isinstance(data, Out) else data, extra="forbid")
    except ValidationError as exc:
        raise OutsideTheContract(f"the API could not answer with this {model.__name__}: {exc}") from exc
    return web.json_response(body.model_dump(mode="json"), status=status)


@dataclass
class FakeApi:
    """The API's contract in memory, per user."""

    bot_secret: str
    now: datetime = field(default_factory=lambda: datetime(2024, 4, 30, 20, 3, tzinfo=UTC))
    users: dict[str, FakeUser] = field(default_factory=dict)
    link_codes: dict[str, str] = field(default_factory=dict)  # canonical code -> username
    used_codes: set[str] = field(default_factory=set)
    tokens: dict[str, str] = field(default_factory=dict)  # token -> username
    expired: set[str] = field(default_factory=set)
    sessions: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    flags: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    clips: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    blog_seeds: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    stats: dict[str, dict[str, Any]] = field(default_factory=dict)
    modes: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    tonight: dict[str, dict[str, bool]] = field(default_factory=dict)  # username -> mode -> on, live only
    recaps: dict[str, dict[str, Any]] = field(default_factory=dict)  # username -> RecapOut but `session`
    ledgers: dict[str, dict[str, Any]] = field(default_factory=dict)  # username -> ledger body
    notices: dict[str, list[str]] = field(default_factory=dict)
    interactions: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    received: list[Received] = field(default_factory=list)
    contract_errors: list[str] = field(default_factory=list)
    down: int | None = None
    missing: set[str] = field(default_factory=set)
    foreign: dict[str, Any] = field(default_factory=dict)
    _ids: itertools.count = field(default_factory=lambda: itertools.count(1))

    # -- arranging --------------------------------------------------------------------------------

    def add_user(
        self,
        username: str = "pixel_wren",
        *,
        channel: str | None = "pixel_wren",
        timezone: str = "UTC",
        discord_user_id: str | None = None,
    ) -> FakeUser:
        """An account, optionally linked already."""
        user = FakeUser(next(self._ids), username, channel, timezone, None, discord_user_id)
        self.users[username] = user
        for store in (
            self.sessions,
            self.flags,
            self.clips,
            self.blog_seeds,
            self.notices,
            self.interactions,
        ):
            store[username] = []
        self.modes[username] = {
            m: {"mode": m, "enabled": True, "idle_minutes": 15, "active_chat_threshold": 5} for m in MODES
        }
        return user

    def add_link_code(self, username: str = "pixel_wren") -> str:
        """A one-time code for `username`, shown as XXXXX-XXXXX."""
        if username not in self.users:
            self.add_user(username)
        raw = f"ABCDE{next(self._ids):05d}".replace("0", "Q").replace("1", "R")
        self.link_codes[raw] = username
        return f"{raw[:5]}-{raw[5:]}"

    def token_for(self, username: str) -> str:
        """A valid access token for `username` (what the console's provider mints)."""
        token = f"tok-{username}-{next(self._ids)}"
        self.tokens[token] = username
        return token

    def expire_tokens(self) -> None:
        """Every token issued so far answers 401 token_expired from now on."""
        self.expired.update(self.tokens)

    def calls(self, method: str, path: str) -> list[Received]:
        """The requests made to one endpoint."""
        return [r for r in self.received if r.method == method and r.path == path]

    # -- serving ------------------------------------------------------------------------------------

    @asynccontextmanager
    async def serve(self) -> AsyncIterator[str]:
        """Run on 127.0.0.1 and yield the base URL."""
        server = TestServer(self.app(), host="127.0.0.1")
        await server.start_server()
        try:
            yield str(server.make_url("")).rstrip("/")
        finally:
            await server.close()

    def app(self) -> web.Application:
        """The aiohttp application."""
        app = web.Application(middlewares=[self._middleware])
        r = app.router
        r.add_get("/health", self._health)
        r.add_post("/api/bot/link", self._link)
        r.add_post("/api/bot/token", self._token)
        r.add_get("/api/bot/notices", self._bot_notices)
        r.add_get("/api/me", self._me)
        r.add_patch("/api/me", self._patch_me)
        r.add_post("/api/sessions", self._start)
        r.add_get("/api/sessions", self._list_sessions)
        r.add_get("/api/sessions/current", self._current)
        r.add_post("/api/sessions/current/end", self._end)
        r.add_get("/api/sessions/current/recap", self._recap)
        r.add_get("/api/sessions/{ref}/ledger", self._ledger)
        r.add_post("/api/sessions/{ref}/ledger/post", self._post_ledger)
        r.add_get("/api/flags", self._page("flags"))
        r.add_patch("/api/flags/{flag_id}", self._review_flag)
        r.add_get("/api/clips", self._page("clips"))
        r.add_get("/api/blog-seeds", self._page("blog_seeds"))
        r.add_get("/api/stats", self._stats)
        r.add_get("/api/modes", self._modes)
        r.add_patch("/api/modes/{mode}", self._patch_mode)
        r.add_get("/api/notices", self._notices)
        r.add_post("/api/interactions", self._record)
        return app

    @web.middleware
    async def _middleware(self, request: web.Request, handler: Any) -> web.StreamResponse:
        body = await request.json() if request.can_read_body else None
        self.received.append(
            Received(request.method, request.path, dict(request.query), body, dict(request.headers))
        )
        request[BODY] = body
        if self.down is not None:
            return _error(self.down, ErrorCode.SERVICE_UNAVAILABLE, "down for the test")
        if request.path in self.missing:
            return _error(404, ErrorCode.NO_SUCH_ENDPOINT, "no such endpoint")
        if request.path.startswith("/api/bot/"):
            if request.headers.get("X-Bot-Secret") != self.bot_secret:
                return _error(401, ErrorCode.BAD_SERVICE_SECRET, "the bot service secret is missing or wrong")
        elif request.path.startswith("/api/"):
            scheme, _, token = request.headers.get("Authorization", "").partition(" ")
            if scheme != "Bearer" or token not in self.tokens:
                return _error(401, ErrorCode.INVALID_TOKEN, "token is not valid")
            if token in self.expired:
                return _error(401, ErrorCode.TOKEN_EXPIRED, "token has expired")
            request[USER] = self.users[self.tokens[token]]
        if request.path in self.foreign:
            return web.json_response(self.foreign[request.path])
        try:
            return await handler(request)
        except web.HTTPNotFound:
            return _error(404, ErrorCode.NO_SUCH_ENDPOINT, "no such endpoint")
        except OutsideTheContract as exc:
            self.contract_errors.append(f"{request.method} {request.path}: {exc}")
            return _error(500, ErrorCode.INTERNAL_ERROR, "the fake API was arranged outside the contract")

    # -- bot endpoints ------------------------------------------------------------------------------

    async def _health(self, request: web.Request) -> web.Response:
        return _answer(HealthOut, {"status": "ok", "database": "ok"})

    async def _link(self, request: web.Request) -> web.Response:
        body = request[BODY]
        canonical = "".join(ch for ch in str(body.get("code", "")).upper() if ch not in " -")
        if len(canonical) != 10:
            return _error(
                400, ErrorCode.INVALID_INPUT, "a link code has 10 letters and digits, like ABCDE-FGH23"
            )
        if canonical in self.used_codes:
            return _error(401, ErrorCode.LINK_CODE_USED, "that link code has already been used")
        username = self.link_codes.get(canonical)
        if username is None:
            return _error(401, ErrorCode.INVALID_LINK_CODE, "that link code is not valid")
        self.used_codes.add(canonical)
        user = self.users[username]
        user.discord_user_id = str(body["discord_user_id"])
        return _answer(UserOut, user.out())

    async def _token(self, request: web.Request) -> web.Response:
        wanted = str(request[BODY].get("discord_user_id"))
        for user in self.users.values():
            if user.discord_user_id == wanted:
                token = self.token_for(user.username)
                issued = {
                    "access_token": token,
                    "token_type": "Bearer",
                    "expires_in": 900,
                    "user": user.out(),
                }
                return _answer(BotTokenOut, issued)
        return _error(404, ErrorCode.NOT_LINKED, "this Discord account is not linked to a streamer")

    async def _bot_notices(self, request: web.Request) -> web.Response:
        # Taken from the same `notices` the streamer's GET /api/notices reads, linked users' only.
        items: list[dict[str, str]] = []
        for user in self.users.values():
            if user.discord_user_id is not None:
                room = 50 - len(items)  # at most 50 a call; the rest wait for the next
                taken, self.notices[user.username] = (
                    self.notices[user.username][:room],
                    self.notices[user.username][room:],
                )
                items += [
                    {
                        "discord_user_id": user.discord_user_id,
                        "text": text,
                        "created_at": self.now.isoformat(),
                    }
                    for text in taken
                ]
        return _answer(BotNoticesOut, {"items": items})

    # -- profile ------------------------------------------------------------------------------------

    async def _me(self, request: web.Request) -> web.Response:
        return _answer(UserOut, request[USER].out())

    async def _patch_me(self, request: web.Request) -> web.Response:
        user: FakeUser = request[USER]
        body = request[BODY] or {}
        if "twitch_channel" in body:
            user.twitch_channel = body["twitch_channel"]
        if "webhook_url" in body:
            user.webhook_url = body["webhook_url"]
        if "timezone" in body:
            user.timezone = body["timezone"]
        return _answer(UserOut, user.out())

    # -- sessions -----------------------------------------------------------------------------------

    def _active(self, username: str) -> dict[str, Any] | None:
        return next((s for s in self.sessions[username] if s["status"] == "active"), None)

    def add_session(self, username: str = "pixel_wren", **fields: Any) -> dict[str, Any]:
        """A session as the API returns it (ended unless `status="active"`)."""
        session = {
            "id": next(self._ids),
            "channel": self.users[username].twitch_channel or "pixel_wren",
            "theme": None,
            "status": "ended",
            "started_at": "2024-04-29T20:03:00+00:00",
            "ended_at": "2024-04-29T23:10:00+00:00",
            "end_reason": "stopped",
            "last_chat_at": None,
            "message_count": 12345,
            "modes": {m: True for m in MODES},
        }
        session.update(fields)
        self.sessions[username].insert(0, session)
        return session

    async def _start(self, request: web.Request) -> web.Response:
        user: FakeUser = request[USER]
        body = request[BODY] or {}
        if self._active(user.username):
            return _error(
                409, ErrorCode.SESSION_ACTIVE, "a session is already being chronicled; end it first"
            )
        channel = body.get("channel") or user.twitch_channel
        if not channel:
            return _error(
                400, ErrorCode.NO_CHANNEL, "which channel? Set yours with PATCH /api/me (twitch_channel)"
            )
        modes = {m: s["enabled"] for m, s in self.modes[user.username].items()}
        session = self.add_session(
            user.username,
            channel=channel,
            theme=body.get("theme"),
            status="active",
            started_at=self.now.isoformat(),
            ended_at=None,
            end_reason=None,
            message_count=0,
            modes=modes,
        )
        return _answer(SessionDetailOut, session, status=201)

    async def _current(self, request: web.Request) -> web.Response:
        session = self._active(request[USER].username)
        if session is None:
            return _error(404, ErrorCode.NO_ACTIVE_SESSION, "no session is being chronicled")
        return _answer(SessionDetailOut, session)

    async def _end(self, request: web.Request) -> web.Response:
        session = self._active(request[USER].username)
        if session is None:
            return _error(404, ErrorCode.NO_ACTIVE_SESSION, "no session is being chronicled")
        session.update(status="ended", ended_at=self.now.isoformat(), end_reason="stopped")
        return _answer(SessionDetailOut, session)

    async def _list_sessions(self, request: web.Request) -> web.Response:
        status = request.query.get("status")
        found = [s for s in self.sessions[request[USER].username] if status in (None, s["status"])]
        # Listed without their modes, as the API lists them.
        listed = [
            SessionOut.model_validate(SessionDetailOut.model_validate(s, extra="forbid").model_dump())
            for s in found[: int(request.query.get("limit", 20))]
        ]
        return _answer(SessionListOut, {"items": listed})

    # -- queries ------------------------------------------------------------------------------------

    def _range(self, request: web.Request) -> dict[str, Any]:
        name = request.query.get("range") or ("current" if self._active(request[USER].username) else "last")
        return {"name": name, "session_id": None, "start": None, "end": None}

    def _page(self, store: str) -> Any:
        model = {"flags": FlagPage, "clips": ClipPage, "blog_seeds": BlogSeedPage}[store]

        async def page(request: web.Request) -> web.Response:
            items = list(getattr(self, store)[request[USER].username])
            if "username" in request.query:
                items = [i for i in items if i.get("chatter_login") == request.query["username"]]
            limit = int(request.query.get("limit", 50))
            return _answer(
                model,
                {
                    "items": items[:limit],
                    "next_cursor": "more" if len(items) > limit else None,
                    "range": self._range(request),
                },
            )

        return page

    async def _review_flag(self, request: web.Request) -> web.Response:
        """PATCH /api/flags/<id>: the owner's flag only (another's is 404), the same answer is a no-op."""
        try:
            body = FlagReviewBody.model_validate(request[BODY])
        except ValidationError:
            return _error(422, ErrorCode.VALIDATION_ERROR, "status: Field required")
        if body.status not in ("confirmed", "dismissed"):
            return _error(400, ErrorCode.INVALID_INPUT, "status must be confirmed or dismissed")
        wanted = request.match_info["flag_id"]
        for flag in self.flags[request[USER].username]:
            if str(flag["id"]) == wanted:
                if flag["status"] != body.status:
                    flag.update(status=body.status, reviewed_at=self.now.isoformat())
                return _answer(FlagOut, flag)
        return _error(404, ErrorCode.NOT_FOUND, f"no flag {wanted}")

    async def _stats(self, request: web.Request) -> web.Response:
        stats = self.stats.get(request[USER].username) or {
            "messages": 0,
            "chatters": 0,
            "new_chatters": 0,
            "peak_per_minute": 0,
            "mean_per_minute": 0.0,
            "top_chatters": [],
        }
        return _answer(StatsOut, {"range": self._range(request), **stats})

    # -- modes, ledger, bookkeeping -----------------------------------------------------------------

    async def _modes(self, request: web.Request) -> web.Response:
        username = request[USER].username
        return _answer(ModeListOut, {"items": [self._mode_out(username, m) for m in self.modes[username]]})

    def _live_modes(self, username: str) -> dict[str, bool] | None:
        """On/off in the live session (its own "tonight" changes included), None without one."""
        active = self._active(username)
        if active is None:
            return None
        saved = {m: s["enabled"] for m, s in self.modes[username].items()}
        return {**saved, **self.tonight.get(username, {})}

    def _mode_out(self, username: str, name: str) -> dict[str, Any]:
        live = self._live_modes(username)
        return {**self.modes[username][name], "session_enabled": live[name] if live else None}

    async def _patch_mode(self, request: web.Request) -> web.Response:
        """PATCH /api/modes/<mode>: scope always (the saved setting, the live session follows) or tonight."""
        username = request[USER].username
        modes = self.modes[username]
        name = request.match_info["mode"]
        if name not in modes:
            return _error(404, ErrorCode.NO_SUCH_MODE, f"no mode called {name!r}")
        body = dict(request[BODY] or {})
        scope = body.pop("scope", None)
        if scope == "tonight":
            if self._active(username) is None:
                return _error(404, ErrorCode.NO_ACTIVE_SESSION, "no session is being chronicled")
            self.tonight.setdefault(username, {})[name] = body["enabled"]
        else:
            modes[name].update(body)
            if "enabled" in body:
                self.tonight.get(username, {}).pop(name, None)
        return _answer(ModeOut, self._mode_out(username, name))

    async def _recap(self, request: web.Request) -> web.Response:
        username = request[USER].username
        session = self._active(username)
        if session is None:
            return _error(404, ErrorCode.NO_ACTIVE_SESSION, "no session is being chronicled")
        return _answer(RecapOut, {"session": session, **self.recaps.get(username, {})})

    async def _ledger(self, request: web.Request) -> web.Response:
        username = request[USER].username
        if request.match_info["ref"] == "current" and self._active(username) is None:
            return _error(404, ErrorCode.NO_ACTIVE_SESSION, "no session is being chronicled")
        ledger = self.ledgers.get(username)
        if ledger is None:
            return _error(404, ErrorCode.NO_LEDGER, "no ledger has been written for that session yet")
        return _answer(LedgerOut, ledger)

    async def _post_ledger(self, request: web.Request) -> web.Response:
        user: FakeUser = request[USER]
        if user.username not in self.ledgers:
            return _error(404, ErrorCode.NO_LEDGER, "no ledger has been written for that session yet")
        destination = "webhook" if user.webhook_url else "exports"
        return _answer(LedgerPostOut, {"queued": True, "destination": destination}, status=202)

    async def _notices(self, request: web.Request) -> web.Response:
        username = request[USER].username
        items, self.notices[username] = self.notices[username], []
        notices = [{"text": text, "created_at": self.now.isoformat()} for text in items]
        return _answer(NoticeListOut, {"items": notices})

    async def _record(self, request: web.Request) -> web.Response:
        self.interactions[request[USER].username].append(request[BODY])
        return _answer(CreatedOut, {"id": len(self.interactions[request[USER].username])}, status=201)
