"""The simulator: a deterministic stream whose truth matches what it contains, played as a ChatSource."""

from __future__ import annotations

import asyncio
import statistics
from collections import Counter, defaultdict
from datetime import UTC, datetime, timedelta, timezone
from itertools import pairwise

import pytest

from chronicler.contract.errors import InvalidInput
from chronicler.domain.chat import BADGES, ChatMessage, StreamOffline, StreamOnline
from chronicler.twitch.simulator import (
    DEFAULT_START,
    Scenario,
    SimulatedChat,
    Truth,
    synthesize,
    synthesize_with_truth,
)
from tests.twitch.sleeps import EndlessSleep, RecordingSleep

CHANNEL = "pixel_wren"
THREE_HOURS = timedelta(hours=3)


@pytest.fixture(scope="module")
def stream() -> tuple[list[ChatMessage], Truth]:
    """One three-hour stream, shared by the read-only checks below to keep the suite fast."""
    return synthesize_with_truth(CHANNEL, seed=7, duration=THREE_HOURS)


def within(message: ChatMessage, start: datetime, end: datetime) -> bool:
    return start <= message.sent_at < end


# --- determinism and shape ---------------------------------------------------------------------


def test_same_seed_same_stream() -> None:
    first = list(synthesize(CHANNEL, seed=3, duration=timedelta(minutes=30)))
    again = list(synthesize(CHANNEL, seed=3, duration=timedelta(minutes=30)))
    other = list(synthesize(CHANNEL, seed=4, duration=timedelta(minutes=30)))
    assert first == again
    assert first != other


def test_messages_are_well_formed(stream: tuple[list[ChatMessage], Truth]) -> None:
    messages, truth = stream
    assert len({m.message_id for m in messages}) == len(messages)
    assert all(m.sent_at.tzinfo is UTC for m in messages)
    assert [m.sent_at for m in messages] == sorted(m.sent_at for m in messages)
    assert truth.start == DEFAULT_START and truth.end == DEFAULT_START + THREE_HOURS
    assert all(truth.start <= m.sent_at < truth.end for m in messages)
    assert {m.channel for m in messages} == {CHANNEL}
    assert all(m.text and m.badges <= BADGES for m in messages)


def test_start_is_converted_to_utc_and_naive_means_utc() -> None:
    paris = timezone(timedelta(hours=2))
    messages = list(
        synthesize(
            CHANNEL, seed=1, duration=timedelta(minutes=5), start=datetime(2024, 1, 1, 20, tzinfo=paris)
        )
    )
    naive = list(synthesize(CHANNEL, seed=1, duration=timedelta(minutes=5), start=datetime(2024, 1, 1, 18)))
    assert messages == naive
    assert messages[0].sent_at.tzinfo is UTC


def test_endless_stream_keeps_going() -> None:
    messages = synthesize(CHANNEL, seed=1)
    taken = [next(messages) for _ in range(3000)]
    assert taken[-1].sent_at > DEFAULT_START + timedelta(minutes=30)


# --- what the truth says is there ---------------------------------------------------------------


def test_base_rate_is_realistic_and_drifts(stream: tuple[list[ChatMessage], Truth]) -> None:
    messages, truth = stream
    busy = truth.quiet_gaps + truth.spikes
    per_minute = Counter(int((m.sent_at - truth.start).total_seconds() // 60) for m in messages)
    ordinary = [
        per_minute[minute]
        for minute in range(180)
        if not any(
            span.start - timedelta(minutes=1) < truth.start + timedelta(minutes=minute) < span.end
            for span in busy
        )
    ]
    assert len(ordinary) > 100
    assert 5 <= statistics.median(ordinary) <= 60
    assert max(ordinary) >= 2 * min(ordinary)  # the rate drifts


def test_long_quiet_gap_is_silent(stream: tuple[list[ChatMessage], Truth]) -> None:
    messages, truth = stream
    long_gaps = truth.long_quiet_gaps()
    assert len(long_gaps) == 1 and long_gaps[0].length >= timedelta(minutes=15)
    assert len(truth.quiet_gaps) > 1  # short lulls too
    for gap in truth.quiet_gaps:
        assert not any(within(m, gap.start, gap.end) for m in messages)
        assert any(within(m, gap.end, gap.end + timedelta(minutes=2)) for m in messages)  # chat comes back


def test_quiet_gap_placement_is_configurable() -> None:
    scenario = Scenario(quiet_gaps=((timedelta(minutes=10), timedelta(minutes=16)),))
    messages, truth = synthesize_with_truth(
        CHANNEL, seed=5, duration=timedelta(minutes=40), scenario=scenario
    )
    gap_start = DEFAULT_START + timedelta(minutes=10)
    assert [(g.start, g.end) for g in truth.quiet_gaps] == [(gap_start, gap_start + timedelta(minutes=16))]
    assert not any(within(m, gap_start, gap_start + timedelta(minutes=16)) for m in messages)
    assert any(m.sent_at < gap_start for m in messages) and any(
        m.sent_at >= gap_start + timedelta(minutes=16) for m in messages
    )


def test_short_streams_have_no_long_gap_by_default() -> None:
    _, truth = synthesize_with_truth(CHANNEL, seed=5, duration=timedelta(minutes=45))
    assert truth.long_quiet_gaps() == []


def test_spikes_stand_out_with_emote_floods_and_clip_calls(stream: tuple[list[ChatMessage], Truth]) -> None:
    messages, truth = stream
    assert len(truth.spikes) >= 5
    by_id = {m.message_id: m for m in messages}
    for spike in truth.spikes:
        inside = [m for m in messages if within(m, spike.start, spike.end)]
        before = [m for m in messages if within(m, spike.start - timedelta(minutes=5), spike.start)]
        rate_inside = len(inside) / (spike.end - spike.start).total_seconds() * 60
        assert rate_inside >= 3 * max(len(before) / 5, 5)
        assert any(m.message_id in truth.clip_calls for m in inside)
        floods = [m for m in inside if len(set(m.text.split())) == 1 and len(m.text.split()) >= 2]
        assert floods  # e.g. "KEKW KEKW KEKW"
    assert all("clip" in by_id[i].text.lower() for i in truth.clip_calls)
    assert {s.kind for s in truth.spikes} == {"hype", "funny"}


def test_spam_bots_post_known_scams(stream: tuple[list[ChatMessage], Truth]) -> None:
    messages, truth = stream
    by_id = {m.message_id: m for m in messages}
    assert truth.spam_ids <= by_id.keys()
    assert set(truth.spam.values()) == {"buy_followers", "free_nitro", "cheap_viewers", "copy_raid"}
    spam = [by_id[i] for i in truth.spam_ids]
    assert {m.chatter_login for m in spam} == truth.spam_bots
    # Spam accounts post nothing but spam, never with a privileged badge, and start as first-timers.
    assert all(m.message_id in truth.spam for m in messages if m.chatter_login in truth.spam_bots)
    assert not any(m.is_privileged or m.badges for m in spam)
    firsts = {m.chatter_login for m in spam if m.first_message}
    assert firsts == truth.spam_bots
    texts = " ".join(m.text for m in spam)
    assert "streamboo .com" in texts or "bit.ly/" in texts
    assert "discord.gg/" in texts or "nitro" in texts.lower()


def test_copy_raid_is_one_text_from_several_new_accounts(stream: tuple[list[ChatMessage], Truth]) -> None:
    messages, truth = stream
    by_text: dict[str, set[str]] = defaultdict(set)
    for message in messages:
        if truth.spam.get(message.message_id) == "copy_raid":
            by_text[message.text].add(message.chatter_login)
    assert by_text and all(len(accounts) >= 4 for accounts in by_text.values())


def test_regulars_are_consistent_and_newcomers_are_flagged_once(
    stream: tuple[list[ChatMessage], Truth],
) -> None:
    messages, truth = stream
    seen: dict[str, tuple[str, str | None, frozenset[str]]] = {}
    firsts: Counter[str] = Counter()
    for message in messages:
        identity = (message.display_name, message.chatter_id, message.badges)
        assert seen.setdefault(message.chatter_login, identity) == identity
        firsts[message.chatter_login] += message.first_message
    assert set(firsts.values()) <= {0, 1}
    flagged = {login for login, count in firsts.items() if count}
    assert flagged == truth.first_timers
    # The flag sits on each newcomer's earliest message.
    earliest: dict[str, ChatMessage] = {}
    for message in messages:
        earliest.setdefault(message.chatter_login, message)
    assert all(earliest[login].first_message for login in flagged)
    newcomer_share = sum(m.first_message for m in messages) / len(messages)
    assert 0.01 < newcomer_share < 0.2
    talkers = Counter(m.chatter_login for m in messages)
    assert talkers.most_common(1)[0][1] > 50  # regulars come back


def test_badges_questions_and_mentions_appear(stream: tuple[list[ChatMessage], Truth]) -> None:
    messages, truth = stream
    by_id = {m.message_id: m for m in messages}
    badges = Counter(badge for m in messages for badge in m.badges)
    assert {"broadcaster", "moderator", "vip", "subscriber"} <= badges.keys()
    assert all(m.chatter_login == CHANNEL for m in messages if "broadcaster" in m.badges)
    assert len(truth.questions) >= 20 and all(by_id[i].text.endswith("?") for i in truth.questions)
    assert truth.bot_mentions and all(f"@{truth.bot_login}" in by_id[i].text for i in truth.bot_mentions)


def test_timer_bot_posts_a_legitimate_link(stream: tuple[list[ChatMessage], Truth]) -> None:
    messages, truth = stream
    timer = [m for m in messages if m.chatter_login == "nightbot"]
    assert len(timer) >= 5 and all("moderator" in m.badges for m in timer)
    assert not truth.spam_ids & {m.message_id for m in timer}


def test_bad_arguments_are_user_errors() -> None:
    with pytest.raises(InvalidInput) as error:
        list(synthesize("not a channel!", seed=1, duration=timedelta(minutes=5)))
    assert error.value.field == "channel"
    with pytest.raises(InvalidInput):
        synthesize_with_truth(CHANNEL, duration=None)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput):
        Scenario(
            quiet_gaps=(
                (timedelta(minutes=10), timedelta(minutes=10)),
                (timedelta(minutes=15), timedelta(minutes=5)),
            )
        )
    with pytest.raises(InvalidInput):
        Scenario(rate_range=(30, 10))
    with pytest.raises(InvalidInput) as error:
        SimulatedChat(CHANNEL, speed=-1)
    assert error.value.field == "speed"


def test_channel_is_normalized() -> None:
    messages = list(synthesize("#Pixel_Wren", seed=2, duration=timedelta(minutes=2)))
    assert {m.channel for m in messages} == {CHANNEL}


# --- SimulatedChat as a ChatSource ------------------------------------------------------------


async def test_simulated_chat_plays_the_synthesized_stream_scaled_by_speed() -> None:
    sleep = RecordingSleep()
    duration = timedelta(minutes=30)
    chat = SimulatedChat(CHANNEL, seed=11, speed=60, duration=duration, start=DEFAULT_START, sleep=sleep)
    events = [event async for event in chat.events()]
    expected = list(synthesize(CHANNEL, seed=11, duration=duration, start=DEFAULT_START))
    assert events[0] == StreamOnline(CHANNEL, DEFAULT_START)
    assert events[-1] == StreamOffline(CHANNEL, DEFAULT_START + duration)
    assert events[1:-1] == expected
    times = [DEFAULT_START, *(m.sent_at for m in expected), DEFAULT_START + duration]
    gaps = [(b - a).total_seconds() / 60 for a, b in pairwise(times)]
    assert sleep.waits == pytest.approx([g for g in gaps if g > 0])  # not capped
    assert chat.truth.end == DEFAULT_START + duration and chat.truth.spikes


async def test_simulated_chat_starts_at_the_clock_and_reports_its_seed() -> None:
    now = datetime(2025, 3, 1, 12, tzinfo=UTC)
    chat = SimulatedChat(CHANNEL, speed=0, duration=timedelta(minutes=2), clock=lambda: now)
    events = [event async for event in chat.events()]
    assert events[0] == StreamOnline(CHANNEL, now)
    replay = SimulatedChat(CHANNEL, seed=chat.seed, speed=0, duration=timedelta(minutes=2), clock=lambda: now)
    assert [event async for event in replay.events()] == events


async def test_each_pass_replays_the_same_stream() -> None:
    chat = SimulatedChat(CHANNEL, seed=9, speed=0, duration=timedelta(minutes=3), start=DEFAULT_START)
    first = [event async for event in chat.events()]
    second = [event async for event in chat.events()]
    assert first == second


async def test_aclose_wakes_a_long_wait() -> None:
    sleep = EndlessSleep()
    chat = SimulatedChat(CHANNEL, seed=1, speed=1, duration=timedelta(hours=1), sleep=sleep)
    received: list[object] = []

    async def consume() -> None:
        async for event in chat.events():
            received.append(event)

    task = asyncio.create_task(consume())
    await asyncio.wait_for(sleep.entered.wait(), timeout=5)  # hang guards, not timing assertions
    await chat.aclose()
    await asyncio.wait_for(task, timeout=5)
    assert received == [StreamOnline(CHANNEL, chat.truth.start)]  # closed, so never offline
    assert [event async for event in chat.events()] == []  # closed for good


async def test_cancelling_the_consumer_stops_an_endless_stream() -> None:
    chat = SimulatedChat(CHANNEL, seed=1, speed=0)
    count = 0

    async def consume() -> None:
        nonlocal count
        async for _ in chat.events():
            count += 1

    task = asyncio.create_task(consume())
    for _ in range(5):  # the source lets other tasks run even when it never has to wait
        await asyncio.sleep(0)
    assert count > 0
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await asyncio.wait_for(task, timeout=5)
