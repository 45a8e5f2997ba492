"""Stream markers at strong clip candidates (issue 20), against the fake Helix: made as the streamer's
broadcaster grant with the right body and token, paced, skipped (said once) without a grant or its scope,
and every refusal Twitch documents logged and swallowed; a 401 goes through the grant's refresh."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta

import pytest
from cryptography.fernet import Fernet

from chronicler.domain.chat import ChatEvent
from chronicler.domain.librarian import ClipCandidate
from chronicler.store import Database
from chronicler.store.twitch_grants import TwitchGrants, token_cipher
from chronicler.twitch.grants import GrantService
from chronicler.twitch.markers import HelixMarkers, SessionMarkers
from chronicler.twitch.oauth import BROADCASTER_SCOPES, TwitchOAuth
from chronicler.twitch.worker import ChatWorker
from tests.domain.librarian.chatlog import in_order, message, steady
from tests.fakes.twitch_oauth import FakeTwitchOAuth
from tests.fakes.twitch_server import FakeTwitch, FakeUser
from tests.twitch.test_worker import RecordingOutbox, ScriptedChat
from tests.waiting import until

CHANNEL = "pixel_wren"
NOW = datetime(2026, 12, 6, 21, 0, tzinfo=UTC)
LOGGER = "chronicler.twitch.markers"


class Wall:
    """A wall clock a test moves by hand."""

    def __init__(self, at: datetime = NOW) -> None:
        self.at = at

    def __call__(self) -> datetime:
        return self.at


@pytest.fixture
async def twitch() -> AsyncIterator[tuple[FakeTwitch, FakeTwitchOAuth]]:
    async with FakeTwitch() as fake, FakeTwitchOAuth(fake) as oauth:
        yield fake, oauth


@pytest.fixture
def grants(db: Database) -> TwitchGrants:
    return TwitchGrants(db, token_cipher(Fernet.generate_key().decode()))


@pytest.fixture
def streamer(db: Database) -> int:
    return int(db.insert("users", {"username": CHANNEL, "password_hash": "x"})["id"])


@pytest.fixture
async def service(db, grants, twitch) -> AsyncIterator[GrantService]:
    fake, oauth = twitch
    client = TwitchOAuth(client_id=fake.client_id, client_secret=fake.client_secret, id_url=oauth.id_url)
    yield GrantService(db, grants, client)
    await client.aclose()


def _connect(grants: TwitchGrants, user_id: int, broadcaster: FakeUser) -> None:
    grants.save(
        slot="broadcaster",
        user_id=user_id,
        twitch_user_id=broadcaster.id,
        twitch_login=broadcaster.login,
        scopes=broadcaster.scopes,
        access_token=broadcaster.access_token,
        refresh_token=broadcaster.refresh_token,
        expires_at=datetime.now(UTC) + timedelta(hours=4),
        at=datetime.now(UTC),
    )


def _markers(fake: FakeTwitch, service: GrantService, user_id: int, wall: Wall) -> SessionMarkers:
    helix = HelixMarkers(
        service.keeper("broadcaster", user_id), client_id=fake.client_id, helix_url=fake.helix_url
    )
    return SessionMarkers(7, CHANNEL, helix, wall=wall)


def _candidate(score: float = 6.2, *, ago: float = 40, kind: str = "funny") -> ClipCandidate:
    start = NOW - timedelta(seconds=ago)
    return ClipCandidate(
        start=start,
        end=start + timedelta(seconds=35),
        score=score,
        reason=f"{kind.capitalize()}: many chatters",
        sample_messages=(),
        peak=start + timedelta(seconds=30),
        kind=kind,  # type: ignore[arg-type]
    )


def _skips(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [
        r.getMessage()
        for r in caplog.records
        if r.name == LOGGER and "no Twitch stream markers" in r.getMessage()
    ]


async def test_a_strong_candidate_is_marked_as_the_broadcaster_with_how_far_back_it_was(
    twitch, grants, streamer, service
):
    fake, _ = twitch
    broadcaster = fake.add_user(CHANNEL, scopes=BROADCASTER_SCOPES)
    _connect(grants, streamer, broadcaster)
    fake.set_live(CHANNEL)
    wall = Wall()
    markers = _markers(fake, service, streamer, wall)
    try:
        markers.closed([_candidate(score=3.1), _candidate(score=6.2, ago=40)])  # the weak one is not marked
        await markers.wait()
        (made,) = fake.markers
        assert made["user_id"] == broadcaster.id
        assert made["description"] == "Chronicler: funny moment ~40 s ago (score 6.2)"
        assert made["token"] == broadcaster.access_token

        wall.at = NOW + timedelta(minutes=4)  # within five minutes of the last: paced
        markers.closed([_candidate(score=9.0)])
        await markers.wait()
        assert len(fake.markers) == 1

        wall.at = NOW + timedelta(minutes=5)
        markers.closed([_candidate(score=5.0, kind="hype")])
        await markers.wait()
        assert len(fake.markers) == 2 and fake.markers[1]["description"].startswith("Chronicler: hype moment")
    finally:
        await markers.aclose()


async def test_without_a_broadcaster_grant_nothing_is_asked_and_it_is_said_once(
    twitch, streamer, service, caplog
):
    fake, _ = twitch
    fake.set_live(CHANNEL)
    wall = Wall()
    markers = _markers(fake, service, streamer, wall)
    caplog.set_level(logging.INFO, logger=LOGGER)
    try:
        for minutes in (0, 6, 12):
            wall.at = NOW + timedelta(minutes=minutes)
            markers.closed([_candidate()])
            await markers.wait()
    finally:
        await markers.aclose()
    assert fake.markers == [] and ("POST", "/helix/streams/markers") not in fake.requests
    (line,) = _skips(caplog)
    assert "no usable broadcaster grant" in line


async def test_a_grant_without_the_broadcast_scope_makes_no_marker_and_says_so_once(
    twitch, grants, streamer, service, caplog
):
    fake, _ = twitch
    broadcaster = fake.add_user(CHANNEL, scopes=("channel:bot",))
    _connect(grants, streamer, broadcaster)
    fake.set_live(CHANNEL)
    wall = Wall()
    markers = _markers(fake, service, streamer, wall)
    caplog.set_level(logging.INFO, logger=LOGGER)
    try:
        for minutes in (0, 6):
            wall.at = NOW + timedelta(minutes=minutes)
            markers.closed([_candidate()])
            await markers.wait()
    finally:
        await markers.aclose()
    assert ("POST", "/helix/streams/markers") not in fake.requests
    (line,) = _skips(caplog)
    assert "channel:manage:broadcast" in line


async def test_synthetic_or_env_sessions_say_once_that_they_make_no_markers(caplog):
    caplog.set_level(logging.INFO, logger=LOGGER)
    markers = SessionMarkers.off(3, CHANNEL, "synthetic chat")
    markers.closed([_candidate()])
    markers.closed([_candidate(score=8)])
    await markers.aclose()
    assert _skips(caplog) == ["session 3: no Twitch stream markers in #pixel_wren: synthetic chat"]


@pytest.mark.parametrize(
    ("stage", "logged"),
    [
        ("offline", "not streaming live"),
        ("vods_off", "has not enabled VODs"),
        ("rate_limited", "rate limited until"),
        ("server_error", "Twitch answered 503"),
    ],
)
async def test_refusals_are_logged_and_swallowed(twitch, grants, streamer, service, caplog, stage, logged):
    fake, _ = twitch
    broadcaster = fake.add_user(CHANNEL, scopes=BROADCASTER_SCOPES)
    _connect(grants, streamer, broadcaster)
    fake.set_live(CHANNEL, stage != "offline", vods=stage != "vods_off")
    if stage == "rate_limited":
        fake.rate_limit_next(reset_at=time.time() + 30, path="/helix/streams/markers")
    elif stage == "server_error":
        fake.fail_next("POST", "/helix/streams/markers", 503)
    caplog.set_level(logging.INFO, logger=LOGGER)
    markers = _markers(fake, service, streamer, Wall())
    try:
        markers.closed([_candidate()])
        await markers.wait()  # no exception comes out of it
    finally:
        await markers.aclose()
    assert fake.markers == [] and ("POST", "/helix/streams/markers") in fake.requests
    assert any(logged in r.getMessage() for r in caplog.records if r.name == LOGGER)


async def test_a_401_refreshes_the_broadcaster_grant_and_marks_with_the_new_token(
    twitch, grants, streamer, service
):
    fake, oauth = twitch
    broadcaster = fake.add_user(CHANNEL, scopes=BROADCASTER_SCOPES)
    _connect(grants, streamer, broadcaster)
    fake.set_live(CHANNEL)
    stale = broadcaster.access_token
    oauth.expire_access(CHANNEL)
    markers = _markers(fake, service, streamer, Wall())
    try:
        markers.closed([_candidate()])
        await markers.wait()
    finally:
        await markers.aclose()
    (made,) = fake.markers
    assert oauth.refreshes == 1 and made["token"] != stale
    stored = grants.broadcaster(streamer)
    assert stored is not None and made["token"] == stored.access_token == broadcaster.access_token


async def test_a_grant_refused_for_good_makes_no_marker_and_raises_nothing(twitch, grants, streamer, service):
    fake, oauth = twitch
    broadcaster = fake.add_user(CHANNEL, scopes=BROADCASTER_SCOPES)
    _connect(grants, streamer, broadcaster)
    fake.set_live(CHANNEL)
    oauth.revoke_authorization(CHANNEL)
    markers = _markers(fake, service, streamer, Wall())
    try:
        markers.closed([_candidate()])
        await markers.wait()
    finally:
        await markers.aclose()
    assert fake.markers == []
    stored = grants.broadcaster(streamer)
    assert stored is not None and stored.broken


def _funny_moment() -> Iterator[ChatEvent]:
    """Ten calm minutes, then a crowd laughing and calling for a clip, then calm chat closing it."""
    crowd = (
        message(("KEKW", "LUL", "OMEGALUL KEKW", "lmao")[n % 4], login=f"crowd{n}", seconds=600 + n / 8)
        for n in range(160)
    )
    calls = (message("clip it", login=f"caller{n}", seconds=610 + n) for n in range(10))
    return iter(in_order(steady(0, 700), crowd, calls))


async def test_the_worker_marks_a_strong_candidate_of_live_chat_without_holding_chat_up(
    db, database_url, twitch, grants, streamer, service
):
    fake, _ = twitch
    broadcaster = fake.add_user(CHANNEL, scopes=BROADCASTER_SCOPES)
    _connect(grants, streamer, broadcaster)
    fake.set_live(CHANNEL)
    chat = list(_funny_moment())

    def markers_for(session) -> SessionMarkers:
        assert session.user_id == streamer
        return _markers(fake, service, session.user_id, Wall())

    worker = ChatWorker(
        db,
        database_url,
        source_factory=lambda s: ScriptedChat(chat),
        outbox=RecordingOutbox(),
        bot_login="chronicler_bot",
        markers=markers_for,
    )
    db.insert("stream_sessions", {"user_id": streamer, "channel": CHANNEL})
    run = asyncio.create_task(worker.run())
    try:
        await fake.wait_until(lambda: len(fake.markers) == 1, timeout=20)
        await until(lambda: db.fetch_value("SELECT count(*) FROM chat_messages") == len(chat), timeout=20)
    finally:
        run.cancel()
        await asyncio.gather(run, return_exceptions=True)
    (made,) = fake.markers
    assert made["user_id"] == broadcaster.id and made["token"] == broadcaster.access_token
    assert made["description"].startswith("Chronicler: funny moment ~")
