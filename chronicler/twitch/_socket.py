"""twitchio's EventSub WebSocket, pointed at a configurable URL and patched where 3.3.2 falls short.

`EventSubSocket` subclasses ``twitchio.eventsub.websockets.Websocket`` and keeps its machinery:
connecting with retries and backoff, waiting for ``session_welcome``, the keepalive watchdog, and
reconnecting plus resubscribing after a drop. It overrides what does not hold up against Twitch's
protocol or against this product's needs (each override says why):

* the URL: twitchio always uses its module constant ``WSS`` when reconnecting after a drop, and
  follows ``session_reconnect`` with a plain ``Websocket`` that would fall back to it later;
* the read loop: a frame without ``metadata`` (or not a JSON object) raised out of twitchio's loop
  and silently stopped all reading; close codes 4001/4003 ended the socket for good;
* ``session_reconnect``: twitchio connected the new socket inside the old socket's read loop, so
  notifications Twitch sent on the old socket meanwhile sat unread and were lost when it closed;
* a lost resubscription was only logged (with a URL that can hold the client secret), leaving the
  socket up but deaf to that event;
* reconnect tasks kept retrying after `close()`.

Notifications go to the socket's owner decoded by `twitch.eventsub` (chat messages through its
fast path), so twitchio's event models and dispatch are bypassed; malformed ones are logged and
skipped. The owner also hears about revocations and about every socket opened or closed for good,
including the successors created on reconnect.
"""

from __future__ import annotations

import asyncio
import datetime
import logging
from collections.abc import Mapping
from typing import Any, Protocol, cast

import aiohttp
import orjson
import twitchio
from twitchio.eventsub import SubscriptionPayload, SubscriptionType
from twitchio.eventsub.websockets import Websocket
from yarl import URL

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
    """Whoever consumes the socket's traffic and keeps track of which sockets are alive."""

    def notification(self, notification: Notification) -> None:
        """A chat message or stream event, decoded."""
        ...

    def revoked(self, subscription: Mapping[str, Any]) -> None:
        """Twitch revoked this subscription (the ``payload.subscription`` object)."""
        ...

    def opened(self, socket: EventSubSocket) -> None:
        """A socket was created (the first one, or a successor after ``session_reconnect``)."""
        ...

    def closed(self, socket: EventSubSocket) -> None:
        """A socket closed for good and will not reconnect by itself."""
        ...


class EventSubSocket(Websocket):
    """One EventSub WebSocket session that reports to a `SocketOwner`."""

    def __init__(
        self,
        *,
        url: str,
        owner: SocketOwner,
        client: twitchio.Client,
        token_for: str,
        keep_alive_timeout: int = 10,
    ) -> None:
        super().__init__(
            keep_alive_timeout=keep_alive_timeout, client=client, token_for=token_for, http=client.http
        )
        self._base_url = url
        self._home_url = str(URL(url).update_query(keepalive_timeout_seconds=self.keep_alive_timeout))
        self._owner = owner
        self._migrating = False  # following a session_reconnect; the migration task owns recovery
        owner.opened(self)

    async def open(self, url: str | None = None) -> None:
        """Connect (to `url` if given) and wait for the welcome; WebsocketConnectionException on failure."""
        await self.connect(url=url, fail_once=True)
        if self._client is not None and self.session_id is not None:
            # The bookkeeping twitchio's Client.subscribe_websocket does for the sockets it creates.
            self._client._websockets[self._token_for or ""][self.session_id] = self

    async def subscribe(self, payload: SubscriptionPayload) -> None:
        """Create the subscription on this session, as Client.subscribe_websocket does for its sockets."""
        if self.session_id is None:
            raise RuntimeError("subscribe() before the socket is open")
        data: Any = {
            "type": SubscriptionType(payload.type),
            "version": payload.version,
            "condition": payload.condition,
            "transport": {"method": "websocket", "session_id": self.session_id},
            "token_for": self._token_for,
        }
        response = await self._http.create_eventsub_subscription(**data)
        for subscription in response["data"]:
            self._subscriptions[subscription["id"]] = data

    async def connect(
        self, *, url: str | None = None, reconnect: bool = False, fail_once: bool = False
    ) -> None:
        """Connect to `url`, or to this socket's configured EventSub URL."""
        # Without a url twitchio uses its module constant WSS, and that is how it reconnects after a drop.
        await super().connect(url=url or self._home_url, reconnect=reconnect, fail_once=fail_once)

    async def close(self, cleanup: bool = True, *, reassociate: bool = True) -> None:
        """Close the socket; with `cleanup` (the default) for good, stopping any reconnect in flight."""
        final = cleanup and not (self._closed or self._closing)
        if final:
            # twitchio leaves its reconnect tasks running; one retries forever while Twitch is unreachable.
            current = asyncio.current_task()
            for task in tuple(self._connection_tasks):
                if task is not current:
                    task.cancel()
        await super().close(cleanup=cleanup, reassociate=reassociate)
        if final:
            self._owner.closed(self)

    async def _listen(self) -> None:
        # Replaces twitchio's loop: malformed frames are skipped instead of ending the loop, and every close
        # code leads to a reconnect. twitchio gives up on 4001 (we never send anything, so it cannot be ours
        # to fix) and 4003 (no subscription within 10 s, e.g. a resubscribe that failed): resubscribing on a
        # fresh connection is the cure for both, and `_resubscribe` below hands over to the owner if it fails.
        socket = self._socket
        assert socket is not None
        while True:
            try:
                message = await socket.receive()
            except Exception as exc:
                logger.info("EventSub socket %s failed (%s); reconnecting", self, exc)
                await self._create_connection_task()
                return
            if message.type in _CLOSED:
                if not (self._closing or self._closed):
                    code = socket.close_code
                    reason = _CLOSE_REASONS.get(code or 0, "")
                    logger.info("EventSub socket %s closed: %s %s", self, code, reason)
                await self._create_connection_task()
                return
            if message.type is not aiohttp.WSMsgType.TEXT:
                continue  # aiohttp answers pings itself; Twitch sends nothing else
            self._last_keepalive = datetime.datetime.now()
            chat = read_chat_notification(message.data)  # nearly all traffic: decoded in one pass
            if chat is not None:
                self._notify(chat)
                continue
            frame = _parse_frame(message.data)
            if frame is not None:
                await self._handle(frame)

    def _notify(self, notification: Notification) -> None:
        try:
            self._owner.notification(notification)
        except Exception:
            logger.exception("EventSub notification handler failed; the notification is skipped")

    async def _handle(self, frame: dict[str, Any]) -> None:
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
            self._notify(Notification(notification_id(frame), event))
        elif kind == "session_keepalive":
            pass
        elif kind == "session_welcome":
            if not isinstance(_payload_part(frame, "session").get("id"), str):
                logger.warning("Skipping a session_welcome without a session id: %.300s", frame)
                return
            await self._process_welcome(frame)  # type: ignore[arg-type]
        elif kind == "session_reconnect":
            if not isinstance(_payload_part(frame, "session").get("reconnect_url"), str):
                logger.warning("Skipping a session_reconnect without a reconnect_url: %.300s", frame)
                return
            await self._process_reconnect(frame)
        elif kind == "revocation":
            subscription = _payload_part(frame, "subscription")
            if not (isinstance(subscription.get("id"), str) and isinstance(subscription.get("status"), str)):
                logger.warning("Skipping a revocation without a subscription id and status: %.300s", frame)
                return
            self._owner.revoked(subscription)
            try:
                await self._process_revocation(frame)  # type: ignore[arg-type]
            except (KeyError, TypeError, ValueError):
                # twitchio's revocation model wants every documented field; the owner has already been told.
                logger.warning("twitchio could not read a revocation: %.300s", frame)
        else:
            logger.warning("Skipping an EventSub frame of unknown type %r", kind)

    async def _process_reconnect(self, data: Any) -> None:
        # twitchio awaits the whole migration here, inside the read loop, so the old socket is not read
        # until it is closed and whatever Twitch sent on it in the meantime is dropped. Migrate in a task
        # instead and keep reading; Twitch moves the subscriptions once the new socket is welcomed.
        if self._migrating:
            return
        self._migrating = True
        url = data["payload"]["session"]["reconnect_url"]
        logger.info("EventSub socket %s asked to reconnect to %s", self, url)
        task = asyncio.create_task(self._reconnect(url), name=f"EventSub migration from {self}")
        self._connection_tasks.add(task)
        task.add_done_callback(self._connection_tasks.discard)

    async def _reconnect(self, url: str) -> None:
        # twitchio's version builds a plain Websocket (losing the configured URL and everything above).
        successor = type(self)(
            url=self._base_url,
            owner=self._owner,
            client=self._client,  # type: ignore[arg-type]
            token_for=self._token_for or "",
            keep_alive_timeout=self._keep_alive_timeout,
        )
        successor._subscriptions = self._subscriptions  # Twitch carries them over to the new session
        try:
            await successor.open(url)
        except Exception as exc:
            logger.warning("EventSub reconnect to %s failed (%r); starting over on a fresh session", url, exc)
            await successor.close()
            self._migrating = False
            await self.connect(reconnect=True)
            return
        await self.close()

    async def _create_connection_task(self) -> None:
        if self._migrating:
            return  # the old socket closing mid-migration is expected; the migration task decides
        await super()._create_connection_task()

    async def _resubscribe(self) -> None:
        # Replaces twitchio's version, which logs a failed resubscription and carries on, leaving a socket
        # that never hears that event again, and whose log line quotes the failed URL: for a token refresh,
        # that URL carries the client secret and refresh token. Here a failure is logged without the URL and
        # the socket closes, so the owner, seeing no socket left, starts a fresh session.
        assert self._session_id is not None
        previous = list(self._subscriptions.values())
        self._subscriptions.clear()
        for data in previous:
            data["transport"]["session_id"] = self._session_id
            try:
                response = await self._http.create_eventsub_subscription(**data)
            except twitchio.HTTPException as exc:
                logger.warning("Resubscribing to %s failed with HTTP %s", data["type"].value, exc.status)
                continue
            for subscription in response["data"]:
                self._subscriptions[subscription["id"]] = data
        if not previous or len(self._subscriptions) < len(previous):
            logger.warning(
                "EventSub socket %s kept %d of %d subscriptions after reconnecting; closing it",
                self,
                len(self._subscriptions),
                len(previous),
            )
            await self.close()


def _parse_frame(data: str) -> dict[str, Any] | None:
    """The frame as a dict with ``metadata.message_type``, or None (logged) when it is not one."""
    try:
        frame = orjson.loads(data)  # as twitchio itself parses with orjson installed: the hot path
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
