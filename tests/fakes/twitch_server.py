"""A local fake Twitch on 127.0.0.1 for tests: Helix, id.twitch.tv OAuth and the EventSub WebSocket.

It speaks Twitch's documented wire formats, so real clients (twitchio) can be pointed at it::

    async with FakeTwitch() as twitch:
        bot = twitch.add_user("chronicler_bot", scopes=("user:read:chat", "user:write:chat"))
        twitch.add_user("some_streamer")
        ...  # point the client at twitch.helix_url, twitch.id_url and twitch.eventsub_url
        await twitch.wait_for_subscriptions(4)
        await twitch.send_chat("some_streamer", "a_viewer", "hello chat", badges=("subscriber/12",))
        await twitch.drop_socket()  # the client should reconnect and resubscribe
        assert twitch.sent_messages[0]["message"] == "..."

What it serves (one aiohttp app, ephemeral port):

* ``id_url``: ``GET /oauth2/validate``, ``POST /oauth2/token`` (client_credentials and refresh_token
  grants), ``POST /oauth2/revoke``.
* ``helix_url``: ``GET /users``, ``POST|GET|DELETE /eventsub/subscriptions``, ``POST /chat/messages``,
  ``GET /moderation/channels`` (paginated with ``first``/``after``; 401 without the
  ``user:read:moderated_channels`` scope or for another user's id), ``POST /streams/markers`` (Create
  Stream Marker: body ``user_id`` and an optional ``description`` of at most 140 characters, else 400;
  401 without ``channel:manage:broadcast``; 403 when the token's user is not the broadcaster; 404 when
  the channel is not live or its VODs are off; 200 with ``id``, ``created_at``, ``description`` and
  ``position_seconds``, the seconds since the stream went live). Every Helix call needs a known
  ``Authorization: Bearer`` token and the matching ``Client-Id``.
* ``eventsub_url``: the EventSub WebSocket. Each connection gets a ``session_welcome``, keepalives
  after `keepalive_interval` seconds of silence, ``notification`` frames for its enabled
  subscriptions, and is closed with Twitch's codes: 4001 if the client sends a text frame, 4003 if no
  subscription is created within `unused_timeout`, 4004 if a ``session_reconnect`` is not followed
  within `reconnect_grace`. When a connection ends its subscriptions are disabled
  (``websocket_disconnected``), as on Twitch, so events sent before the client resubscribes are lost.

After ``reconnect()`` Twitch keeps notifying the old connection until the client connects to the
``reconnect_url``; the subscriptions then move to the new session (a new session id, or the same
one with ``same_session_on_reconnect=True``, since clients must not rely on either).

Faults it can stage on the WebSocket side, as seen from a client:

* ``reconnect(stall="handshake")``: the reconnect URL accepts TCP and never answers the upgrade;
  ``reconnect(stall="welcome")``: it completes the handshake and never sends a ``session_welcome``.
  Either way the old connection is closed with 4004 once `reconnect_grace` passes.
* ``reconnect(in_flight=s)``: for `s` seconds after the new connection's welcome, notifications still
  go out on the old connection (frames in flight on the old path); they count in `late_frames`.
* ``silence()``: the peer goes quiet: no keepalives, no notifications (they vanish, as on a dead
  network path, and are not counted in `notifications`) and close frames go unanswered, until the
  client cuts the TCP connection.
* ``revoke(type, status)``: a ``revocation`` frame with ``authorization_revoked``, ``user_removed``,
  ``version_removed`` or any other status Twitch documents.
* 4003 for a connection with no subscription `unused_timeout` seconds after its welcome.
* ``welcome_keepalive``: the ``keepalive_timeout_seconds`` every welcome announces (and keepalives
  follow), whatever the client asked; a test lever for short deadlines (Twitch's floor is 10).

Levers for tests: `add_moderator`, `send_chat`, `stream_online`/`stream_offline` (which also make the
channel live or not for Create Stream Marker; `set_live` does so without an event, `vods=False` turns
its VODs off), `raid` (a ``channel.raid``
into a channel, shaped as twitch-cli's ``raid`` trigger), any event with `notify`, `refuse_subscriptions`
(Helix answers an error for creating subscriptions of one type), `send_keepalive`, `send_raw` (any frame,
malformed ones included), `drop_socket` (cut the TCP connection), `close_socket(code)`, `reconnect`,
`silence`, `revoke` (a ``revocation`` frame), `expire_token`, `revoke_authorization`, `fail_next` (an HTTP
error for the next request to a path), `rate_limit_next` (Helix's 429 with its Ratelimit-* headers),
`drop_next_message`, and for Send Chat Message, which then posts the message all the same:
`answer_next_send_late` (the answer comes after a delay) and `cut_next_send` (the connection is cut instead of
answering). To look at: `sent_messages`, `subscriptions`, `active_subscriptions()`, `sessions`, `requests`,
`notifications` (every notification frame sent toward a client), `markers` (each marker made, with the
token that made it), `closes` (the close codes the fake sent),
`late_frames`, `stalled_connections`; to wait on: `wait_for_subscriptions`, `wait_for_sessions`, `wait_until`.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import math
import time
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import TracebackType
from typing import Any

from aiohttp import WSMsgType, web

SUPPORTED_TYPES = {
    # type: (version, condition fields the fake checks, needs the condition's user_id to be the token's user)
    "channel.chat.message": ("1", ("broadcaster_user_id", "user_id"), True),
    "stream.online": ("1", ("broadcaster_user_id",), False),
    "stream.offline": ("1", ("broadcaster_user_id",), False),
    # Either of the two (checked apart: exactly one); no authorization needed, any user token will do.
    "channel.raid": ("1", (), False),
}
# The condition fields that pick which events a subscription gets (user_id is the reader, not the event).
_EVENT_FIELDS = ("broadcaster_user_id", "to_broadcaster_user_id", "from_broadcaster_user_id")
_RAID_FIELDS = ("from_broadcaster_user_id", "to_broadcaster_user_id")


@dataclass
class FakeUser:
    """A Twitch account known to the fake, with a user access token."""

    id: str
    login: str
    display_name: str
    access_token: str
    refresh_token: str
    scopes: tuple[str, ...] = ()


@dataclass
class _Token:
    user_id: str | None  # None for app tokens
    scopes: tuple[str, ...]
    expires_in: int


@dataclass
class _Session:
    id: str
    ws: web.WebSocketResponse
    request: web.Request
    connected_at: str
    keepalive_seconds: int
    status: str = "connected"
    reconnect_token: str | None = None
    last_sent: float = field(default_factory=time.monotonic)
    tasks: list[asyncio.Task[Any]] = field(default_factory=list)
    silent: bool = False  # a dead path: nothing goes out, close frames go unanswered
    in_flight: float = 0.0  # asked by reconnect(): how long the old path keeps delivering after the move
    predecessor: _Session | None = None  # the connection this one took over from
    predecessor_until: float = 0.0  # until then (monotonic), notifications still go out on the predecessor
    moved: bool = False  # its subscriptions moved to a successor: no longer "unused" if it has none


@dataclass
class _Failure:
    status: int
    body: dict[str, Any]
    times: int
    headers: dict[str, str] = field(default_factory=dict)


class FakeTwitch:
    """A fake Twitch server; use as ``async with FakeTwitch() as twitch``."""

    def __init__(
        self,
        *,
        client_id: str = "fake-client-id",
        client_secret: str = "fake-client-secret",
        keepalive_interval: float | None = None,
        unused_timeout: float = 10.0,
        reconnect_grace: float = 30.0,
        same_session_on_reconnect: bool = False,
        welcome_keepalive: int | None = None,
    ) -> None:
        self.client_id = client_id
        self.client_secret = client_secret
        self.keepalive_interval = keepalive_interval  # None: the session's keepalive_timeout_seconds
        self.unused_timeout = unused_timeout
        self.reconnect_grace = reconnect_grace
        self.same_session_on_reconnect = same_session_on_reconnect
        self.welcome_keepalive = welcome_keepalive  # None: the client's keepalive_timeout_seconds, clamped

        self.users: dict[str, FakeUser] = {}  # by login
        self.moderated: dict[str, list[str]] = {}  # user id -> ids of the channels they moderate, in order
        self.subscriptions: list[dict[str, Any]] = []  # every subscription ever created, Twitch-shaped
        self.sent_messages: list[dict[str, Any]] = []  # bodies received by POST /helix/chat/messages
        self.markers: list[dict[str, Any]] = []  # markers made by POST /helix/streams/markers
        self.live: dict[str, float] = {}  # user id -> when (monotonic) their stream went live
        self.vods_off: set[str] = set()  # user ids whose VODs are disabled: no markers
        self.requests: list[tuple[str, str]] = []  # (method, path) of every HTTP request
        self.received_frames: list[str] = []  # text the clients sent on the socket (Twitch forbids it)
        self.notifications: list[dict[str, Any]] = []  # notification frames sent toward a client
        self.closes: list[tuple[str, int]] = []  # (session id, close code) of every close the fake sent
        self.late_frames = 0  # notifications sent on an old connection after its successor's welcome
        self.stalled_connections = 0  # connections to a stalled reconnect URL

        self._ids = itertools.count(10_000_001)
        self._tokens: dict[str, _Token] = {}
        self._refresh: dict[str, str] = {}  # refresh token -> user id
        self._sessions: dict[str, _Session] = {}
        self._pending_reconnects: dict[str, _Session] = {}
        self._failures: dict[tuple[str, str], list[_Failure]] = {}
        self._refusals: dict[str, _Failure] = {}  # by subscription type: creating one is answered so
        self._drops: list[dict[str, str]] = []
        self._late_sends: list[float] = []  # seconds each of the next sends waits before answering
        self._cut_sends = 0  # how many of the next sends get their connection cut instead of an answer
        self._open_sockets: set[web.WebSocketResponse] = set()
        self._stalled_tokens: set[str] = set()  # reconnect tokens whose URL never sends a welcome
        self._mute_server: asyncio.Server | None = None  # accepts TCP, never answers: stall="handshake"
        self._mute_writers: set[asyncio.StreamWriter] = set()
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self._port = 0

    # -- lifecycle --

    async def __aenter__(self) -> FakeTwitch:
        await self.start()
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()

    async def start(self) -> None:
        """Listen on an ephemeral 127.0.0.1 port."""
        app = web.Application(middlewares=[self._record])
        app.router.add_get("/oauth2/validate", self._validate)
        app.router.add_post("/oauth2/token", self._token)
        app.router.add_post("/oauth2/revoke", self._revoke_token)
        app.router.add_get("/helix/users", self._users)
        app.router.add_post("/helix/eventsub/subscriptions", self._create_subscription)
        app.router.add_get("/helix/eventsub/subscriptions", self._list_subscriptions)
        app.router.add_delete("/helix/eventsub/subscriptions", self._delete_subscription)
        app.router.add_post("/helix/chat/messages", self._send_chat_message)
        app.router.add_get("/helix/moderation/channels", self._moderated_channels)
        app.router.add_post("/helix/streams/markers", self._create_marker)
        app.router.add_get("/ws", self._websocket)
        self._runner = web.AppRunner(app, shutdown_timeout=1.0, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self._port = self._runner.addresses[0][1]
        self._mute_server = await asyncio.start_server(self._mute, "127.0.0.1", 0)

    async def close(self) -> None:
        """Close every socket (1001 going away) and stop listening."""
        for session in list(self._sessions.values()):
            if not session.silent:  # a silent peer would never answer the close
                await self._close(session, 1001, "server shutting down")
        if self._mute_server is not None:
            self._mute_server.close()
            for writer in tuple(self._mute_writers):
                writer.close()
            self._mute_server = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    @property
    def helix_url(self) -> str:
        """Base URL standing in for https://api.twitch.tv/helix."""
        return f"http://127.0.0.1:{self._port}/helix"

    @property
    def id_url(self) -> str:
        """Base URL standing in for https://id.twitch.tv."""
        return f"http://127.0.0.1:{self._port}"

    @property
    def eventsub_url(self) -> str:
        """URL standing in for wss://eventsub.wss.twitch.tv/ws."""
        return f"ws://127.0.0.1:{self._port}/ws"

    # -- accounts and tokens --

    def add_user(
        self, login: str, *, scopes: Iterable[str] = (), display_name: str | None = None
    ) -> FakeUser:
        """Create (or return) an account; it gets a valid user token with `scopes`."""
        login = login.lower()
        if login in self.users:
            return self.users[login]
        user_id = str(next(self._ids))
        user = FakeUser(
            id=user_id,
            login=login,
            display_name=display_name or login,
            access_token=f"user-token-{user_id}-{uuid.uuid4().hex[:8]}",
            refresh_token=f"refresh-{user_id}-{uuid.uuid4().hex[:8]}",
            scopes=tuple(scopes),
        )
        self.users[login] = user
        self._tokens[user.access_token] = _Token(user_id, user.scopes, 14_400)
        self._refresh[user.refresh_token] = user_id
        return user

    def add_moderator(self, channel: str, login: str) -> None:
        """Make `login` a moderator of `channel` (both accounts are created if need be)."""
        broadcaster, moderator = self.add_user(channel), self.add_user(login)
        channels = self.moderated.setdefault(moderator.id, [])
        if broadcaster.id not in channels:
            channels.append(broadcaster.id)

    def expire_token(self, token: str) -> None:
        """Make an access token invalid (Helix answers 401 "Invalid OAuth token"; a refresh fixes it)."""
        self._tokens.pop(token, None)

    def revoke_authorization(self, login: str) -> None:
        """The user withdrew the app's access: their access and refresh tokens both stop working."""
        user = self.users[login.lower()]
        self._tokens.pop(user.access_token, None)
        self._refresh.pop(user.refresh_token, None)

    # -- what Twitch pushes --

    async def send_chat(
        self,
        channel: str,
        login: str,
        text: str,
        message_id: str | None = None,
        badges: Iterable[str] = (),
        first: bool = False,
        *,
        color: str = "#1E90FF",
    ) -> str:
        """Deliver a channel.chat.message from `login`; returns the chat message id.

        `badges` are set ids, optionally with a version: ``"moderator"``, ``"subscriber/12"``.
        `first` marks it as a first-time chatter's ``user_intro`` message.
        """
        broadcaster = self.add_user(channel)
        chatter = self.add_user(login)
        message_id = message_id or str(uuid.uuid4())
        fragment = {"type": "text", "text": text, "cheermote": None, "emote": None, "mention": None}
        event = {
            "broadcaster_user_id": broadcaster.id,
            "broadcaster_user_login": broadcaster.login,
            "broadcaster_user_name": broadcaster.display_name,
            "source_broadcaster_user_id": None,
            "source_broadcaster_user_login": None,
            "source_broadcaster_user_name": None,
            "chatter_user_id": chatter.id,
            "chatter_user_login": chatter.login,
            "chatter_user_name": chatter.display_name,
            "message_id": message_id,
            "source_message_id": None,
            "is_source_only": None,
            "message": {"text": text, "fragments": [fragment]},
            "color": color,
            "badges": [_badge(b) for b in badges],
            "source_badges": None,
            "message_type": "user_intro" if first else "text",
            "cheer": None,
            "reply": None,
            "channel_points_custom_reward_id": None,
            "channel_points_animation_id": None,
        }
        await self.notify("channel.chat.message", event)
        return message_id

    def set_live(self, channel: str, live: bool = True, *, vods: bool = True) -> None:
        """Make `channel` live (or not) for Create Stream Marker, with its VODs on or off; no event sent."""
        user = self.add_user(channel)
        if live:
            self.live.setdefault(user.id, time.monotonic())
        else:
            self.live.pop(user.id, None)
        if vods:
            self.vods_off.discard(user.id)
        else:
            self.vods_off.add(user.id)

    async def stream_online(self, channel: str, *, started_at: datetime | None = None) -> None:
        """Deliver stream.online for `channel` (which is live from now on)."""
        user = self.add_user(channel)
        self.live.setdefault(user.id, time.monotonic())
        await self.notify(
            "stream.online",
            {
                "id": str(next(self._ids)),
                "broadcaster_user_id": user.id,
                "broadcaster_user_login": user.login,
                "broadcaster_user_name": user.display_name,
                "type": "live",
                "started_at": _rfc3339(started_at or datetime.now(UTC)),
            },
        )

    async def stream_offline(self, channel: str) -> None:
        """Deliver stream.offline for `channel` (no longer live)."""
        user = self.add_user(channel)
        self.live.pop(user.id, None)
        await self.notify(
            "stream.offline",
            {
                "broadcaster_user_id": user.id,
                "broadcaster_user_login": user.login,
                "broadcaster_user_name": user.display_name,
            },
        )

    async def raid(self, channel: str, from_login: str, viewers: int = 12) -> list[dict[str, Any]]:
        """Deliver a channel.raid: `from_login` raids `channel` with `viewers`; returns the frames sent.

        The event has the fields Twitch documents for ``channel.raid`` v1 (as twitch-cli's ``raid``
        trigger sends them): both broadcasters' id, login and display name, and the viewer count.
        """
        raider, raided = self.add_user(from_login), self.add_user(channel)
        event = {
            "from_broadcaster_user_id": raider.id,
            "from_broadcaster_user_login": raider.login,
            "from_broadcaster_user_name": raider.display_name,
            "to_broadcaster_user_id": raided.id,
            "to_broadcaster_user_login": raided.login,
            "to_broadcaster_user_name": raided.display_name,
            "viewers": viewers,
        }
        return await self.notify("channel.raid", event)

    async def notify(self, subscription_type: str, event: Mapping[str, Any]) -> list[dict[str, Any]]:
        """Send `event` to each enabled subscription of this type whose condition it meets; returns frames.

        A condition is met when each of its broadcaster fields that is set (``broadcaster_user_id``, or a
        raid's ``to_``/``from_broadcaster_user_id``) is the event's.
        """
        frames = []
        for subscription in self._enabled(subscription_type):
            condition = subscription["condition"]
            wanted = [key for key in _EVENT_FIELDS if condition.get(key)]
            if not wanted or any(condition[key] != event.get(key) for key in wanted):
                continue
            session = self._session_for(subscription)
            if session is None:
                continue
            late = session.predecessor is not None and time.monotonic() < session.predecessor_until
            if late and session.predecessor is not None:
                # Sent before the move, still on its way down the old path: it arrives on the old
                # connection after the new one's welcome, or is lost if the client closed that already.
                session = session.predecessor
                self.late_frames += 1
            frame = _frame("notification", {"subscription": subscription, "event": dict(event)}, subscription)
            if await self._send(session, frame) or (late and not session.silent):
                frames.append(frame)
        self.notifications.extend(frames)
        return frames

    async def send_raw(self, frame: str | Mapping[str, Any], *, session_id: str | None = None) -> None:
        """Send any text (a dict is JSON-encoded) to one session, or to every connected one."""
        text = frame if isinstance(frame, str) else json.dumps(frame)
        for session in self._targets(session_id):
            if not session.silent:
                await session.ws.send_str(text)
                session.last_sent = time.monotonic()

    async def send_keepalive(self, *, session_id: str | None = None) -> None:
        """A session_keepalive frame now."""
        for session in self._targets(session_id):
            await self._send(session, _frame("session_keepalive", {}))

    async def revoke(self, subscription_type: str, status: str = "authorization_revoked") -> None:
        """Revoke the enabled subscriptions of a type, sending a ``revocation`` frame for each.

        `status` is Twitch's reason: ``authorization_revoked`` (the user withdrew the app's access),
        ``user_removed`` (the user in the condition no longer exists), ``version_removed`` (the type's
        version is gone), or another status Twitch documents.
        """
        for subscription in self._enabled(subscription_type):
            subscription["status"] = status
            session = self._session_for(subscription)
            if session is not None:
                await self._send(session, _frame("revocation", {"subscription": subscription}, subscription))
        await self._notify_changed()

    async def drop_socket(self, *, session_id: str | None = None) -> None:
        """Cut the TCP connection(s) without a close frame, as a network failure would."""
        for session in self._targets(session_id):
            transport = session.request.transport
            if transport is not None:
                transport.abort()

    async def close_socket(self, code: int = 4000, *, session_id: str | None = None) -> None:
        """Close the socket(s) with one of Twitch's close codes (4000 internal server error...)."""
        for session in self._targets(session_id):
            await self._close(session, code, "closed by the fake")

    def silence(self, *, session_id: str | None = None) -> None:
        """The connection(s) go quiet as a dead network path would: nothing more is sent or answered.

        No keepalives, no notifications (they vanish and are not counted in `notifications`), and a
        close frame from the client goes unanswered: the connection only ends when the client cuts it.
        """
        for session in self._targets(session_id):
            session.silent = True

    async def reconnect(
        self,
        *,
        session_id: str | None = None,
        reconnect_url: str | None = None,
        stall: str | None = None,
        in_flight: float = 0.0,
    ) -> list[str]:
        """Send ``session_reconnect``; returns the reconnect URLs handed out (`reconnect_url` forces one).

        `stall` makes the URL a dead end: ``"handshake"`` accepts TCP and never answers the upgrade,
        ``"welcome"`` completes it and never sends a welcome; the old connection then gets 4004 after
        `reconnect_grace`. `in_flight` keeps notifications going out on the old connection for that many
        seconds after the new one's welcome, as frames already under way on the old path would.
        """
        if stall not in (None, "handshake", "welcome"):
            raise ValueError(f"unknown stall {stall!r}")
        urls = []
        for session in self._targets(session_id):
            token = uuid.uuid4().hex
            url = reconnect_url or f"{self.eventsub_url}?reconnect={token}"
            if stall == "handshake":
                assert self._mute_server is not None
                url = f"ws://127.0.0.1:{self._mute_server.sockets[0].getsockname()[1]}/ws"
            elif stall == "welcome":
                dead_end = uuid.uuid4().hex
                self._stalled_tokens.add(dead_end)
                url = f"{self.eventsub_url}?reconnect={dead_end}"
            session.status = "reconnecting"
            session.reconnect_token = token
            session.in_flight = in_flight
            self._pending_reconnects[token] = session
            await self._send(
                session,
                _frame(
                    "session_reconnect",
                    {
                        "session": {
                            "id": session.id,
                            "status": "reconnecting",
                            "keepalive_timeout_seconds": None,
                            "reconnect_url": url,
                            "connected_at": session.connected_at,
                            "recovery_url": None,
                        }
                    },
                ),
            )
            session.tasks.append(asyncio.create_task(self._reconnect_grace(session)))
            urls.append(url)
        return urls

    # -- what tests wait for and look at --

    @property
    def sessions(self) -> list[str]:
        """Ids of the sessions with a connected socket."""
        return list(self._sessions)

    @property
    def open_sockets(self) -> int:
        """How many WebSocket connections are open, including old ones a client has not closed yet."""
        return len(self._open_sockets)

    @property
    def pending_reconnects(self) -> int:
        """How many reconnect URLs were handed out and not used yet."""
        return len(self._pending_reconnects)

    def active_subscriptions(self) -> list[dict[str, Any]]:
        """Enabled subscriptions whose session is connected."""
        return [s for s in self.subscriptions if s["status"] == "enabled" and self._session_for(s)]

    async def wait_until(self, predicate: Callable[[], bool], *, timeout: float = 10.0) -> None:
        """Wait until `predicate()` holds.

        Re-checked whenever sessions, subscriptions or sent messages change.
        """
        async with asyncio.timeout(timeout):
            async with self._changed:
                await self._changed.wait_for(predicate)

    async def wait_for_subscriptions(
        self, count: int, *, timeout: float = 10.0, not_on: Iterable[str] = ()
    ) -> list[dict[str, Any]]:
        """Wait until at least `count` subscriptions are active (on sessions other than `not_on`)."""
        excluded = set(not_on)

        def active() -> list[dict[str, Any]]:
            return [s for s in self.active_subscriptions() if s["transport"]["session_id"] not in excluded]

        await self.wait_until(lambda: len(active()) >= count, timeout=timeout)
        return active()

    async def wait_for_sessions(self, count: int, *, timeout: float = 10.0) -> list[str]:
        """Wait until exactly `count` sockets are connected; returns their session ids."""
        await self.wait_until(lambda: len(self._sessions) == count, timeout=timeout)
        return self.sessions

    def drop_next_message(self, code: str = "msg_rejected", message: str = "Being checked by mods") -> None:
        """Have the next Send Chat Message accepted but not sent (``is_sent: false`` with a drop_reason)."""
        self._drops.append({"code": code, "message": message})

    def refuse_subscriptions(
        self, subscription_type: str, status: int = 403, message: str = "", *, times: int | None = None
    ) -> None:
        """Answer requests to create a subscription of this type with Helix's error `status`.

        The next `times` requests, or every one from now on (None); other types are created as usual.
        """
        if times is not None and times < 1:
            raise ValueError("times is a count of requests (at least 1), or None for every one")
        reason = message or f"subscription to {subscription_type} refused by the fake"
        body = {"error": _REASONS.get(status, "Error"), "status": status, "message": reason}
        self._refusals[subscription_type] = _Failure(status, body, times=-1 if times is None else times)

    def fail_next(self, method: str, path: str, status: int, message: str = "", *, times: int = 1) -> None:
        """Answer the next `times` requests to `path` (e.g. "/helix/chat/messages") with an error."""
        reason = message or "failed by the fake"
        body = {"error": _REASONS.get(status, "Error"), "status": status, "message": reason}
        self._failures.setdefault((method.upper(), path), []).append(_Failure(status, body, times))

    def rate_limit_next(
        self,
        *,
        reset_at: float,
        times: int = 1,
        method: str = "POST",
        path: str = "/helix/chat/messages",
        limit: int = 800,
    ) -> None:
        """Answer the next `times` requests to `path` with Helix's 429: bucket empty until `reset_at`.

        `reset_at` is a Unix time; like Twitch, the ``Ratelimit-Reset`` header carries it in whole seconds.
        """
        body = {"error": _REASONS[429], "status": 429, "message": "Too Many Requests"}
        headers = {
            "Ratelimit-Limit": str(limit),
            "Ratelimit-Remaining": "0",
            "Ratelimit-Reset": str(math.ceil(reset_at)),
        }
        self._failures.setdefault((method.upper(), path), []).append(_Failure(429, body, times, headers))

    def answer_next_send_late(self, seconds: float) -> None:
        """Have the next Send Chat Message post the message but answer only after `seconds`."""
        self._late_sends.append(seconds)

    def cut_next_send(self) -> None:
        """Have the next Send Chat Message post the message, then cut the connection instead of answering."""
        self._cut_sends += 1

    # -- HTTP: recording, auth, failures --

    @web.middleware
    async def _record(self, request: web.Request, handler: Any) -> web.StreamResponse:
        self.requests.append((request.method, request.path))
        queue = self._failures.get((request.method, request.path))
        if queue:
            failure = queue[0]
            failure.times -= 1
            if failure.times <= 0:
                queue.pop(0)
            return web.json_response(failure.body, status=failure.status, headers=failure.headers)
        return await handler(request)

    def _bearer(self, request: web.Request) -> _Token:
        """The request's valid token, or raise the 401 Helix sends."""
        header = request.headers.get("Authorization", "")
        token = self._tokens.get(header.removeprefix("Bearer ")) if header.startswith("Bearer ") else None
        if token is None:
            raise _error(401, "Invalid OAuth token")
        if request.headers.get("Client-Id") != self.client_id:
            raise _error(401, "Client ID and OAuth token do not match")
        return token

    # -- id.twitch.tv --

    async def _validate(self, request: web.Request) -> web.Response:
        header = request.headers.get("Authorization", "")
        token = self._tokens.get(header.split(" ", 1)[-1].strip())
        if token is None:
            return web.json_response({"status": 401, "message": "invalid access token"}, status=401)
        body: dict[str, Any] = {
            "client_id": self.client_id,
            "scopes": list(token.scopes),
            "expires_in": token.expires_in,
        }
        if token.user_id is not None:
            user = self._user_by_id(token.user_id)
            body.update(login=user.login if user else None, user_id=token.user_id)
        return web.json_response(body)

    async def _token(self, request: web.Request) -> web.Response:
        params = {**request.query, **(await request.post())}
        if params.get("client_id") != self.client_id:
            return web.json_response({"status": 400, "message": "invalid client"}, status=400)
        if params.get("client_secret") != self.client_secret:
            return web.json_response({"status": 403, "message": "invalid client secret"}, status=403)
        grant = params.get("grant_type")
        if grant == "client_credentials":
            token = f"app-token-{uuid.uuid4().hex[:12]}"
            self._tokens[token] = _Token(None, (), 5_000_000)
            return web.json_response({"access_token": token, "expires_in": 5_000_000, "token_type": "bearer"})
        if grant == "refresh_token":
            user_id = self._refresh.pop(str(params.get("refresh_token", "")), None)
            user = self._user_by_id(user_id) if user_id else None
            if user is None:
                return web.json_response({"status": 400, "message": "Invalid refresh token"}, status=400)
            self._tokens.pop(user.access_token, None)
            user.access_token = f"user-token-{user.id}-{uuid.uuid4().hex[:8]}"
            user.refresh_token = f"refresh-{user.id}-{uuid.uuid4().hex[:8]}"
            self._tokens[user.access_token] = _Token(user.id, user.scopes, 14_400)
            self._refresh[user.refresh_token] = user.id
            return web.json_response(
                {
                    "access_token": user.access_token,
                    "refresh_token": user.refresh_token,
                    "expires_in": 14_400,
                    "scope": list(user.scopes),
                    "token_type": "bearer",
                }
            )
        return web.json_response({"status": 400, "message": "unsupported grant type"}, status=400)

    async def _revoke_token(self, request: web.Request) -> web.Response:
        params = {**request.query, **(await request.post())}
        self._tokens.pop(str(params.get("token", "")), None)
        return web.Response(status=200)

    # -- Helix --

    async def _users(self, request: web.Request) -> web.Response:
        token = self._bearer(request)
        logins = [v.lower() for v in request.query.getall("login", [])]
        ids = request.query.getall("id", [])
        if not logins and not ids:
            if token.user_id is None:
                raise _error(400, "Must provide an ID, Login or OAuth Token")
            ids = [token.user_id]
        found = [u for u in self.users.values() if u.login in logins or u.id in ids]
        return web.json_response({"data": [_user_json(u) for u in found]})

    async def _create_subscription(self, request: web.Request) -> web.Response:
        token = self._bearer(request)
        body = await _json_body(request)
        kind, version, condition = body.get("type"), body.get("version"), body.get("condition") or {}
        transport = body.get("transport") or {}
        if kind not in SUPPORTED_TYPES:
            raise _error(400, f"unsupported subscription type {kind!r}")
        wanted_version, fields, user_bound = SUPPORTED_TYPES[kind]
        if version != wanted_version:
            raise _error(400, f"unsupported version {version!r} for {kind}")
        if any(not condition.get(f) for f in fields):
            raise _error(400, f"condition must have {', '.join(fields)}")
        if kind == "channel.raid" and sum(bool(condition.get(f)) for f in _RAID_FIELDS) != 1:
            raise _error(400, "condition must have one of from_broadcaster_user_id or to_broadcaster_user_id")
        if transport.get("method") != "websocket":
            raise _error(400, "the fake only supports the websocket transport")
        if token.user_id is None:
            raise _error(400, "invalid transport and auth combination")
        session = self._sessions.get(str(transport.get("session_id")))
        if session is None:
            raise _error(400, "websocket transport session does not exist or has already disconnected")
        if user_bound and condition.get("user_id") != token.user_id:
            raise _error(403, "the user_id in the condition must match the token's user")
        refusal = self._refusals.get(kind)
        if refusal is not None:
            if refusal.times > 0:  # a count, not forever (-1)
                refusal.times -= 1
                if not refusal.times:
                    del self._refusals[kind]
            return web.json_response(refusal.body, status=refusal.status)
        for existing in self.active_subscriptions():
            if (existing["type"], existing["condition"], existing["transport"]["session_id"]) == (
                kind,
                condition,
                session.id,
            ):
                raise _error(409, "subscription already exists")
        subscription = {
            "id": str(uuid.uuid4()),
            "status": "enabled",
            "type": kind,
            "version": version,
            "condition": dict(condition),
            "created_at": _rfc3339(datetime.now(UTC)),
            "transport": {
                "method": "websocket",
                "session_id": session.id,
                "connected_at": session.connected_at,
            },
            "cost": 0,
        }
        self.subscriptions.append(subscription)
        await self._notify_changed()
        return web.json_response(
            {
                "data": [subscription],
                "total": len(self.active_subscriptions()),
                "total_cost": 0,
                "max_total_cost": 10,
            },
            status=202,
        )

    async def _list_subscriptions(self, request: web.Request) -> web.Response:
        self._bearer(request)
        data = [s for s in self.subscriptions if request.query.get("status") in (None, s["status"])]
        return web.json_response(
            {"data": data, "total": len(data), "total_cost": 0, "max_total_cost": 10, "pagination": {}}
        )

    async def _delete_subscription(self, request: web.Request) -> web.Response:
        self._bearer(request)
        for subscription in self.subscriptions:
            if subscription["id"] == request.query.get("id"):
                self.subscriptions.remove(subscription)
                await self._notify_changed()
                return web.Response(status=204)
        raise _error(404, "subscription not found")

    async def _send_chat_message(self, request: web.Request) -> web.Response:
        token = self._bearer(request)
        body = await _json_body(request)
        text = body.get("message")
        if not (body.get("broadcaster_id") and body.get("sender_id") and isinstance(text, str)):
            raise _error(400, "broadcaster_id, sender_id and message are required")
        if token.user_id != body["sender_id"]:
            raise _error(403, "The sender must be the user in the access token")
        if "user:write:chat" not in token.scopes:
            raise _error(401, "Missing scope: user:write:chat")
        if self._user_by_id(body["broadcaster_id"]) is None:
            raise _error(400, "The broadcaster_id query parameter is not valid")
        if len(text) > 500:
            raise _error(400, "The message is too long")
        if self._drops:
            reason = self._drops.pop(0)
            return web.json_response({"data": [{"message_id": "", "is_sent": False, "drop_reason": reason}]})
        self.sent_messages.append({**body, "received_at": time.monotonic()})
        await self._notify_changed()  # so wait_until() can wait for sent messages too
        if self._cut_sends:
            # Posted in chat, but the answer is lost on the way: the client cannot know which.
            self._cut_sends -= 1
            if request.transport is not None:
                request.transport.abort()
            return web.Response(status=204)
        if self._late_sends:
            await asyncio.sleep(self._late_sends.pop(0))
        sent = {"message_id": str(uuid.uuid4()), "is_sent": True, "drop_reason": None}
        return web.json_response({"data": [sent]})

    async def _moderated_channels(self, request: web.Request) -> web.Response:
        token = self._bearer(request)
        user_id = request.query.get("user_id")
        if not user_id:
            raise _error(400, 'Missing required parameter "user_id"')
        if token.user_id != user_id:
            raise _error(401, "The user_id parameter must match the user ID in the access token")
        if "user:read:moderated_channels" not in token.scopes:
            raise _error(401, "Missing scope: user:read:moderated_channels")
        try:
            first = int(request.query.get("first", "20"))
            start = int(request.query["after"].removeprefix("page-")) if "after" in request.query else 0
        except ValueError:
            raise _error(400, "first must be a number and after a cursor from this endpoint") from None
        if not 1 <= first <= 100:
            raise _error(400, "first must be between 1 and 100")
        channels = self.moderated.get(user_id, [])
        page = [self._user_by_id(channel_id) for channel_id in channels[start : start + first]]
        data = [
            {"broadcaster_id": u.id, "broadcaster_login": u.login, "broadcaster_name": u.display_name}
            for u in page
            if u is not None
        ]
        # Twitch leaves the cursor out on the last page.
        more = start + first < len(channels)
        return web.json_response(
            {"data": data, "pagination": {"cursor": f"page-{start + first}"} if more else {}}
        )

    async def _create_marker(self, request: web.Request) -> web.Response:
        """Create Stream Marker, with the refusals Twitch documents."""
        token = self._bearer(request)
        if "channel:manage:broadcast" not in token.scopes:
            raise _error(401, "Missing scope: channel:manage:broadcast")
        body = await _json_body(request)
        user_id, description = body.get("user_id"), body.get("description", "")
        if not user_id or not isinstance(user_id, str):
            raise _error(400, "The user_id field is required")
        if not isinstance(description, str) or len(description) > 140:
            raise _error(400, "The description may not be longer than 140 characters")
        if token.user_id != user_id:
            raise _error(403, "The user in the access token may not create markers in this stream")
        if user_id not in self.live:
            raise _error(404, "The user in the user_id field is not streaming live")
        if user_id in self.vods_off:
            raise _error(404, "The user in the user_id field has not enabled VODs")
        header = request.headers["Authorization"]
        marker = {
            "id": uuid.uuid4().hex,
            "created_at": _rfc3339(datetime.now(UTC)),
            "description": description,
            "position_seconds": int(time.monotonic() - self.live[user_id]),
        }
        self.markers.append({**marker, "user_id": user_id, "token": header.removeprefix("Bearer ")})
        await self._notify_changed()
        return web.json_response({"data": [marker]})

    # -- EventSub WebSocket --

    async def _websocket(self, request: web.Request) -> web.WebSocketResponse:
        # autoclose=False: close frames are answered by hand, so that a silenced connection need not.
        ws = web.WebSocketResponse(autoping=True, autoclose=False)
        await ws.prepare(request)
        self._open_sockets.add(ws)
        try:
            return await self._serve(request, ws)
        finally:
            self._open_sockets.discard(ws)
            await self._notify_changed()

    async def _serve(self, request: web.Request, ws: web.WebSocketResponse) -> web.WebSocketResponse:
        if request.query.get("reconnect") in self._stalled_tokens:
            # reconnect(stall="welcome"): the upgrade went through, and nothing will ever be sent.
            self._stalled_tokens.discard(request.query["reconnect"])
            self.stalled_connections += 1
            async for _ in ws:
                pass
            if not ws.closed:
                await ws.close()
            return ws
        previous = self._pending_reconnects.pop(request.query.get("reconnect", ""), None)
        if "reconnect" in request.query and previous is None:
            await ws.close(code=4007, message=b"invalid reconnect")
            self.closes.append(("", 4007))
            return ws
        keepalive = _clamp(request.query.get("keepalive_timeout_seconds"), default=10)
        if self.welcome_keepalive is not None:
            keepalive = self.welcome_keepalive
        if previous is not None:
            keepalive = previous.keepalive_seconds
        session_id = previous.id if previous is not None and self.same_session_on_reconnect else _session_id()
        session = _Session(session_id, ws, request, _rfc3339(datetime.now(UTC)), keepalive)
        if previous is not None:
            # Twitch moves the subscriptions; the old connection gets no more notifications.
            for subscription in self.subscriptions:
                moving = subscription["transport"]["session_id"] == previous.id
                if moving and subscription["status"] == "enabled":
                    subscription["transport"]["session_id"] = session.id
                    subscription["transport"]["connected_at"] = session.connected_at
            previous.reconnect_token = None
            previous.moved = True
            if previous.id == session.id:
                previous.status = "migrated"
        self._sessions[session.id] = session
        await self._send(
            session,
            _frame(
                "session_welcome",
                {
                    "session": {
                        "id": session.id,
                        "status": "connected",
                        "connected_at": session.connected_at,
                        "keepalive_timeout_seconds": keepalive,
                        "reconnect_url": None,
                        "recovery_url": None,
                    }
                },
            ),
        )
        if previous is not None and previous.in_flight > 0:
            session.predecessor = previous
            session.predecessor_until = time.monotonic() + previous.in_flight
        await self._notify_changed()
        session.tasks.append(asyncio.create_task(self._keepalives(session)))
        if previous is None:
            session.tasks.append(asyncio.create_task(self._close_if_unused(session)))
        try:
            async for message in ws:
                if message.type is WSMsgType.TEXT and not session.silent:
                    # Twitch allows no inbound traffic but pongs.
                    self.received_frames.append(message.data)
                    await self._close(session, 4001, "client sent inbound traffic")
            if not ws.closed and not session.silent:
                await ws.close(drain=False)  # the client closed: answer its close frame
            while session.silent and request.transport is not None and not request.transport.is_closing():
                await asyncio.sleep(0.02)  # a dead peer answers nothing; the client has to cut the line
        finally:
            await self._end(session)
        return ws

    async def _mute(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        """reconnect(stall="handshake"): take the connection and the upgrade request, answer nothing."""
        self.stalled_connections += 1
        self._mute_writers.add(writer)
        try:
            while await reader.read(4096):
                pass
        except ConnectionError:
            pass
        finally:
            self._mute_writers.discard(writer)
            writer.close()

    async def _end(self, session: _Session) -> None:
        for task in session.tasks:
            task.cancel()
        if self._sessions.get(session.id) is session:
            del self._sessions[session.id]
        if session.reconnect_token is not None:
            self._pending_reconnects.pop(session.reconnect_token, None)
        for subscription in self.subscriptions:
            if subscription["transport"]["session_id"] == session.id and session.status != "migrated":
                if subscription["status"] == "enabled" and session.id not in self._sessions:
                    subscription["status"] = "websocket_disconnected"
        await self._notify_changed()

    async def _keepalives(self, session: _Session) -> None:
        interval = self.keepalive_interval or session.keepalive_seconds
        while not session.ws.closed:
            await asyncio.sleep(max(0.0, session.last_sent + interval - time.monotonic()))
            if time.monotonic() - session.last_sent >= interval and not session.ws.closed:
                await self._send(session, _frame("session_keepalive", {}))
                session.last_sent = time.monotonic()  # even when silent, so a silent session does not spin

    async def _close_if_unused(self, session: _Session) -> None:
        await asyncio.sleep(self.unused_timeout)
        if not session.moved and not any(
            s["transport"]["session_id"] == session.id for s in self.subscriptions
        ):
            await self._close(session, 4003, "connection unused")

    async def _reconnect_grace(self, session: _Session) -> None:
        await asyncio.sleep(self.reconnect_grace)
        if session.reconnect_token is not None and not session.ws.closed:
            await self._close(session, 4004, "reconnect grace time expired")

    async def _close(self, session: _Session, code: int, reason: str) -> None:
        """Close a connection with one of Twitch's codes, and note it in `closes`."""
        if session.ws.closed or session.silent:
            return
        self.closes.append((session.id, code))
        await session.ws.close(code=code, message=reason.encode())

    async def _send(self, session: _Session, frame: Mapping[str, Any]) -> bool:
        """Send a frame; False when the connection is closed or silenced (the frame went nowhere)."""
        if session.silent or session.ws.closed:
            return False
        try:
            await session.ws.send_str(json.dumps(frame))
        except ConnectionError:
            return False  # the socket is going away; its handler cleans up
        finally:
            session.last_sent = time.monotonic()
        return True

    # -- helpers --

    def _enabled(self, subscription_type: str) -> list[dict[str, Any]]:
        return [s for s in self.subscriptions if s["type"] == subscription_type and s["status"] == "enabled"]

    def _session_for(self, subscription: Mapping[str, Any]) -> _Session | None:
        return self._sessions.get(subscription["transport"]["session_id"])

    def _targets(self, session_id: str | None) -> list[_Session]:
        if session_id is None:
            return list(self._sessions.values())
        return [self._sessions[session_id]]

    def _user_by_id(self, user_id: str) -> FakeUser | None:
        return next((u for u in self.users.values() if u.id == user_id), None)

    async def _notify_changed(self) -> None:
        async with self._changed:
            self._changed.notify_all()


_REASONS = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    409: "Conflict",
    429: "Too Many Requests",
    500: "Internal Server Error",
    503: "Service Unavailable",
}


def _error(status: int, message: str) -> web.HTTPException:
    """The HTTP error Helix sends: {"error", "status", "message"}."""
    body = json.dumps({"error": _REASONS.get(status, "Error"), "status": status, "message": message})
    error_class = {
        400: web.HTTPBadRequest,
        401: web.HTTPUnauthorized,
        403: web.HTTPForbidden,
        404: web.HTTPNotFound,
        409: web.HTTPConflict,
    }[status]
    return error_class(text=body, content_type="application/json")


def _frame(
    message_type: str, payload: Mapping[str, Any], subscription: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """A WebSocket frame: metadata (subscription type/version for notifications, revocations) and payload."""
    metadata: dict[str, Any] = {
        "message_id": str(uuid.uuid4()),
        "message_type": message_type,
        "message_timestamp": _rfc3339(datetime.now(UTC)),
    }
    if subscription is not None:
        metadata["subscription_type"] = subscription["type"]
        metadata["subscription_version"] = subscription["version"]
    return {"metadata": metadata, "payload": dict(payload)}


def _rfc3339(moment: datetime) -> str:
    """Twitch's timestamp style: UTC, nanosecond precision, ``Z``."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f") + "000Z"


def _badge(spec: str) -> dict[str, str]:
    set_id, _, version = spec.partition("/")
    info = version if set_id in ("subscriber", "founder") and version else ""
    return {"set_id": set_id, "id": version or "1", "info": info}


def _user_json(user: FakeUser) -> dict[str, Any]:
    return {
        "id": user.id,
        "login": user.login,
        "display_name": user.display_name,
        "type": "",
        "broadcaster_type": "",
        "description": "",
        "profile_image_url": "https://static-cdn.jtvnw.net/user-default-pictures-uv/300x300.png",
        "offline_image_url": "",
        "view_count": 0,
        "created_at": "2019-05-01T12:00:00Z",
    }


def _session_id() -> str:
    return "AQoQ" + uuid.uuid4().hex[:20] + "AB"


def _clamp(raw: str | None, *, default: int) -> int:
    try:
        value = int(raw) if raw is not None else default
    except ValueError:
        value = default
    return max(10, min(600, value))


async def _json_body(request: web.Request) -> dict[str, Any]:
    try:
        body = await request.json()
    except ValueError:
        raise _error(400, "the body is not JSON") from None
    if not isinstance(body, dict):
        raise _error(400, "the body is not a JSON object")
    return body
