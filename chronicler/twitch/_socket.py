"""One EventSub WebSocket connection on aiohttp: connect, read the welcome, read frames until it ends.

This replaces twitchio 3.3.2's ``Websocket``, whose recovery lost chat against Twitch's protocol:

* the handshake to a ``session_reconnect`` URL had no time limit of its own (aiohttp's 300 s), so an
  edge that accepted TCP and never answered kept the client off chat far past Twitch's 30 s grace;
* its keepalive watchdog used the client's own setting plus 5 s, never the welcome's
  ``keepalive_timeout_seconds``, and a socket presumed dead was closed gracefully, waiting up to 10 s
  for a close reply that a dead peer never sends; by then the new session had missed Twitch's 10 s
  to subscribe and was closed with 4003;
* the old socket was closed right after the new welcome, dropping frames still on their way on it.

Here every connection attempt is bounded (handshake and welcome together), the keepalive deadline is
the welcome's ``keepalive_timeout_seconds`` plus a margin, a silent socket is aborted (no close
handshake), and nothing is closed behind the owner's back: the owner (`LiveChatSource`) decides which
socket is current, when a superseded one has been drained, and how to recover. Subscriptions are made
by the owner through Helix (twitchio's HTTP client, which refreshes the token).

A socket never sends anything (Twitch closes the connection with 4001 for inbound traffic other than
pongs): no pings, and aiohttp answers Twitch's pings. Frames are decoded by `twitch.eventsub` (chat
messages through its fast path); malformed ones are logged and skipped.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable, Mapping
from typing import Any, Protocol, cast

import aiohttp
import orjson

from chronicler.twitch._errors import TwitchUnavailable
from chronicler.twitch.eventsub import (
    MalformedEvent,
    Notification,
    decode_notification,
    notification_id,
    read_chat_notification,
)

logger = logging.getLogger(__name__)

_CLOSED = frozenset(
    {aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSING, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR}
)

# Twitch's close codes, for the log (dev.twitch.tv/docs/eventsub/handling-websocket-events#close-message).
_CLOSE_REASONS = {
    4000: "internal server error",
    4001: "client sent inbound traffic",
    4002: "client failed ping-pong",
    4003: "connection unused",
    4004: "reconnect grace time expired",
    4005: "network timeout",
    4006: "network error",
    4007: "invalid reconnect",
}


class SocketOwner(Protocol):
    """Whoever consumes a socket's traffic and decides what happens when it ends."""

    def notification(self, socket: EventSubSocket, notification: Notification) -> None:
        """A chat message or stream event, decoded."""
        ...

    def revoked(self, socket: EventSubSocket, subscription: Mapping[str, Any]) -> None:
        """Twitch revoked this subscription (the ``payload.subscription`` object)."""
        ...

    def reconnect_requested(self, socket: EventSubSocket, url: str) -> None:
        """Twitch sent ``session_reconnect`` with this ``reconnect_url``."""
        ...

    def ended(self, socket: EventSubSocket, reason: str) -> None:
        """The connection ended without the owner asking: closed by Twitch, lost, or presumed dead."""
        ...


class EventSubSocket:
    """One EventSub WebSocket connection, reporting to a `SocketOwner`; `open` it, then `close` or `abort`."""

    def __init__(
        self,
        *,
        owner: SocketOwner,
        keepalive_margin: float = 2.0,
        close_timeout: float = 2.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._owner = owner
        self._margin = (
            keepalive_margin  # on top of the welcome's keepalive before the socket is presumed dead
        )
        self._close_timeout = close_timeout  # for Twitch's answer to our close frame, when closing gracefully
        self._clock = clock
        self.url: str | None = None
        self.session_id: str | None = None
        self.keepalive: float | None = None  # the welcome's keepalive_timeout_seconds
        self.first_frame_at: float | None = None  # `clock()` at the welcome
        self.last_frame_at: float | None = None  # `clock()` at the latest frame
        self._http: aiohttp.ClientSession | None = None
        self._ws: aiohttp.ClientWebSocketResponse | None = None
        self._reader: asyncio.Task[None] | None = None
        self._done = False  # closed, aborted, or ended by itself: nothing more will be read

    def __repr__(self) -> str:
        return f"EventSub socket {self.session_id or '(not welcomed)'}"

    @property
    def alive(self) -> bool:
        """Welcomed and still reading."""
        return self._reader is not None and not self._done

    async def open(self, url: str, *, timeout: float, keepalive: float) -> None:
        """Connect to `url` and read its welcome, all within `timeout` s; `TwitchUnavailable` if not."""
        # `keepalive` stands in for a welcome that does not say its keepalive_timeout_seconds.
        self.url = url
        self._http = aiohttp.ClientSession()
        try:
            async with asyncio.timeout(timeout):
                self._ws = await self._http.ws_connect(
                    url, timeout=aiohttp.ClientWSTimeout(ws_receive=None, ws_close=self._close_timeout)
                )
                await self._read_welcome(self._ws, keepalive)
        except BaseException as exc:
            await self.abort()
            if isinstance(exc, TimeoutError):
                raise TwitchUnavailable(f"EventSub at {url} sent no welcome within {timeout:g} s") from None
            if isinstance(exc, aiohttp.ClientError | OSError):
                raise TwitchUnavailable(f"could not connect to EventSub at {url}: {exc!r}") from exc
            raise
        self._reader = asyncio.create_task(self._read(self._ws), name=f"{self!r} reader")

    async def wait_ended(self, timeout: float) -> None:
        """Return when the socket stops reading, or after `timeout` seconds."""
        if self._reader is not None and not self._reader.done():
            await asyncio.wait([self._reader], timeout=timeout)

    async def close(self) -> None:
        """Close gracefully: a close frame, then at most `close_timeout` for Twitch's answer."""
        if self._done:
            return
        self._done = True
        await self._stop_reading()
        ws = self._ws
        if ws is not None and not ws.closed:
            with contextlib.suppress(Exception):
                await ws.close()  # bounded by ws_close = close_timeout
        await self._release(abort=False)

    async def abort(self) -> None:
        """Cut the connection at once, without a close handshake: a dead peer would never answer one."""
        if self._done:
            return
        self._done = True
        await self._stop_reading()
        await self._release(abort=True)

    # -- internals --

    async def _stop_reading(self) -> None:
        reader, self._reader = self._reader, None
        if reader is not None and reader is not asyncio.current_task():
            reader.cancel()
            await asyncio.wait([reader])  # wait() rather than await: its cancellation is not ours

    async def _release(self, *, abort: bool) -> None:
        http, self._http = self._http, None
        if http is None:
            return
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(self._close_timeout):
                if abort and http.connector is not None:
                    # A TLS close would wait for the peer's close_notify; abort_ssl cuts it instead.
                    await http.connector.close(abort_ssl=True)
                await http.close()

    async def _read_welcome(self, ws: aiohttp.ClientWebSocketResponse, keepalive: float) -> None:
        while True:
            message = await ws.receive()
            if message.type is aiohttp.WSMsgType.TEXT:
                break
            if message.type in _CLOSED:
                raise TwitchUnavailable(
                    f"EventSub at {self.url} {_describe_close(ws.close_code)} before its welcome"
                )
        frame = _parse_frame(message.data)
        kind = frame["metadata"]["message_type"] if frame is not None else "a malformed frame"
        session = _payload_part(frame, "session") if frame is not None else {}
        if kind != "session_welcome" or not isinstance(session.get("id"), str):
            raise TwitchUnavailable(f"EventSub at {self.url} sent {kind!r} instead of a session_welcome")
        self.session_id = session["id"]
        announced = session.get("keepalive_timeout_seconds")
        if isinstance(announced, int | float) and not isinstance(announced, bool) and announced > 0:
            self.keepalive = float(announced)
        else:
            logger.warning("EventSub welcome without keepalive_timeout_seconds; assuming %g s", keepalive)
            self.keepalive = keepalive
        self.first_frame_at = self.last_frame_at = self._clock()

    async def _read(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        assert self.keepalive is not None
        deadline = self.keepalive + self._margin
        while True:
            try:
                # Twitch sends a keepalive after `keepalive` s of silence; past the margin the path is dead.
                message = await ws.receive(timeout=deadline)
            except TimeoutError:
                silence = self._clock() - (self.last_frame_at or 0.0)
                reason = f"nothing heard for {silence:.1f} s (keepalive {self.keepalive:g} s)"
                logger.info("%r: %s; presumed dead, aborting it", self, reason)
                await self.abort()
                self._report_end(reason)
                return
            if message.type in _CLOSED:
                reason = _describe_close(ws.close_code)
                logger.info("%r %s", self, reason)
                self._done = True
                await self._release(abort=False)
                self._report_end(reason)
                return
            if message.type is not aiohttp.WSMsgType.TEXT:
                continue  # aiohttp answers pings itself; Twitch sends nothing else
            self.last_frame_at = self._clock()
            chat = read_chat_notification(message.data)  # nearly all traffic: decoded in one pass
            if chat is not None:
                self._call(self._owner.notification, chat)
                continue
            frame = _parse_frame(message.data)
            if frame is not None:
                self._handle(frame)

    def _report_end(self, reason: str) -> None:
        self._reader = None
        self._call(self._owner.ended, reason)

    def _call(self, callback: Callable[[EventSubSocket, Any], None], argument: Any) -> None:
        """Tell the owner something; a failing handler is logged and must not stop the reading."""
        try:
            callback(self, argument)
        except Exception:
            logger.exception(
                "EventSub handler %s failed; carrying on", getattr(callback, "__name__", callback)
            )

    def _handle(self, frame: dict[str, Any]) -> None:
        kind = frame["metadata"]["message_type"]
        if kind == "notification":
            try:
                event = decode_notification(frame)
            except MalformedEvent as exc:
                logger.warning("Skipping a malformed EventSub notification (%s): %.300s", exc, frame)
                return
            if event is None:
                kind = frame["metadata"].get("subscription_type")
                logger.warning("Skipping an EventSub notification of unexpected type %r", kind)
                return
            self._call(self._owner.notification, Notification(notification_id(frame), event))
        elif kind == "session_keepalive":
            pass
        elif kind == "session_welcome":
            if not isinstance(_payload_part(frame, "session").get("id"), str):
                logger.warning("Skipping a session_welcome without a session id: %.300s", frame)
            else:
                logger.warning("Skipping a second session_welcome on %r: %.300s", self, frame)
        elif kind == "session_reconnect":
            url = _payload_part(frame, "session").get("reconnect_url")
            if not isinstance(url, str):
                logger.warning("Skipping a session_reconnect without a reconnect_url: %.300s", frame)
                return
            self._call(self._owner.reconnect_requested, url)
        elif kind == "revocation":
            subscription = _payload_part(frame, "subscription")
            if not (isinstance(subscription.get("id"), str) and isinstance(subscription.get("status"), str)):
                logger.warning("Skipping a revocation without a subscription id and status: %.300s", frame)
                return
            self._call(self._owner.revoked, subscription)
        else:
            logger.warning("Skipping an EventSub frame of unknown type %r", kind)


def _describe_close(code: int | None) -> str:
    """How a connection ended, from its close code, for logs and errors."""
    if code is None or code == aiohttp.WSCloseCode.ABNORMAL_CLOSURE:
        return "lost its connection"
    reason = _CLOSE_REASONS.get(code)
    return f"closed by Twitch with {code}" + (f" ({reason})" if reason else "")


def _parse_frame(data: str) -> dict[str, Any] | None:
    """The frame as a dict with ``metadata.message_type``, or None (logged) when it is not one."""
    try:
        frame = orjson.loads(data)  # the hot path's parser
    except ValueError:  # orjson.JSONDecodeError is one
        logger.warning("Skipping an EventSub frame that is not JSON: %.300r", data)
        return None
    metadata = frame.get("metadata") if isinstance(frame, dict) else None
    if not (isinstance(metadata, dict) and isinstance(metadata.get("message_type"), str)):
        logger.warning("Skipping an EventSub frame without metadata.message_type: %.300r", data)
        return None
    return cast(dict[str, Any], frame)  # a JSON object, since its metadata was read from it


def _payload_part(frame: dict[str, Any], key: str) -> dict[str, Any]:
    """``payload[key]`` when both are JSON objects, else an empty dict."""
    payload = frame.get("payload")
    part = payload.get(key) if isinstance(payload, dict) else None
    return part if isinstance(part, dict) else {}
