"""Twitch faults at production timings: what chat each one costs, replayed against the local fake Twitch.

Each scenario starts a fake Twitch on 127.0.0.1 (`tests.fakes.twitch_server`, EventSub's wire format and
Helix), reads its channel with `LiveChatSource` as built in production (its defaults: 10 s to connect,
the welcome's 10 s keepalive plus 2 s, 2 s of drain...), offers chat at a steady rate (30 msg/s unless
--rate says), stages one fault and counts. Rows 6 and 7 run the whole `ChatWorker` (production
defaults) on a throwaway embedded PostgreSQL, as `chronicler twitch` does.

  1 handshake      a session_reconnect whose URL takes TCP and never answers the upgrade
  2 welcome        a session_reconnect whose URL upgrades and never sends a welcome
  3 dead-socket    the peer goes silent: no keepalives, no chat, close frames unanswered
  4 in-flight-*    after the new welcome, chat still arrives on the old socket for 50 / 250 ms
  5 revocation     the chat subscription is revoked (version_removed)
  6 helix-429      Send Chat Message answers 429 with Ratelimit-Reset 4 s ahead, bot messages queued
  7 db-outage      PostgreSQL refuses the worker for 60 s (--quick: 10 s); the stream goes offline meanwhile

    python -m bench.twitch_faults [--only NAME] [--quick] [--rate 30] [--verbose]

Takes about two and a half minutes (one and a half with --quick). Loopback only; every wait is bounded.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import math
import sys
import tempfile
import time
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from psycopg.conninfo import make_conninfo

from bench._support import throwaway_database
from chronicler.domain.chat import ChatEvent, ChatMessage
from chronicler.store import Database, outbox, sessions
from chronicler.store.sessions import StreamSession
from chronicler.twitch.live import LiveChatSource, TwitchCredentials
from chronicler.twitch.live_worker import HelixOutbox
from chronicler.twitch.sender import ChatSender
from chronicler.twitch.worker import ChatWorker
from tests.fakes.twitch_server import FakeTwitch, FakeUser

CHANNEL = "pixel_wren"
BOT_LOGIN = "chronicler_bot"
BOT_SCOPES = ("user:read:chat", "user:write:chat")
CHAT = "channel.chat.message"
SEND = ("POST", "/helix/chat/messages")
KEEPALIVE = 10.0  # what the welcome announces to a client asking for 10 s, as Twitch does
STEP = 30.0  # bound on anything that should take seconds, so that a miss never hangs the run
# twitchio warns so at every client it builds: about a web adapter that nothing here uses.
TWITCHIO_NAG = "If you require the StarletteAdapter"
ROLE = "chronicler_bench_worker"  # the worker's own login, which the outage refuses
LINES = (
    "that jump was insane",
    "KEKW",
    "is this the last boss?",
    "gg",
    "how long has the stream been going",
    "chat is so fast today",
    "PogChamp PogChamp",
    "first time here, love the vibe",
)

HEADER = """\
offered  chat the fake put on a socket holding a live chat subscription (late frames on an old one too)
no sub   chat the fake had while no chat subscription was enabled: Twitch drops it, no client can hear it
dead     chat sent into a dead path (the silent socket): it vanished on the way
got      rows 1-5: yielded by LiveChatSource.events(); 6: queued bot messages Helix posted;
         7: rows in chat_messages
lost     offered (6: queued) and never got;  dup: got more than once (7: handed to the worker twice,
         which the table's key would hide)
gap s    the longest stretch in which no chat was heard, while chat was being offered
back s   from the fault becoming detectable to chat heard again:
         1, 2, 4: session_reconnect sent -> first chat frame on the socket that replaced the old one;
         3: last frame heard + the welcome's 10 s keepalive -> first chat heard;
         5: revocation sent -> first chat heard;  6: Ratelimit-Reset -> first queued bot message posted;
         7: PostgreSQL back -> everything offered until then stored"""


# -- the fake, who talks on it, and who listens --


@dataclass(frozen=True)
class Route:
    """One chat frame the fake tried to send: on which connection, when, and whether it got out."""

    message_id: str
    session_id: str
    at: float
    delivered: bool


class CountingTwitch(FakeTwitch):
    """The fake Twitch, noting the connection each chat frame went out on (to tell old sockets from new)."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.routes: list[Route] = []

    async def _send(self, session: Any, frame: Any) -> bool:
        delivered = await super()._send(session, frame)
        metadata = frame["metadata"]
        if metadata["message_type"] == "notification" and metadata.get("subscription_type") == CHAT:
            message_id = frame["payload"]["event"]["message_id"]
            self.routes.append(Route(message_id, session.id, time.monotonic(), delivered))
        return delivered

    def offered(self) -> set[str]:
        """Chat message ids put on the wire toward a client (the fake's own count)."""
        return {
            frame["payload"]["event"]["message_id"]
            for frame in self.notifications
            if frame["metadata"]["subscription_type"] == CHAT
        }

    def first_frame_elsewhere(self, old: str, after: float, heard: set[str]) -> float | None:
        """When the first chat frame that was heard went out on a connection other than `old`."""
        times = [
            r.at
            for r in self.routes
            if r.session_id != old and r.at > after and r.delivered and r.message_id in heard
        ]
        return min(times, default=None)


def credentials_for(fake: FakeTwitch, bot: FakeUser) -> TwitchCredentials:
    """The bot's credentials, which the fake accepts."""
    return TwitchCredentials(
        client_id=fake.client_id,
        client_secret=fake.client_secret,
        bot_user_id=bot.id,
        access_token=bot.access_token,
        refresh_token=bot.refresh_token,
    )


def live_source(fake: FakeTwitch, bot: FakeUser) -> LiveChatSource:
    """The live source as production builds it (`live_worker.live_sources`), pointed at the fake."""
    return LiveChatSource(
        channel=CHANNEL,
        credentials=credentials_for(fake, bot),
        helix_url=fake.helix_url,
        eventsub_url=fake.eventsub_url,
        id_url=fake.id_url,
    )


class Chatter:
    """Viewers talking in the fake's channel at a steady rate, until stopped (at most `limit` seconds)."""

    def __init__(self, fake: FakeTwitch, rate: float, limit: float = 600.0) -> None:
        self.fake = fake
        self.rate = rate
        self.limit = limit
        self.sent: list[str] = []
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        """Start talking."""
        self._task = asyncio.create_task(self._talk())

    async def stop(self) -> None:
        """Stop talking (at once: what is under way is cancelled)."""
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)

    async def _talk(self) -> None:
        # Paced on a schedule, not by sleeps in a row, so that a slow send does not lower the rate.
        began = time.monotonic()
        for n in range(int(self.rate * self.limit)):
            await asyncio.sleep(max(0.0, began + n / self.rate - time.monotonic()))
            login = f"viewer_{n % 37}"
            self.sent.append(await self.fake.send_chat(CHANNEL, login, f"{LINES[n % len(LINES)]} ({n})"))


class Ears:
    """Notes each chat message heard: every arrival, and when each was first heard."""

    def __init__(self) -> None:
        self.received: list[str] = []
        self.arrivals: dict[str, float] = {}
        self.error: BaseException | None = None

    def note(self, event: ChatEvent) -> None:
        """Note a chat message heard now; other events are not counted."""
        if isinstance(event, ChatMessage):
            self.received.append(event.message_id)
            self.arrivals.setdefault(event.message_id, time.monotonic())

    async def listen(self, source: LiveChatSource) -> None:
        """Read the source to its end; an error it raises is kept for the report."""
        try:
            async for event in source.events():
                self.note(event)
        except Exception as exc:
            self.error = exc

    def gap(self) -> float:
        """The longest stretch between two chat messages heard."""
        times = sorted(self.arrivals.values())
        return max((b - a for a, b in zip(times, times[1:], strict=False)), default=0.0)

    def first_after(self, moment: float) -> float | None:
        """When the first message heard after `moment` (monotonic) was heard."""
        return min((t for t in self.arrivals.values() if t > moment), default=None)

    def last_before(self, moment: float) -> float | None:
        """When the last message heard by `moment` was heard."""
        return max((t for t in self.arrivals.values() if t <= moment), default=None)


class HeardSource:
    """A chat source that tells the ears what it hands the worker."""

    def __init__(self, inner: LiveChatSource, ears: Ears) -> None:
        self.inner = inner
        self.ears = ears

    async def events(self) -> AsyncIterator[ChatEvent]:
        """The inner source's events, each noted on its way."""
        async for event in self.inner.events():
            self.ears.note(event)
            yield event

    async def aclose(self) -> None:
        """Close the inner source."""
        await self.inner.aclose()


# -- counting --


@dataclass
class Row:
    """One scenario's line in the table, and what to say beneath it."""

    name: str
    offered: int = 0
    no_sub: int = 0
    dead: int = 0
    got: int = 0
    lost: int = 0
    dup: int = 0
    gap: float | None = None
    back: float | None = None
    target: str = ""
    met: bool = False
    notes: list[str] = field(default_factory=list)
    took: float = 0.0


def count_chat(row: Row, fake: CountingTwitch, chatter: Chatter, got: list[str]) -> set[str]:
    """Fill the row's chat columns from what the fake sent and what was `got`; returns the lost ids."""
    offered = fake.offered()
    refused = {r.message_id for r in fake.routes if not r.delivered}  # a dead path took them
    unsent = [m for m in chatter.sent if m not in offered]
    lost = offered - set(got)
    row.offered, row.got, row.lost = len(offered), len(set(got)), len(lost)
    row.dead = sum(1 for m in unsent if m in refused)
    row.no_sub = len(unsent) - row.dead
    row.dup = len(got) - len(set(got))
    return lost


async def within(awaitable: Awaitable[Any], seconds: float) -> bool:
    """Whether `awaitable` finished within `seconds` (a miss is reported, not raised)."""
    try:
        await asyncio.wait_for(awaitable, seconds)
    except TimeoutError:
        return False
    return True


async def until(check: Callable[[], bool], seconds: float, *, threaded: bool = False) -> bool:
    """Poll `check` (in a thread when it queries PostgreSQL) until it holds; False after `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if await asyncio.to_thread(check) if threaded else check():
            return True
        await asyncio.sleep(0.05 if not threaded else 0.2)
    return False


def since(moment: float | None, start: float | None) -> float | None:
    """Seconds from `start` to `moment`; None when either never happened."""
    return None if moment is None or start is None else moment - start


# -- rows 1-5: the live source alone --


@dataclass
class Stage:
    """A fake Twitch, the production live source reading it, and chat flowing."""

    fake: CountingTwitch
    chatter: Chatter
    ears: Ears

    async def settle(self, row: Row, talk: float) -> set[str]:
        """Talk `talk` seconds more, stop, let what was offered arrive, count; returns the lost ids."""
        await asyncio.sleep(talk)
        await self.chatter.stop()
        offered = self.fake.offered()
        await until(lambda: offered <= set(self.ears.received), 5.0)
        await asyncio.sleep(0.3)  # a late duplicate would show up here
        row.gap = self.ears.gap()
        return count_chat(row, self.fake, self.chatter, self.ears.received)


@asynccontextmanager
async def live_chat(rate: float) -> AsyncIterator[Stage]:
    """A fake Twitch with Twitch's own timings, read by a production LiveChatSource, chat flowing."""
    async with CountingTwitch() as fake:
        fake.add_user(CHANNEL, display_name="Pixel_Wren")
        source = live_source(fake, fake.add_user(BOT_LOGIN, scopes=BOT_SCOPES))
        ears, chatter = Ears(), Chatter(fake, rate)
        reader = asyncio.create_task(ears.listen(source))
        try:
            await fake.wait_for_subscriptions(3, timeout=STEP)
            chatter.start()
            if not await until(lambda: len(ears.received) >= 20, STEP):
                raise RuntimeError("no chat heard before the fault")
            yield Stage(fake, chatter, ears)
        finally:
            await chatter.stop()
            await source.aclose()
            await within(reader, STEP)
        if ears.error is not None:
            raise ears.error


async def stalled_reconnect(row: Row, rate: float, stall: str) -> None:
    """Row 1 or 2: a session_reconnect to a URL that stalls at the handshake or before the welcome."""
    row.target = "back <= 12 s, 0 lost"
    async with live_chat(rate) as stage:
        fake = stage.fake
        [old] = fake.sessions
        asked = time.monotonic()
        await fake.reconnect(stall=stall)
        moved = await within(fake.wait_for_subscriptions(3, not_on=[old], timeout=STEP + 15), STEP + 15)
        await stage.settle(row, 3.0)  # > the 2 s drain of the old socket
        row.back = since(fake.first_frame_elsewhere(old, asked, set(stage.ears.arrivals)), asked)
        row.notes.append(f"connections to the stalled URL: {fake.stalled_connections}; closes {fake.closes}")
    row.met = moved and row.back is not None and row.back <= 12.0 and row.lost == 0


async def dead_socket(row: Row, rate: float) -> None:
    """Row 3: the peer goes silent, close frames unanswered; detectable a keepalive after the last frame."""
    row.target = "back <= 5 s, 0 lost"
    async with live_chat(rate) as stage:
        fake = stage.fake
        [old] = fake.sessions
        silenced = time.monotonic()
        fake.silence()
        fresh = await within(fake.wait_for_subscriptions(3, not_on=[old], timeout=STEP), STEP)
        await stage.settle(row, 3.0)
        last = stage.ears.last_before(silenced)
        detectable = None if last is None else last + KEEPALIVE
        row.back = since(stage.ears.first_after(silenced), detectable)
        row.notes.append(
            f"closes sent by the fake: {fake.closes} (a 4003 would mean the fresh session was late)"
        )
    row.met = fresh and row.back is not None and row.back <= 5.0 and row.lost == 0


async def in_flight(row: Row, rate: float, skew: float) -> None:
    """Row 4: frames still under way on the old socket for `skew` seconds after the new welcome."""
    row.target = "0 lost"
    async with live_chat(rate) as stage:
        fake = stage.fake
        [old] = fake.sessions
        asked = time.monotonic()
        await fake.reconnect(in_flight=skew)
        await until(lambda: not fake.pending_reconnects, STEP)
        await stage.settle(row, skew + 3.0)  # past the old socket's 2 s drain
        drained = await until(lambda: fake.open_sockets == 1, STEP)
        row.back = since(fake.first_frame_elsewhere(old, asked, set(stage.ears.arrivals)), asked)
        row.notes.append(
            f"late frames on the old socket: {fake.late_frames}; old socket closed after its drain: "
            f"{drained}; subscriptions created: {len(fake.subscriptions)} (3: carried over)"
        )
    row.met = row.lost == 0 and fake.late_frames > 0


async def revocation(row: Row, rate: float) -> None:
    """Row 5: Twitch revokes the chat subscription with version_removed."""
    row.target = "resubscribed, 0 lost"
    async with live_chat(rate) as stage:
        fake = stage.fake
        revoked = time.monotonic()
        await fake.revoke(CHAT, "version_removed")
        again = await within(fake.wait_for_subscriptions(3, timeout=STEP), STEP)
        await stage.settle(row, 3.0)
        row.back = since(stage.ears.first_after(revoked), revoked)
        statuses = Counter(s["status"] for s in fake.subscriptions if s["type"] == CHAT)
        row.notes.append(f"chat subscriptions by status: {dict(statuses)}; sessions: {len(fake.sessions)}")
    row.met = again and statuses["enabled"] == 1 and row.lost == 0


# -- rows 6-7: the worker on PostgreSQL --


@dataclass
class Plant:
    """A ChatWorker as `chronicler twitch` runs it, on the fake's channel and its Helix."""

    fake: CountingTwitch
    worker: ChatWorker
    ears: Ears
    session: StreamSession
    chatter: Chatter


@asynccontextmanager
async def worker_plant(db: Database, worker_url: str, name: str, rate: float) -> AsyncIterator[Plant]:
    """The fake, a worker (production defaults) on `worker_url`, an active session, chat flowing."""
    async with CountingTwitch() as fake:
        fake.add_user(CHANNEL, display_name="Pixel_Wren")
        bot = fake.add_user(BOT_LOGIN, scopes=BOT_SCOPES)
        ears = Ears()
        sender = ChatSender(
            credentials=credentials_for(fake, bot), helix_url=fake.helix_url, id_url=fake.id_url
        )
        helix = HelixOutbox(sender)
        worker_db = await asyncio.to_thread(lambda: Database(worker_url).open())
        with tempfile.TemporaryDirectory(prefix="chronicler-bench-journal-") as journal:
            worker = ChatWorker(
                worker_db,
                worker_url,
                source_factory=lambda s: HeardSource(live_source(fake, bot), ears),
                outbox=helix,
                bot_login=BOT_LOGIN,
                journal_dir=Path(journal),
            )
            running = asyncio.create_task(worker.run())
            chatter = Chatter(fake, rate)
            try:
                user = db.insert("users", {"username": f"bench_{name}", "password_hash": "x"})
                assert user is not None
                session = sessions.start_session(db, user["id"], channel=CHANNEL, default_channel=None)
                await fake.wait_for_subscriptions(3, timeout=STEP)
                chatter.start()
                yield Plant(fake, worker, ears, session, chatter)
            finally:
                await chatter.stop()
                running.cancel()
                await asyncio.gather(running, return_exceptions=True)
                await helix.aclose()
                await asyncio.to_thread(worker_db.close)


def stored_ids(db: Database, session_id: int) -> set[str]:
    """Chat message ids of the session in chat_messages."""
    rows = db.fetch_all("SELECT twitch_message_id FROM chat_messages WHERE session_id = %s", (session_id,))
    return {r["twitch_message_id"] for r in rows}


async def rate_limited(row: Row, rate: float, db: Database, url: str) -> None:
    """Row 6: Helix answers Send Chat Message with 429 until Ratelimit-Reset, 4 s ahead; 5 messages queued."""
    row.target = "each sent once, after the reset"
    texts = [f"bot message {n} of 5" for n in range(1, 6)]
    async with worker_plant(db, url, "helix_429", rate) as plant:
        fake, session = plant.fake, plant.session
        await asyncio.sleep(2.0)
        reset_at = time.time() + 4.0
        fake.rate_limit_next(reset_at=reset_at)
        # Ratelimit-Reset carries whole seconds: the bucket refills at the rounded-up second.
        reset = time.monotonic() + math.ceil(reset_at) - time.time()
        for text in texts:
            outbox.queue_message(db, session.id, channel=CHANNEL, mode="steward", text=text)
        await until(lambda: settled(db, session.id) >= len(texts), STEP + 30, threaded=True)
        await asyncio.sleep(2.0)
        await plant.chatter.stop()
        offered = fake.offered()
        await until(lambda: offered <= stored_ids(db, session.id), STEP, threaded=True)
        posted = [m for m in fake.sent_messages if m["message"] in texts]
        statuses = db.fetch_all(
            "SELECT status, attempts FROM chat_outbox WHERE session_id = %s AND text = ANY(%s)",
            (session.id, texts),
        )
        sessions.end_session(db, session.user_id)
    chat = Row("chat")
    count_stored(chat, plant, db)
    times = Counter(m["message"] for m in posted)
    row.offered, row.got = len(texts), len(times)
    row.lost, row.dup = len(texts) - len(times), sum(n - 1 for n in times.values())
    row.gap = plant.ears.gap()
    row.back = since(min((m["received_at"] for m in posted), default=None), reset)
    early = sum(1 for m in posted if m["received_at"] < reset)
    refused = fake.requests.count(SEND) - len(fake.sent_messages)
    row.notes.append(
        f"429s answered: {refused}; posted before the reset: {early}; outbox rows: "
        f"{sorted((r['status'], r['attempts']) for r in statuses)}"
    )
    row.notes.append(
        f"chat meanwhile, through the worker: offered {chat.offered}, no sub {chat.no_sub}, "
        f"stored {chat.got}, lost {chat.lost}, dup {chat.dup}"
    )
    row.met = row.lost == 0 and row.dup == 0 and early == 0 and all(r["status"] == "sent" for r in statuses)


def count_stored(row: Row, plant: Plant, db: Database) -> None:
    """Fill the row's chat columns, with `got` what PostgreSQL holds (dup: handed to the worker twice)."""
    count_chat(row, plant.fake, plant.chatter, plant.ears.received)
    stored = stored_ids(db, plant.session.id)
    row.got, row.lost = len(stored), len(plant.fake.offered() - stored)


def settled(db: Database, session_id: int) -> int:
    """Outbox messages of the session that are sent or failed."""
    return int(
        db.fetch_value(
            "SELECT count(*) FROM chat_outbox WHERE session_id = %s AND status IN ('sent', 'failed')",
            (session_id,),
        )
    )


@contextmanager
def outage_role(db: Database, url: str) -> Iterator[str]:
    """A login of the worker's own, which an outage can refuse while the benchmark still looks; its URL."""
    db.execute(f"DO $$ BEGIN CREATE ROLE {ROLE} LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$")
    db.execute(f"ALTER ROLE {ROLE} LOGIN")
    db.execute(f"GRANT ALL ON ALL TABLES IN SCHEMA public TO {ROLE}")
    db.execute(f"GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO {ROLE}")
    try:
        yield make_conninfo(url, user=ROLE)
    finally:
        db.execute(f"ALTER ROLE {ROLE} LOGIN")
        db.fetch_all("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = %s", (ROLE,))


def database_down(db: Database) -> None:
    """PostgreSQL goes away for the worker: its logins refused and its connections cut."""
    db.execute(f"ALTER ROLE {ROLE} NOLOGIN")
    db.fetch_all("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = %s", (ROLE,))


def database_up(db: Database) -> None:
    """PostgreSQL takes the worker's logins again."""
    db.execute(f"ALTER ROLE {ROLE} LOGIN")


@contextmanager
def finalizations(db: Database) -> Iterator[None]:
    """Note how many messages were stored at each write of finalized_at (in the writing transaction)."""
    db.execute("CREATE TABLE bench_finalizations (id serial, session_id bigint, stored bigint)")
    db.execute(
        """
        CREATE FUNCTION bench_finalization() RETURNS trigger SECURITY DEFINER AS $$
        BEGIN
            INSERT INTO bench_finalizations (session_id, stored)
            VALUES (NEW.id, (SELECT count(*) FROM chat_messages WHERE session_id = NEW.id));
            RETURN NEW;
        END $$ LANGUAGE plpgsql
        """
    )
    db.execute(
        "CREATE TRIGGER bench_finalization AFTER UPDATE OF finalized_at ON stream_sessions"
        " FOR EACH ROW WHEN (NEW.finalized_at IS DISTINCT FROM OLD.finalized_at)"
        " EXECUTE FUNCTION bench_finalization()"
    )
    try:
        yield
    finally:
        db.execute("DROP TRIGGER bench_finalization ON stream_sessions")
        db.execute("DROP FUNCTION bench_finalization()")
        db.execute("DROP TABLE bench_finalizations")


def finalized_with(db: Database, session_id: int) -> list[int]:
    """How many messages were stored at each write of the session's finalized_at."""
    rows = db.fetch_all(
        "SELECT stored FROM bench_finalizations WHERE session_id = %s ORDER BY id", (session_id,)
    )
    return [r["stored"] for r in rows]


def session_field(db: Database, session_id: int, name: str) -> Any:
    """One column of the session's row."""
    row = db.select_one("stream_sessions", {"id": session_id})
    return None if row is None else row[name]


async def database_outage(row: Row, rate: float, db: Database, url: str, seconds: float) -> None:
    """Row 7: PostgreSQL away from the worker for `seconds`, the stream going offline halfway through."""
    row.target = "0 lost, finalized once after last store"
    with outage_role(db, url) as worker_url, finalizations(db):
        async with worker_plant(db, worker_url, "outage", rate) as plant:
            fake, sid = plant.fake, plant.session.id
            await until(lambda: len(stored_ids(db, sid)) >= 50, STEP, threaded=True)
            await asyncio.to_thread(database_down, db)
            down = time.monotonic()
            await asyncio.sleep(seconds / 2)
            await fake.stream_offline(CHANNEL)
            await asyncio.sleep(max(0.0, down + seconds - time.monotonic()))
            before = fake.offered()
            await asyncio.to_thread(database_up, db)
            up = time.monotonic()
            caught_up = await until(lambda: before <= stored_ids(db, sid), 120.0, threaded=True)
            row.back = time.monotonic() - up if caught_up else None
            await asyncio.sleep(3.0)
            await plant.chatter.stop()
            offered = fake.offered()
            await until(lambda: offered <= stored_ids(db, sid), STEP, threaded=True)
            offline = await until(
                lambda: session_field(db, sid, "went_offline_at") is not None, STEP, threaded=True
            )
            sessions.end_session(db, plant.session.user_id)
            ended = time.monotonic()
            # The worker hears of the end once its listener is back (up to its 30 s backoff) or reconciles.
            done = await until(
                lambda: session_field(db, sid, "finalized_at") is not None, 120.0, threaded=True
            )
            finalized_after = time.monotonic() - ended
            await asyncio.sleep(1.0)  # a second write of finalized_at would show up here
            recorder = plant.worker.pipelines[sid].recorder if sid in plant.worker.pipelines else None
        stored = stored_ids(db, sid)
        written = finalized_with(db, sid)
    count_stored(row, plant, db)
    row.gap = plant.ears.gap()
    row.notes.append(
        f"outage {seconds:.0f} s; went_offline_at recorded: {offline}; finalized: {done}, "
        f"{finalized_after:.1f} s after the session ended; stored at each finalization: {written}"
        + (f"; journaled {recorder.journaled}" if recorder is not None else "")
    )
    row.met = row.lost == 0 and offline and written == [len(stored)] and caught_up


# -- running and printing --


@dataclass(frozen=True)
class Scenario:
    """A row of the table: its number, name, title and how to run it."""

    number: str
    name: str
    title: str
    needs_database: bool
    run: Callable[..., Awaitable[None]]
    options: dict[str, Any] = field(default_factory=dict)


SCENARIOS = (
    Scenario(
        "1", "handshake", "reconnect URL: no handshake", False, stalled_reconnect, {"stall": "handshake"}
    ),
    Scenario("2", "welcome", "reconnect URL: no welcome", False, stalled_reconnect, {"stall": "welcome"}),
    Scenario("3", "dead-socket", "dead socket (peer silent)", False, dead_socket),
    Scenario("4", "in-flight-50ms", "in flight 50 ms on old", False, in_flight, {"skew": 0.05}),
    Scenario("4", "in-flight-250ms", "in flight 250 ms on old", False, in_flight, {"skew": 0.25}),
    Scenario("5", "revocation", "revoked: version_removed", False, revocation),
    Scenario("6", "helix-429", "Helix 429 (bot messages)", True, rate_limited),
    Scenario("7", "db-outage", "PostgreSQL down 60 s", True, database_outage),
)


class Captured(logging.Handler):
    """Keeps the product's log records of the scenario under way."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


async def run_one(scenario: Scenario, args: argparse.Namespace, db: Database | None, url: str | None) -> Row:
    """Run a scenario; a crash becomes a row that says so, so the others still run."""
    title = scenario.title
    if scenario.name == "db-outage":
        title = f"PostgreSQL down {args.outage:.0f} s"
    row = Row(f"{scenario.number} {title}")
    options = dict(scenario.options)
    if scenario.needs_database:
        options.update(db=db, url=url)
    if scenario.name == "db-outage":
        options["seconds"] = args.outage
    began = time.monotonic()
    try:
        await scenario.run(row, args.rate, **options)
    except Exception as exc:
        row.met = False
        row.notes.append(f"the scenario failed: {type(exc).__name__}: {exc}")
    row.took = time.monotonic() - began
    return row


def number(value: float | None) -> str:
    """Seconds for the table; a dash for what never happened."""
    return "-" if value is None else f"{value:.2f}"


def print_table(rows: list[Row]) -> None:
    """The table: one line per scenario."""
    print(
        f"{'scenario':<30} {'offered':>7} {'no sub':>6} {'dead':>5} {'got':>6} {'lost':>5} {'dup':>4}"
        f" {'gap s':>6} {'back s':>7}  {'target':<41} met"
    )
    for r in rows:
        print(
            f"{r.name:<30} {r.offered:>7} {r.no_sub:>6} {r.dead:>5} {r.got:>6} {r.lost:>5} {r.dup:>4}"
            f" {number(r.gap):>6} {number(r.back):>7}  {r.target:<41} {'yes' if r.met else 'NO'}"
        )


def warnings_seen(records: list[logging.LogRecord]) -> Counter[str]:
    """The warnings and errors logged, by their first 100 characters (where retries still read alike)."""
    return Counter(
        rec.getMessage()[:100]
        for rec in records
        if rec.levelno >= logging.WARNING and not rec.getMessage().startswith(TWITCHIO_NAG)
    )


def print_details(rows: list[Row], logs: dict[str, list[logging.LogRecord]]) -> None:
    """Beneath the table, per scenario: its notes, its reconnect log lines and its warnings."""
    print("\ndetails:")
    for r in rows:
        records = logs.get(r.name, [])
        warnings = sum(warnings_seen(records).values())
        print(f"{r.name} ({r.took:.1f} s; {warnings} warnings or errors logged)")
        for note in r.notes:
            print(f"    {note}")
        for rec in records:
            if "reconnected on" in rec.getMessage():
                print(f"    log: {rec.getMessage()}")
        for text, times in warnings_seen(records).most_common(4):
            print(f"    warned {times}x: {text}")


async def run_all(
    chosen: list[Scenario], args: argparse.Namespace, url: str | None, captured: Captured
) -> tuple[list[Row], dict[str, list[logging.LogRecord]]]:
    """Run the chosen scenarios one after the other; their rows and the log records of each."""
    rows, logs = [], {}
    db = Database(url, max_size=4).open() if url is not None else None
    try:
        for scenario in chosen:
            captured.records = []
            print(f"running {scenario.number} {scenario.name}...", file=sys.stderr, flush=True)
            row = await run_one(scenario, args, db, url)
            rows.append(row)
            logs[row.name] = captured.records
    finally:
        if db is not None:
            db.close()
    return rows, logs


def main() -> None:
    """Parse the options, run, print."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--only", choices=[s.name for s in SCENARIOS], help="run one scenario")
    parser.add_argument("--quick", action="store_true", help="a 10 s outage instead of 60 s")
    parser.add_argument("--rate", type=float, default=30.0, help="chat messages per second (default 30)")
    parser.add_argument("--verbose", action="store_true", help="show the product's log on stderr")
    args = parser.parse_args()
    args.outage = 10.0 if args.quick else 60.0
    chosen = [s for s in SCENARIOS if args.only in (None, s.name)]

    captured = Captured()
    logging.getLogger().addHandler(captured)  # with a handler, the root logger no longer prints warnings
    logging.getLogger("chronicler").setLevel(logging.INFO)
    if args.verbose:
        logging.getLogger().addHandler(logging.StreamHandler(sys.stderr))

    began = time.monotonic()
    if any(s.needs_database for s in chosen):
        with throwaway_database("twitch_faults") as url:
            rows, logs = asyncio.run(run_all(chosen, args, url, captured))
    else:
        rows, logs = asyncio.run(run_all(chosen, args, None, captured))
    print(f"Twitch faults at production timings, chat offered at {args.rate:g} msg/s\n")
    print(HEADER + "\n")
    print_table(rows)
    print_details(rows, logs)
    missed = [r.name for r in rows if not r.met]
    print(f"\n{len(rows) - len(missed)} of {len(rows)} targets met in {time.monotonic() - began:.0f} s")
    for name in missed:
        print(f"  NOT met: {name}")


if __name__ == "__main__":
    main()
