"""Quiet measured on the stream's own clock, and synthetic chat that speaks to the configured bot."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

from chronicler.domain.chat import ChatEvent, ChatHeard, ChatMessage, StreamOffline, StreamOnline
from chronicler.twitch.simulator import Scenario, SimulatedChat, synthesize_with_truth
from chronicler.twitch.stream_clock import QuietWatch

START = datetime(2024, 3, 9, 20, 0, tzinfo=UTC)
BOTS = frozenset({"nightbot", "chronicler_bot"})


class Listed:
    """A source that yields the events it was given, at once: the stream's clock is in the events."""

    def __init__(self, events: list[ChatEvent]) -> None:
        self._events = events
        self.closed = False

    async def events(self) -> AsyncIterator[ChatEvent]:
        for event in self._events:
            yield event

    async def aclose(self) -> None:
        self.closed = True


class Asked:
    """A check that records what it was asked, settling once the quiet reached `idle`."""

    def __init__(self, idle: timedelta = timedelta(minutes=15)) -> None:
        self.idle = idle
        self.calls: list[tuple[datetime, datetime]] = []

    def __call__(self, last_human: datetime, until: datetime) -> bool:
        self.calls.append((last_human, until))
        return until - last_human >= self.idle


def say(minute: float, login: str = "tea_owl", text: str = "hi") -> ChatMessage:
    at = START + timedelta(minutes=minute)
    return ChatMessage(
        message_id=f"{login}-{minute}", channel="pixel_wren", chatter_login=login, text=text, sent_at=at
    )


async def passed(watch: QuietWatch) -> list[ChatEvent]:
    return [event async for event in watch.events()]


async def test_a_quiet_stretch_is_asked_about_on_the_streams_clock_when_it_ends() -> None:
    events: list[ChatEvent] = [
        StreamOnline("pixel_wren", START),
        say(0.5),
        say(0.9),  # under a minute of quiet: not asked
        say(10, "nightbot", "follow on socials!"),  # a bot does not end the quiet: asked, not yet long enough
        say(20, "nightbot", "follow on socials!"),  # long enough now: asked, settled
        say(25, "nightbot", "follow on socials!"),  # settled: not asked again
        say(30),  # a human ends the stretch, which was settled: not asked
        StreamOffline("pixel_wren", START + timedelta(minutes=50)),  # quiet until the end: asked
    ]
    check = Asked()
    watch = QuietWatch(Listed(events), check, bots=BOTS)
    assert await passed(watch) == events  # unchanged, in order
    assert check.calls == [
        (START + timedelta(minutes=0.9), START + timedelta(minutes=10)),
        (START + timedelta(minutes=0.9), START + timedelta(minutes=20)),
        (START + timedelta(minutes=30), START + timedelta(minutes=50)),
    ]


async def test_quiet_counts_from_the_start_and_hearing_events_are_passed_by() -> None:
    heard = ChatHeard("pixel_wren", datetime(2031, 1, 1, tzinfo=UTC))  # the wall clock's, not the stream's
    events: list[ChatEvent] = [StreamOnline("pixel_wren", START), heard, say(16)]
    check = Asked()
    watch = QuietWatch(Listed(events), check, bots=BOTS)
    assert await passed(watch) == events
    assert check.calls == [(START, START + timedelta(minutes=16))]
    await watch.aclose()


async def test_played_flat_out_a_synthetic_quiet_stretch_is_still_seen() -> None:
    scenario = Scenario(
        bot_login="chronicler_bot", quiet_gaps=((timedelta(minutes=15), timedelta(minutes=16)),)
    )
    chat = SimulatedChat(
        "pixel_wren", seed=7, speed=0, duration=timedelta(minutes=45), start=START, scenario=scenario
    )
    check = Asked()
    await passed(QuietWatch(chat, check, bots=BOTS))
    settled = [(last, until) for last, until in check.calls if until - last >= check.idle]
    [gap] = chat.truth.long_quiet_gaps()
    assert len(settled) == 1 and settled[0][1] == gap.end  # the first message after the silence


def test_the_first_word_after_a_long_silence_is_to_the_configured_bot() -> None:
    scenario = Scenario(
        bot_login="hearth_helper", quiet_gaps=((timedelta(minutes=10), timedelta(minutes=16)),)
    )
    messages, truth = synthesize_with_truth(
        "pixel_wren", duration=timedelta(minutes=40), seed=3, start=START, scenario=scenario
    )
    [gap] = truth.long_quiet_gaps()
    after = next(m for m in messages if m.sent_at >= gap.end)
    assert after.sent_at == gap.end and "@hearth_helper" in after.text
    assert after.message_id in truth.bot_mentions
    assert truth.bot_login == "hearth_helper"
    assert all("sanctum_chronicler" not in m.text for m in messages)
    assert all("hearth_helper" in m.text for m in messages if m.message_id in truth.bot_mentions)


def test_a_short_silence_brings_no_word_to_the_bot() -> None:
    scenario = Scenario(
        bot_login="hearth_helper", quiet_gaps=((timedelta(minutes=10), timedelta(minutes=5)),)
    )
    messages, truth = synthesize_with_truth(
        "pixel_wren", duration=timedelta(minutes=30), seed=3, start=START, scenario=scenario
    )
    [gap] = truth.quiet_gaps
    assert not any(m.sent_at == gap.end and m.message_id in truth.bot_mentions for m in messages)
