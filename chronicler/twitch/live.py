"""The live chat source: one channel's Twitch chat and stream status over EventSub, through twitchio 3.

Usage::

    source = LiveChatSource(channel="some_streamer", credentials=credentials)
    async with source:
        async for event in source.events():
            ...

`events()` logs in, looks the channel up, opens an EventSub WebSocket and subscribes to
``channel.chat.message`` (as the bot, which needs the ``user:read:chat`` scope), ``stream.online``
and ``stream.offline``. Start-up problems raise (`TwitchAuthError`, `UnknownChannel`,
`TwitchUnavailable`). After that the source keeps itself connected: twitchio reconnects and
resubscribes after a drop and follows ``session_reconnect`` (with the fixes in `twitch._socket`), and
if no socket is left at all the source starts a fresh session, backing off between attempts.
Messages sent while no socket is connected are lost: Twitch does not replay them.

Delivery is at least once, so the source drops repeats by notification id and by chat message id,
remembering the last `recent_ids` of them. Malformed or unknown notifications are logged and
skipped. If Twitch revokes a subscription (the bot's authorization was withdrawn, the channel was
removed...), `events()` raises `SubscriptionRevoked` once the events received before it are out.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
from collections.abc import AsyncIterator, Mapping, Sequence
from types import TracebackType
from typing import Any

from twitchio.eventsub import (
    ChatMessageSubscription,
    StreamOfflineSubscription,
    StreamOnlineSubscription,
    SubscriptionPayload,
)

from chronicler.contract.logins import is_login
from chronicler.domain.chat import ChatEvent, ChatMessage
from chronicler.domain.recent_ids import RecentIds
from chronicler.twitch._errors import (
    SubscriptionRevoked,
    TwitchAuthError,
    TwitchError,
    TwitchRequestRejected,
    TwitchUnavailable,
    UnknownChannel,
)
from chronicler.twitch._helix import (
    EVENTSUB_URL,
    HELIX_URL,
    ID_URL,
    HelixClient,
    TwitchCredentials,
    twitch_errors,
)
from chronicler.twitch._socket import EventSubSocket
from chronicler.twitch.eventsub import Notification

__all__ = [
    "EVENTSUB_URL",
    "HELIX_URL",
    "ID_URL",
    "LiveChatSource",
    "SubscriptionRevoked",
    "TwitchAuthError",
    "TwitchCredentials",
    "TwitchError",
    "TwitchUnavailable",
    "UnknownChannel",
]

logger = logging.getLogger(__name__)

READ_CHAT_SCOPE = "user:read:chat"
_END = object()  # queued by aclose(): the iterator stops once everything before it is out


class LiveChatSource:
    """Chat messages and stream online/offline events of one Twitch channel, live (a `ChatSource`)."""

    def __init__(
        self,
        *,
        channel: str,
        credentials: TwitchCredentials,
        helix_url: str = HELIX_URL,
        eventsub_url: str = EVENTSUB_URL,
        id_url: str = ID_URL,
        keepalive_timeout: int = 10,
        recent_ids: int = 10_000,
        restart_delays: Sequence[float] = (1.0, 2.0, 5.0, 15.0, 30.0, 60.0),
    ) -> None:
        # Sessions hand over normalized logins, so only case and spaces are forgiven, nothing is guessed.
        login = channel.strip().lower()
        if not is_login(login):
            raise ValueError(f"{channel!r} is not a Twitch login (1-25 letters, digits or underscores)")
        if not restart_delays:
            raise ValueError("restart_delays needs at least one delay")
        self.channel = login
        self._credentials = credentials
        self._helix_url = helix_url
        self._eventsub_url = eventsub_url
        self._id_url = id_url
        self._keepalive_timeout = keepalive_timeout
        self._restart_delays = tuple(restart_delays)
        self._recent = RecentIds(recent_ids)
        self._queue: asyncio.Queue[Any] = asyncio.Queue()  # unbounded: Twitch cannot be told to slow down
        self._helix: HelixClient | None = None
        self._broadcaster_id: str | None = None
        self._sockets: set[EventSubSocket] = set()
        self._iterated = False
        self._live = False  # started, not failed, not closing: lost connections get replaced
        self._closing = False
        self._starting: asyncio.Task[None] | None = None
        self._restarting: asyncio.Task[None] | None = None

    async def __aenter__(self) -> LiveChatSource:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()

    async def events(self) -> AsyncIterator[ChatEvent]:
        """Connect, then yield chat events as they arrive until `aclose()`; iterate it once only."""
        if self._iterated:
            raise RuntimeError("LiveChatSource.events() can only be iterated once")
        self._iterated = True
        if self._closing:
            return
        self._starting = asyncio.create_task(self._start(), name=f"LiveChatSource start {self.channel}")
        try:
            await self._starting
        except asyncio.CancelledError:
            current = asyncio.current_task()
            if self._closing and not (current and current.cancelling()):
                return  # aclose() during start-up
            raise
        while True:
            item = await self._queue.get()
            if item is _END:
                return
            if isinstance(item, TwitchError):
                raise item
            yield item

    async def aclose(self) -> None:
        """Disconnect and release everything; `events()` ends after yielding what already arrived."""
        if self._closing:
            return
        self._closing = True
        self._live = False
        for task in (self._starting, self._restarting):
            if task is not None and not task.done():
                task.cancel()
        await self._shut_down()
        self._queue.put_nowait(_END)

    # -- what the sockets report (twitch._socket.SocketOwner) --

    def notification(self, notification: Notification) -> None:
        """De-duplicate and queue one decoded notification."""
        if self._is_repeat(notification):
            logger.debug("Dropping a redelivered EventSub notification %s", notification.delivery_id)
            return
        self._queue.put_nowait(notification.event)

    def revoked(self, subscription: Mapping[str, Any]) -> None:
        """Twitch revoked a subscription; nothing brings it back, so the events end in an error."""
        error = SubscriptionRevoked(str(subscription.get("type")), str(subscription.get("status")))
        logger.error("%s; the live source for %s stops", error, self.channel)
        self._live = False
        self._queue.put_nowait(error)

    def opened(self, socket: EventSubSocket) -> None:
        """Track a new socket."""
        self._sockets.add(socket)

    def closed(self, socket: EventSubSocket) -> None:
        """Forget a socket; if it was the last one, start a fresh session."""
        self._sockets.discard(socket)
        if self._live and not self._sockets and self._restarting is None:
            name = f"LiveChatSource restart {self.channel}"
            self._restarting = asyncio.create_task(self._restart(), name=name)

    # -- internals --

    async def _start(self) -> None:
        try:
            self._helix = await HelixClient.open(
                self._credentials, helix_url=self._helix_url, id_url=self._id_url, scopes=(READ_CHAT_SCOPE,)
            )
            self._broadcaster_id = await self._helix.user_id(self.channel)
            await self._open_session()
        except BaseException:
            await self._shut_down()
            raise
        self._live = True
        logger.info("Reading Twitch chat of %s (broadcaster id %s)", self.channel, self._broadcaster_id)

    async def _open_session(self) -> None:
        """A new socket with all three subscriptions, or an exception and no socket."""
        assert self._helix is not None and self._broadcaster_id is not None
        socket = EventSubSocket(
            url=self._eventsub_url,
            owner=self,
            client=self._helix.client,
            token_for=self._credentials.bot_user_id,
            keep_alive_timeout=self._keepalive_timeout,
        )
        try:
            with twitch_errors("connect to the EventSub WebSocket"):
                await socket.open()
            with twitch_errors(f"subscribe to the events of {self.channel}"):
                for subscription in self._subscriptions():
                    await socket.subscribe(subscription)
        except BaseException:
            await socket.close()
            raise

    def _subscriptions(self) -> list[SubscriptionPayload]:
        broadcaster, bot = self._broadcaster_id or "", self._credentials.bot_user_id
        return [
            ChatMessageSubscription(broadcaster_user_id=broadcaster, user_id=bot),
            StreamOnlineSubscription(broadcaster_user_id=broadcaster),
            StreamOfflineSubscription(broadcaster_user_id=broadcaster),
        ]

    async def _restart(self) -> None:
        try:
            for attempt in itertools.count():
                delay = self._restart_delays[min(attempt, len(self._restart_delays) - 1)]
                logger.warning("No EventSub connection for %s; new session in %.1f s", self.channel, delay)
                await asyncio.sleep(delay)
                if not self._live:
                    return
                try:
                    await self._open_session()
                except TwitchAuthError as exc:
                    # Retrying cannot fix refused credentials; end the stream with the reason.
                    self._live = False
                    self._queue.put_nowait(exc)
                    return
                except (TwitchUnavailable, TwitchRequestRejected) as exc:
                    # A 400 here is usually a race (the new socket dropped before we subscribed): try again.
                    logger.warning("New EventSub session for %s failed: %s", self.channel, exc)
                    continue
                except Exception:
                    logger.exception("New EventSub session for %s failed unexpectedly", self.channel)
                    continue
                logger.info("New EventSub session for %s is up", self.channel)
                return
        finally:
            self._restarting = None

    def _is_repeat(self, notification: Notification) -> bool:
        # Twitch redelivers with the same metadata.message_id; the chat message id catches any other repeat.
        repeat = False
        if notification.delivery_id is not None:
            repeat = self._recent.seen_before(notification.delivery_id)
        if isinstance(notification.event, ChatMessage):
            repeat = self._recent.seen_before(notification.event.message_id) or repeat
        return repeat

    async def _shut_down(self) -> None:
        try:
            for socket in tuple(self._sockets):
                await socket.close()
        finally:
            if self._helix is not None:
                helix, self._helix = self._helix, None
                await helix.aclose()
