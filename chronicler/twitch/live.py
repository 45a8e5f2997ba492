"""The live chat source: one channel's Twitch chat and stream status over EventSub.

Usage::

    source = LiveChatSource(channel="some_streamer", credentials=credentials)
    async with source:
        async for event in source.events():
            ...

`events()` logs in (twitchio, for Helix), looks the channel up, opens an EventSub WebSocket
(`twitch._socket`) and subscribes to ``channel.chat.message`` (as the bot, which needs the
``user:read:chat`` scope), ``stream.online``, ``stream.offline`` and ``channel.raid`` (raids into the
channel, which need no authorization). Start-up problems raise (`TwitchAuthError`, `UnknownChannel`,
`TwitchUnavailable`), except for the raid subscription: chat is what matters, so a raid subscription
Twitch refuses is a warning in the log and chat is read without raids (one that failed for an outage is
tried again in the background, as after a revocation, and every fresh session tries it anew).

After that the source keeps itself connected, always holding one *current* socket whose subscriptions
carry the chat:

* ``session_reconnect``: it connects to Twitch's URL while the old socket keeps delivering. Once the
  new socket is welcomed (within `connect_timeout`) it is current, and the old one is drained for
  `drain_grace` so frames still in flight on it arrive. If the new URL fails or times out, a fresh
  session is opened (base URL, subscribing again) while the old socket still delivers; if the old
  socket ends first (Twitch's 4004 when its 30 s grace runs out, or any other end), the migration is
  abandoned for a fresh session at once.
* A socket that Twitch closes or that is lost is replaced by a fresh session at once; one that hears
  nothing for the welcome's ``keepalive_timeout_seconds`` plus `keepalive_margin` is aborted (no close
  handshake to wait for) and replaced the same way, well within Twitch's 10 s to subscribe.
* Failed fresh sessions are retried after `restart_delays`.
* A revoked subscription is created again at once, backing off (`resubscribe_backoff`) between failed
  attempts; but ``authorization_revoked`` and ``user_removed`` cannot be undone by trying again, so
  `events()` raises `SubscriptionRevoked` with the reason once the events received before it are out
  (for the raid subscription they are only logged: chat, if it is gone too, gets its own revocation).

Every reconnect is logged at INFO with its reason and how long chat went unheard: from the last frame
on the old socket to the first on the new one. Messages Twitch sends while no socket is subscribed are
lost: Twitch does not replay them.

Besides chat, `events()` says whether chat is heard at all, so that a deaf bot does not go unnoticed:
`ChatHeard` once it is subscribed, then `ChatUnheard` (once per outage) when chat has gone unheard for
longer than a keepalive window (the welcome's keepalive plus `keepalive_margin`, counted from the last
frame heard): at once for a socket presumed dead, whose silence lasted that long already; when fresh
sessions or a revoked chat subscription cannot be restored within it. The end of that outage is
`ChatHeard` again, once the connection that brought chat back has held for a keepalive window and
been heard from since: a socket flapping in between leaves the outage one outage. Shorter gaps (an
ordinary reconnect) are only logged. What cannot be retried (a refused token, a final revocation)
ends `events()` with its error, as above: the caller knows chat is unheard from then on.

Delivery is at least once, and a drained socket may repeat what its successor delivers, so the source
drops repeats by notification id and by chat message id, remembering the last `recent_ids` of them.
Malformed or unknown notifications are logged and skipped.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from types import TracebackType
from typing import Any, cast

from twitchio.eventsub import (
    ChannelRaidSubscription,
    ChatMessageSubscription,
    StreamOfflineSubscription,
    StreamOnlineSubscription,
    SubscriptionPayload,
    SubscriptionType,
)
from twitchio.types_.conduits import Condition
from yarl import URL

from chronicler.contract.logins import is_login
from chronicler.domain.chat import ChatEvent, ChatHeard, ChatMessage, ChatUnheard, UnheardReason
from chronicler.domain.recent_ids import RecentIds
from chronicler.runtime.backoff import Backoff
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
    AccessTokens,
    HelixClient,
    TwitchCredentials,
    fresh_credentials,
    twitch_errors,
)
from chronicler.twitch._socket import EventSubSocket
from chronicler.twitch.eventsub import Notification

__all__ = [
    "EVENTSUB_URL",
    "HELIX_URL",
    "ID_URL",
    "RESUBSCRIBE_BACKOFF",
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
RESUBSCRIBE_BACKOFF = Backoff(first=1.0, maximum=30.0)
# Revocations that subscribing again cannot undo: the bot's authorization, or the user, is gone.
FINAL_REVOCATIONS = frozenset({"authorization_revoked", "user_removed"})
CHAT_SUBSCRIPTION = "channel.chat.message"  # the one whose loss leaves chat unheard
RAID_SUBSCRIPTION = "channel.raid"
# Subscriptions whose failure costs only their own events: chat is read without them, never stopped.
OPTIONAL_SUBSCRIPTIONS = frozenset({RAID_SUBSCRIPTION})
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
        connect_timeout: float = 10.0,
        keepalive_margin: float = 2.0,
        drain_grace: float = 2.0,
        close_timeout: float = 2.0,
        resubscribe_backoff: Backoff = RESUBSCRIBE_BACKOFF,
        sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], float] = time.time,
        tokens: AccessTokens | None = None,
    ) -> None:
        """A source for `channel`; timings are in seconds (tests shorten them, production keeps these).

        `tokens`: the bot's stored grant ("connect twitch"), refreshed on expiry and on a 401; without
        it the credentials' own tokens are used (the `.env` setup).
        """
        # Sessions hand over normalized logins, so only case and spaces are forgiven, nothing is guessed.
        login = channel.strip().lower()
        if not is_login(login):
            raise ValueError(f"{channel!r} is not a Twitch login (1-25 letters, digits or underscores)")
        if not restart_delays:
            raise ValueError("restart_delays needs at least one delay")
        self.channel = login
        self._credentials = credentials
        self._tokens = tokens
        self._helix_url = helix_url
        self._id_url = id_url
        # What the socket asks Twitch for (it clamps to 10-600); the welcome's answer is what counts.
        self._home_url = str(URL(eventsub_url).update_query(keepalive_timeout_seconds=keepalive_timeout))
        self._keepalive_timeout = keepalive_timeout
        self._restart_delays = tuple(restart_delays)  # between failed fresh sessions (the first is at once)
        # Bounds each connection (handshake and welcome together) and each subscription request: a
        # reconnect URL that never answers is given up well within Twitch's 30 s grace.
        self._connect_timeout = connect_timeout
        self._keepalive_margin = keepalive_margin  # after the welcome's keepalive, a socket is presumed dead
        self._drain_grace = drain_grace  # how long a superseded socket is still read
        self._close_timeout = close_timeout  # how long a graceful close waits for Twitch's answer
        self._resubscribe_backoff = resubscribe_backoff  # between failed attempts after a revocation
        self._sleep = sleep  # waits out restart_delays and resubscribe_backoff
        self._clock = clock  # times the silences that get logged and told
        self._wall_clock = wall_clock  # dates what is told: Unix time, read together with `clock`
        self._recent = RecentIds(recent_ids)
        self._queue: asyncio.Queue[Any] = asyncio.Queue()  # unbounded: Twitch cannot be told to slow down
        self._helix: HelixClient | None = None
        self._broadcaster_id: str | None = None
        self._iterated = False
        self._live = False  # started, not failed, not closing: lost connections get replaced
        self._closing = False
        self._starting: asyncio.Task[None] | None = None
        # The socket whose subscriptions carry the chat, and the subscription types active on it.
        self._current: EventSubSocket | None = None
        self._active: set[str] = set()
        self._sockets: set[EventSubSocket] = set()  # every socket opening, current, or being drained
        self._lost_at: float | None = None  # last frame of the current socket that ended, for the log
        self._migration: asyncio.Task[None] | None = None  # following a session_reconnect
        self._recovery: asyncio.Task[None] | None = None  # opening a fresh session
        self._resubscribing: dict[str, asyncio.Task[None]] = {}  # by subscription type
        self._draining: set[asyncio.Task[None]] = set()
        # Hearing chat (`clock()` times). Deaf since: the last frame heard before chat stopped being heard,
        # None while it is heard; kept until the outage's end is told, so a flap does not move it.
        self._deaf_since: float | None = None
        self._deaf_reason: UnheardReason = "connection"
        self._deaf_detail = ""
        self._told = False  # ChatUnheard went out for this outage; ChatHeard has not yet
        self._deaf_timer: asyncio.TimerHandle | None = None  # tells ChatUnheard when the window is up
        self._settle_timer: asyncio.TimerHandle | None = None  # tells ChatHeard once a connection held

    async def __aenter__(self) -> LiveChatSource:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()

    async def events(self) -> AsyncIterator[ChatEvent]:
        """Connect, then yield chat events as they arrive until `aclose()`; iterate it once only.

        The first is a `ChatHeard`, once connected and subscribed.
        """
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
        yield ChatHeard(self.channel, self._wall(self._clock()))
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
        self._stop_timers()
        if self._starting is not None and not self._starting.done():
            self._starting.cancel()
        tasks = [self._migration, self._recovery, *self._resubscribing.values(), *self._draining]
        pending = [task for task in tasks if task is not None and not task.done()]
        for task in pending:
            task.cancel()
        if pending:
            await asyncio.wait(pending)  # so their sockets are closed before the HTTP client goes
        await self._shut_down()
        self._queue.put_nowait(_END)

    # -- what the sockets report (twitch._socket.SocketOwner) --

    def notification(self, socket: EventSubSocket, notification: Notification) -> None:
        """De-duplicate and queue one decoded notification."""
        if self._is_repeat(notification):
            logger.debug("Dropping a redelivered EventSub notification %s", notification.delivery_id)
            return
        self._queue.put_nowait(notification.event)

    def revoked(self, socket: EventSubSocket, subscription: Mapping[str, Any]) -> None:
        """Twitch revoked a subscription: subscribe again, unless the reason says that cannot work."""
        kind, status = str(subscription.get("type")), str(subscription.get("status"))
        if kind in OPTIONAL_SUBSCRIPTIONS and status in FINAL_REVOCATIONS:
            # Not worth stopping chat for: if the bot's authorization is gone, chat's own revocation says so.
            logger.warning(
                "Twitch revoked the %s subscription of %s (%s); reading chat without it",
                kind,
                self.channel,
                status,
            )
            if socket is self._current:
                self._active.discard(kind)
            return
        if status in FINAL_REVOCATIONS:
            error = SubscriptionRevoked(kind, status)
            logger.error("%s; the live source for %s stops", error, self.channel)
            self._fail(error)
            return
        if not self._live:
            return
        logger.warning(
            "Twitch revoked the %s subscription of %s (%s); subscribing again", kind, self.channel, status
        )
        if socket is self._current:
            self._active.discard(kind)
            if kind == CHAT_SUBSCRIPTION:
                self._went_deaf(self._clock(), self._window(socket), "subscription", status)
        if kind not in self._resubscribing:
            name = f"LiveChatSource resubscribe {kind} {self.channel}"
            self._resubscribing[kind] = asyncio.create_task(self._resubscribe(kind), name=name)

    def reconnect_requested(self, socket: EventSubSocket, url: str) -> None:
        """Twitch asked the socket to move to `url`: migrate, unless a recovery is already under way."""
        if not self._live or socket is not self._current:
            logger.info("Ignoring a session_reconnect on %r, which is being replaced", socket)
            return
        if self._migration or self._recovery:
            logger.info("Ignoring a session_reconnect on %r: a reconnect is already under way", socket)
            return
        logger.info("EventSub for %s: Twitch asked %r to reconnect (session_reconnect)", self.channel, socket)
        name = f"LiveChatSource migration {self.channel}"
        self._migration = asyncio.create_task(self._migrate(socket, url), name=name)

    def ended(self, socket: EventSubSocket, reason: str) -> None:
        """A socket ended by itself; if it was the current one, get a fresh session at once."""
        self._sockets.discard(socket)
        if socket is not self._current:
            return  # being drained, or already superseded
        self._current = None
        self._lost_at = socket.last_frame_at
        if not self._live:
            return
        if self._migration is not None:
            # Twitch ended the old socket (its 4004, or anything else) before the new one was welcomed:
            # waiting on the reconnect URL any longer only keeps chat unheard.
            self._migration.cancel()
            self._migration = None
            reason = f"{reason} while reconnecting"
        logger.info("EventSub for %s lost %r (%s); starting a fresh session", self.channel, socket, reason)
        self._went_deaf(socket.last_frame_at or self._clock(), self._window(socket), "connection", reason)
        self._start_recovery(reason)

    # -- internals --

    async def _start(self) -> None:
        try:
            self._helix = await self._log_in()
            self._broadcaster_id = await self._helix.user_id(self.channel)
            self._current, self._active, retry = await self._open_session()
        except BaseException:
            await self._shut_down()
            raise
        self._live = True
        logger.info(
            "Reading Twitch chat of %s (broadcaster id %s; subscribed to %s)",
            self.channel,
            self._broadcaster_id,
            ", ".join(sorted(self._active)),
        )
        self._resubscribe_later(retry)

    async def _log_in(self) -> HelixClient:
        credentials = await fresh_credentials(self._credentials, self._tokens)
        try:
            return await HelixClient.open(
                credentials, helix_url=self._helix_url, id_url=self._id_url, scopes=(READ_CHAT_SCOPE,)
            )
        except TwitchAuthError:
            if self._tokens is None:
                raise
        # The stored token was refused: once more with a refreshed one.
        fresh = await self._tokens.refreshed(credentials.access_token)
        credentials = replace(credentials, access_token=fresh)
        return await HelixClient.open(
            credentials, helix_url=self._helix_url, id_url=self._id_url, scopes=(READ_CHAT_SCOPE,)
        )

    def _new_socket(self) -> EventSubSocket:
        socket = EventSubSocket(
            owner=self,
            keepalive_margin=self._keepalive_margin,
            close_timeout=self._close_timeout,
            clock=self._clock,
        )
        self._sockets.add(socket)
        return socket

    async def _open_session(self) -> tuple[EventSubSocket, set[str], set[str]]:
        """A new socket on the base URL with its subscriptions, or an exception and no socket.

        Also the subscription types active on it, and the optional ones to try again later (those that
        failed for an outage rather than a refusal).
        """
        socket = self._new_socket()
        active: set[str] = set()
        retry: set[str] = set()
        try:
            await socket.open(
                self._home_url, timeout=self._connect_timeout, keepalive=self._keepalive_timeout
            )
            # Chat first: the others must not hold it up, nor (the optional ones) stop it.
            for kind, payload in self._subscriptions().items():
                try:
                    await self._subscribe(socket, payload)
                except TwitchError as exc:
                    if kind not in OPTIONAL_SUBSCRIPTIONS or not socket.alive:
                        raise  # chat's own failure, or the socket lost: this session is no good
                    self._optional_failed(kind, exc, retrying=isinstance(exc, TwitchUnavailable))
                    if isinstance(exc, TwitchUnavailable):
                        retry.add(kind)
                    continue
                active.add(kind)
            if not socket.alive:
                raise TwitchUnavailable("the new EventSub socket closed while subscribing")
        except BaseException:
            self._sockets.discard(socket)
            await socket.abort()
            raise
        return socket, active, retry

    def _optional_failed(self, kind: str, error: TwitchError, *, retrying: bool) -> None:
        """The warning for an optional subscription Twitch did not create: chat is read all the same."""
        logger.warning(
            "Could not subscribe to %s for %s (%s); reading chat without it%s",
            kind,
            self.channel,
            error,
            ", trying again later" if retrying else "",
        )

    def _resubscribe_later(self, kinds: set[str]) -> None:
        """Try these subscriptions again in the background, backing off (as after a revocation)."""
        for kind in sorted(kinds):
            if self._live and kind not in self._resubscribing:
                name = f"LiveChatSource resubscribe {kind} {self.channel}"
                self._resubscribing[kind] = asyncio.create_task(self._resubscribe(kind), name=name)

    def _subscriptions(self) -> dict[str, SubscriptionPayload]:
        broadcaster, bot = self._broadcaster_id or "", self._credentials.bot_user_id
        payloads: list[SubscriptionPayload] = [
            ChatMessageSubscription(broadcaster_user_id=broadcaster, user_id=bot),
            StreamOnlineSubscription(broadcaster_user_id=broadcaster),
            StreamOfflineSubscription(broadcaster_user_id=broadcaster),
            # Raids into the channel (not out of it); the type needs no authorization.
            ChannelRaidSubscription(to_broadcaster_user_id=broadcaster),
        ]
        return {SubscriptionType(payload.type).value: payload for payload in payloads}

    async def _subscribe(self, socket: EventSubSocket, payload: SubscriptionPayload) -> None:
        """Create one subscription on the socket's session (within `connect_timeout`)."""
        assert self._helix is not None and socket.session_id is not None
        kind = SubscriptionType(payload.type)
        # twitchio fills the raid condition's unused from_broadcaster_user_id with ""; Twitch documents a
        # condition that names one of the two, so only what is set is sent.
        condition = cast(Condition, {key: value for key, value in payload.condition.items() if value})
        await self._helix.keep_fresh(self._tokens)
        for attempt in (1, 2):
            try:
                with twitch_errors(f"subscribe to {kind.value} of {self.channel}"):
                    async with asyncio.timeout(self._connect_timeout):
                        await self._helix.http.create_eventsub_subscription(
                            type=kind,
                            version=payload.version,
                            condition=condition,
                            transport={"method": "websocket", "session_id": socket.session_id},
                            token_for=self._credentials.bot_user_id,
                        )
                return
            except TwitchAuthError as exc:
                if attempt == 2:
                    raise
                await self._helix.after_refusal(self._tokens, exc)  # a 401: refreshed, then once more

    async def _migrate(self, old: EventSubSocket, url: str) -> None:
        """Follow a session_reconnect: the new socket takes over once welcomed, the old one is drained."""
        new = self._new_socket()
        try:
            await new.open(
                url, timeout=self._connect_timeout, keepalive=old.keepalive or self._keepalive_timeout
            )
        except TwitchUnavailable as exc:
            self._sockets.discard(new)
            self._migration = None
            logger.info(
                "EventSub reconnect URL for %s failed (%s); starting a fresh session", self.channel, exc
            )
            self._start_recovery(f"session_reconnect, then the reconnect URL failed: {exc}")
            return
        except BaseException:  # cancelled: the old socket ended first, or the source is closing
            self._sockets.discard(new)
            await new.abort()
            raise
        self._migration = None
        # Twitch moved the subscriptions to the new session when it welcomed it.
        self._current = new
        self._retire(old)
        self._log_reconnect(new, old.last_frame_at, "session_reconnect, followed to Twitch's URL")

    def _start_recovery(self, reason: str) -> None:
        if self._live and self._recovery is None:
            name = f"LiveChatSource fresh session {self.channel}"
            self._recovery = asyncio.create_task(self._recover(reason), name=name)

    async def _recover(self, reason: str) -> None:
        """Open a fresh session at once, then after `restart_delays` between failures."""
        try:
            for attempt in itertools.count():
                if attempt:
                    delay = self._restart_delays[min(attempt - 1, len(self._restart_delays) - 1)]
                    logger.warning("No EventSub session for %s; trying again in %.1f s", self.channel, delay)
                    await self._sleep(delay)
                if not self._live:
                    return
                try:
                    socket, active, retry = await self._open_session()
                except TwitchAuthError as exc:
                    # Retrying cannot fix refused credentials; end the stream with the reason.
                    self._fail(exc)
                    return
                except (TwitchUnavailable, TwitchRequestRejected) as exc:
                    # A 400 here is usually a race (the new socket dropped before we subscribed): try again.
                    logger.warning("New EventSub session for %s failed: %s", self.channel, exc)
                    continue
                except Exception:
                    logger.exception("New EventSub session for %s failed unexpectedly", self.channel)
                    continue
                old, self._current = self._current, socket
                self._active = active
                self._resubscribe_later(retry)
                if old is not None:
                    self._retire(old)  # it delivered while the fresh session was opened; drain it too
                self._log_reconnect(socket, old.last_frame_at if old is not None else self._lost_at, reason)
                self._heard_again(socket.first_frame_at or self._clock(), self._window(socket))
                return
        finally:
            self._recovery = None

    async def _resubscribe(self, kind: str) -> None:
        """Create a revoked subscription again on the current session, backing off between failures."""
        payload = self._subscriptions().get(kind)
        failures = 0
        try:
            while True:
                if failures:
                    await self._sleep(self._resubscribe_backoff.delay(failures))
                socket = self._current
                if payload is None or not self._live or socket is None or kind in self._active:
                    return  # not ours, stopped, or a fresh session (which subscribes to all) is on it
                try:
                    await self._subscribe(socket, payload)
                except (TwitchAuthError, TwitchRequestRejected) as exc:
                    conflict = isinstance(exc, TwitchRequestRejected) and exc.http_status == 409
                    if kind in OPTIONAL_SUBSCRIPTIONS and not conflict:
                        self._optional_failed(kind, exc, retrying=False)  # refused: trying again won't help
                        return
                    if isinstance(exc, TwitchAuthError):
                        self._fail(exc)
                        return
                    if not conflict:  # 409: it exists already, which is what we wanted
                        logger.warning("Subscribing again to %s for %s failed: %s", kind, self.channel, exc)
                        failures += 1
                        continue
                except TwitchError as exc:
                    logger.warning("Subscribing again to %s for %s failed: %s", kind, self.channel, exc)
                    failures += 1
                    continue
                except Exception:
                    logger.exception("Subscribing again to %s for %s failed unexpectedly", kind, self.channel)
                    failures += 1
                    continue
                if socket is self._current:
                    self._active.add(kind)
                    logger.info("Subscribed again to %s for %s", kind, self.channel)
                    if kind == CHAT_SUBSCRIPTION:
                        self._heard_again(self._clock(), self._window(socket))
                    return
                # The session changed meanwhile (a reconnect) and may not have taken this one along.
        finally:
            self._resubscribing.pop(kind, None)

    def _retire(self, socket: EventSubSocket) -> None:
        """Keep reading a superseded socket until Twitch closes it or `drain_grace` passes, then close it."""
        task = asyncio.create_task(self._drain(socket), name=f"LiveChatSource drain {socket!r}")
        self._draining.add(task)
        task.add_done_callback(self._draining.discard)

    async def _drain(self, socket: EventSubSocket) -> None:
        try:
            await socket.wait_ended(self._drain_grace)
        finally:
            self._sockets.discard(socket)
            await socket.close()

    def _log_reconnect(self, socket: EventSubSocket, last_heard: float | None, reason: str) -> None:
        """The INFO line every reconnect gets: why, and how long chat went unheard."""
        first = socket.first_frame_at
        unheard = max(0.0, first - last_heard) if first is not None and last_heard is not None else 0.0
        logger.info(
            "EventSub for %s reconnected on %r (reason: %s); chat unheard for %.2f s",
            self.channel,
            socket,
            reason,
            unheard,
        )

    def _fail(self, error: TwitchError) -> None:
        """End the events with `error` (once): the source stops trying."""
        if not self._live:
            return
        self._live = False
        self._stop_timers()
        self._queue.put_nowait(error)

    # -- hearing chat --

    def _window(self, socket: EventSubSocket) -> float:
        """How long chat may go unheard before it counts: the welcome's keepalive plus the margin."""
        return (socket.keepalive or float(self._keepalive_timeout)) + self._keepalive_margin

    def _went_deaf(self, last_heard: float, window: float, reason: UnheardReason, detail: str) -> None:
        """Chat stopped being heard at `last_heard`: tell so once it has gone unheard for `window`."""
        if self._settle_timer is not None:
            # The connection that brought chat back did not hold: the outage told goes on.
            self._settle_timer.cancel()
            self._settle_timer = None
        if self._deaf_since is None:
            self._deaf_since, self._deaf_reason, self._deaf_detail = last_heard, reason, detail
        if self._told or self._deaf_timer is not None:
            return
        delay = self._deaf_since + window - self._clock()
        if delay <= 0:
            self._tell_unheard()  # a socket presumed dead: its silence lasted the window already
        else:
            self._deaf_timer = asyncio.get_running_loop().call_later(delay, self._tell_unheard)

    def _tell_unheard(self) -> None:
        self._deaf_timer = None
        if not self._live or self._deaf_since is None or self._told:
            return
        self._told = True
        since = self._wall(self._deaf_since)
        logger.warning(
            "Chat of %s unheard since %s (%s: %s); telling the reader",
            self.channel,
            since.isoformat(timespec="seconds"),
            self._deaf_reason,
            self._deaf_detail,
        )
        self._queue.put_nowait(ChatUnheard(self.channel, since, self._deaf_reason, self._deaf_detail))

    def _heard_again(self, heard_from: float, window: float) -> None:
        """Chat is heard again from `heard_from`: an untold gap ends now, a told one once the link holds."""
        if self._deaf_timer is not None:
            self._deaf_timer.cancel()
            self._deaf_timer = None
        if self._deaf_since is None:
            return
        if not self._told:
            self._deaf_since = None  # shorter than the window: the reconnect's log line says it all
            return
        if self._settle_timer is not None:
            self._settle_timer.cancel()
        self._settle_timer = asyncio.get_running_loop().call_later(window, self._tell_heard, heard_from)

    def _tell_heard(self, heard_from: float) -> None:
        self._settle_timer = None
        if not self._live or self._deaf_since is None or not self._told:
            return
        current = self._current
        if current is None or not current.alive or (current.last_frame_at or heard_from) <= heard_from:
            # Nothing heard on it since chat came back: it may be a dead link about to be cut (its end
            # cancels this), so look again shortly rather than call the outage over.
            loop = asyncio.get_running_loop()
            self._settle_timer = loop.call_later(
                max(self._keepalive_margin, 0.1), self._tell_heard, heard_from
            )
            return
        unheard = max(0.0, heard_from - self._deaf_since)
        self._deaf_since, self._told = None, False
        logger.info("Chat of %s heard again after %.2f s unheard; telling the reader", self.channel, unheard)
        self._queue.put_nowait(ChatHeard(self.channel, self._wall(heard_from), unheard))

    def _stop_timers(self) -> None:
        for timer in (self._deaf_timer, self._settle_timer):
            if timer is not None:
                timer.cancel()
        self._deaf_timer = self._settle_timer = None

    def _wall(self, moment: float) -> datetime:
        """A `clock()` moment as a date."""
        return datetime.fromtimestamp(self._wall_clock() - (self._clock() - moment), UTC)

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
                self._sockets.discard(socket)
                await socket.close()
        finally:
            self._current = None
            if self._helix is not None:
                helix, self._helix = self._helix, None
                await helix.aclose()
