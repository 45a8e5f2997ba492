"""Log replay: reading CSV and JSON-lines chat logs, bad lines, time compression and closing."""

from __future__ import annotations

import asyncio
import json
import logging
from datetime import UTC, datetime
from pathlib import Path

import pytest

from chronicler.contract.errors import InvalidInput, UserError
from chronicler.domain.chat import ChatMessage, RaidArrived, StreamOffline, StreamOnline
from chronicler.twitch.replay import MAX_ACCELERATED_WAIT, LogReplay, ReadStats, ReplayError, read_log
from tests.shared_data import SHARED_DATA
from tests.twitch.sleeps import EndlessSleep, RecordingSleep

REAL_LOG = SHARED_DATA / "chat" / "admiralbulldog_2019-04-30.csv"

SMALL_CSV = """\
time,username,channel,message
2019-04-30 08:56:59,moss_fern,pixel_wren,IF THE CAT WAS A DRAGON
2019-04-30 08:56:59,tea_owl,pixel_wren,gachiHYPER
2019-04-30 08:57:00,quill_sprite,pixel_wren,"I LOVE THEM, JUST LET THEM NAP Pepega Clap"
2019-04-30 08:57:10,tea_owl,pixel_wren,"she said ""hi"" KEKW"
2019-04-30 08:58:10,TEA_OWL,#Pixel_Wren,"   spaced out   "
"""


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


# --- reading CSV ----------------------------------------------------------------------------------


def test_reads_a_small_csv(tmp_path: Path) -> None:
    messages = list(read_log(write(tmp_path, "chat.csv", SMALL_CSV)))
    logins = ["moss_fern", "tea_owl", "quill_sprite", "tea_owl", "tea_owl"]
    assert [m.chatter_login for m in messages] == logins
    assert {m.channel for m in messages} == {"pixel_wren"}
    assert messages[0].sent_at == at("2019-04-30 08:56:59") and messages[0].sent_at.tzinfo is UTC
    assert messages[2].text == "I LOVE THEM, JUST LET THEM NAP Pepega Clap"  # quoted comma
    assert messages[3].text == 'she said "hi" KEKW'
    assert messages[4].text == "spaced out"
    assert [m.first_message for m in messages] == [True, True, True, False, False]
    assert all(m.badges == frozenset() and m.display_name == "" for m in messages)


def test_ids_are_stable_across_reads_and_distinct_per_line(tmp_path: Path) -> None:
    path = write(tmp_path, "chat.csv", SMALL_CSV)
    first = [m.message_id for m in read_log(path)]
    again = [m.message_id for m in read_log(path)]
    assert first == again and len(set(first)) == len(first)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    copy = write(elsewhere, "chat.csv", SMALL_CSV)
    assert [m.message_id for m in read_log(copy)] == first  # same log, wherever it lies


def test_optional_columns_bom_and_odd_unicode(tmp_path: Path) -> None:
    text = (
        "Time, Username ,Message,Badges,Display_Name,ID\n"
        '2024-05-04T18:00:00+02:00,pixel_wren,"héllo, wörld 👋🏽 — ok",'
        "moderator/1;subscriber/12,Pixel_Wren,abc-1\n"
        "2024-05-04T16:00:01Z,moss_otter,"
        "مرحبا بالجميع \u200f and 草 and e\u0301 and \U0001f9d1\u200d\U0001f680,vip,하늘,\n"
        "2024-05-04T16:00:02.250,moss_otter,nul\x00byte\u2028line sep,bits/100,,\n"
    )
    messages = list(read_log(write(tmp_path, "chat.csv", "\ufeff" + text), channel="Pixel_Wren"))
    assert len(messages) == 3
    first, second, third = messages
    assert first.sent_at == at("2024-05-04 16:00:00")  # converted from +02:00
    assert first.text == "héllo, wörld 👋🏽 — ok" and first.message_id == "abc-1"
    assert first.badges == {"moderator", "subscriber"} and first.display_name == "Pixel_Wren"
    assert first.channel == "pixel_wren" and first.is_privileged
    assert "مرحبا" in second.text and "\U0001f9d1\u200d\U0001f680" in second.text
    assert second.display_name == "하늘"
    assert second.badges == {"vip"} and second.message_id != "" and second.first_message
    assert third.text == "nulbyte\u2028line sep" and third.badges == frozenset() and not third.first_message
    assert third.sent_at == datetime(2024, 5, 4, 16, 0, 2, 250000, tzinfo=UTC)


def test_unquoted_commas_in_the_last_column_are_kept(tmp_path: Path) -> None:
    text = "time,username,message\n2019-04-30 08:57:00,quill_sprite,I LOVE THEM, JUST, LET THEM\n"
    path = write(tmp_path, "chat.csv", text)
    assert [m.text for m in read_log(path, channel="pixel_wren")] == ["I LOVE THEM, JUST, LET THEM"]


def test_bad_lines_are_skipped_counted_and_logged(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    text = (
        "time,username,channel,message\n"  # 1
        "2019-04-30 08:56:59,alice,chan,good one\n"  # 2
        "yesterday,bob,chan,bad time\n"  # 3
        "2019-04-30 08:57:00,,chan,no user\n"  # 4
        "2019-04-30 08:57:01,carol,chan,\n"  # 5: empty message
        "2019-04-30 08:57:02,dave\n"  # 6: too few fields
        "\n"  # 7: blank, not a problem
        "2019-04-30 08:57:03,not a login!,chan,bad user\n"  # 8
        "2019-04-30 08:57:04,erin,,no channel\n"  # 9
        '2019-04-30 08:57:05,frank,chan,"unterminated quote\n'  # 10: read as far as it goes
        "2019-04-30 08:57:06,alice,chan,good two\n"  # 11
    )
    stats = ReadStats()
    with caplog.at_level(logging.WARNING, logger="chronicler.twitch.replay"):
        messages = list(read_log(write(tmp_path, "chat.csv", text), stats=stats))
    assert [m.text for m in messages] == ["good one", "unterminated quote", "good two"]
    assert [m.first_message for m in messages] == [True, True, False]
    assert [problem.line for problem in stats.problems] == [3, 4, 5, 6, 8, 9]
    assert stats.skipped == 6 and stats.messages == 3 and stats.lines == 11
    reasons = " | ".join(problem.reason for problem in stats.problems)
    assert "'yesterday' is not an ISO-8601" in reasons and "no username" in reasons
    assert "empty message" in reasons
    assert "2 fields where the header has 4" in reasons and "no channel" in reasons
    assert "chat.csv line 3 skipped" in caplog.text and "skipped 6 of 11 lines" in caplog.text


def test_undecodable_bytes_do_not_cost_the_line(tmp_path: Path) -> None:
    path = tmp_path / "chat.csv"
    path.write_bytes(b"time,username,message\n2019-04-30 08:56:59,alice,caf\xe9 latin-1\n")
    assert [m.text for m in read_log(path, channel="chan")] == ["caf\ufffd latin-1"]


def test_a_vod_export_with_offsets_is_placed_on_a_fixed_day(tmp_path: Path) -> None:
    text = "offset_seconds,username,message\n0.5,moss_fern,hello\n61,tea_owl,KEKW\nsoon,tea_owl,bad offset\n"
    stats = ReadStats()
    messages = list(read_log(write(tmp_path, "vod.csv", text), channel="pixel_wren", stats=stats))
    assert [m.sent_at for m in messages] == [at("2000-01-01 00:00:00.500"), at("2000-01-01 00:01:01")]
    assert stats.skipped == 1  # "soon" is no offset: skipped and counted, the rest is read


def test_crlf_line_ends(tmp_path: Path) -> None:
    path = write(tmp_path, "chat.csv", "time,username,message\r\n2019-04-30 08:56:59,alice,hi\r\n")
    assert [m.text for m in read_log(path, channel="chan")] == ["hi"]


# --- files that are not chat logs -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "COMMENT_ID,AUTHOR,DATE,CONTENT,CLASS\nx,y,z,w,1\n",
            "missing column(s) time, username, message (it needs time or offset_seconds",
        ),
        ("time,user,message\n2019-04-30 08:56:59,alice,hi\n", "missing column(s) username"),
        ("", "is empty"),
        ("\n\n", "is empty"),
        ("time,username,message\n", "no channel column"),
    ],
)
def test_not_a_chat_log_raises_a_clear_error(tmp_path: Path, text: str, expected: str) -> None:
    with pytest.raises(ReplayError) as error:
        read_log(write(tmp_path, "log.csv", text))
    assert expected in str(error.value)
    assert isinstance(error.value, UserError)


def test_missing_file_and_directory_raise_replay_error(tmp_path: Path) -> None:
    with pytest.raises(ReplayError, match="cannot read"):
        read_log(tmp_path / "nope.csv")
    with pytest.raises(ReplayError, match="cannot read"):
        LogReplay(tmp_path)


def test_binary_file_is_not_a_chat_log(tmp_path: Path) -> None:
    path = tmp_path / "picture.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    with pytest.raises(ReplayError, match="not a chat log"):
        read_log(path)


def test_bad_channel_argument_is_invalid_input(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput) as error:
        read_log(write(tmp_path, "chat.csv", SMALL_CSV), channel="no spaces allowed")
    assert error.value.field == "channel"


# --- JSON lines -----------------------------------------------------------------------------------


def test_reads_json_lines_with_bad_lines(tmp_path: Path) -> None:
    first = {
        "time": "2024-05-04T18:00:00Z",
        "username": "Pixel_Wren",
        "message": "hi 👋",
        "badges": ["broadcaster"],
    }
    last = {
        "time": "2024-05-04T18:00:07Z",
        "username": "moss_otter",
        "message": "ok",
        "id": 123,
        "display_name": None,
    }
    lines = [
        json.dumps(first | {"badges": ["broadcaster", "turbo"]}),
        "",
        "{not json",
        "[1, 2, 3]",
        json.dumps({"time": "2024-05-04T18:00:05Z", "message": "who am i"}),
        json.dumps({"time": "2024-05-04T18:00:06+01:00", "username": "moss_otter", "message": ["hi"]}),
        json.dumps(last),
    ]
    stats = ReadStats()
    path = write(tmp_path, "chat.jsonl", "\n".join(lines) + "\n")
    messages = list(read_log(path, channel="pixel_wren", stats=stats))
    assert [(m.chatter_login, m.text) for m in messages] == [("pixel_wren", "hi 👋"), ("moss_otter", "ok")]
    assert messages[0].badges == {"broadcaster"} and messages[1].message_id == "123"
    assert [(p.line, p.reason) for p in stats.problems] == [
        (3, "not JSON (Expecting property name enclosed in double quotes)"),
        (4, "not a JSON object"),
        (5, "no username"),
        (6, "message is not text"),
    ]


def test_json_lines_are_recognized_without_the_suffix(tmp_path: Path) -> None:
    line = json.dumps({"time": "2024-05-04 18:00:00", "username": "a", "channel": "c", "message": "m"})
    assert [m.channel for m in read_log(write(tmp_path, "chat.log", line))] == ["c"]


def test_json_without_chat_keys_is_not_a_chat_log(tmp_path: Path) -> None:
    with pytest.raises(ReplayError, match="missing column.s. time, username"):
        read_log(write(tmp_path, "chat.jsonl", '{"when": 1, "who": "a", "message": "m"}\n'))
    with pytest.raises(ReplayError, match="one JSON object per line"):
        read_log(write(tmp_path, "array.json", '[{"time": 1}]\n'))


# --- LogReplay: time compression, framing, closing --------------------------------------------------


GAPPY_CSV = """\
time,username,channel,message
2019-04-30 08:00:00,alice,chan,one
2019-04-30 08:00:30,bob,chan,two
2019-04-30 08:00:30,carol,chan,three
2019-04-30 08:00:20,dave,chan,out of order
2019-04-30 08:01:30,erin,chan,four
2019-04-30 09:01:30,frank,chan,after an hour
"""


async def replay(path: Path, **options: object) -> tuple[list[object], RecordingSleep]:
    sleep = RecordingSleep()
    source = LogReplay(path, sleep=sleep, **options)  # type: ignore[arg-type]
    return [event async for event in source.events()], sleep


async def test_waits_are_gaps_divided_by_speed_and_capped_when_accelerated(tmp_path: Path) -> None:
    path = write(tmp_path, "chat.csv", GAPPY_CSV)
    events, sleep = await replay(path, speed=60)
    assert sleep.waits == pytest.approx([0.5, 1.0, MAX_ACCELERATED_WAIT])  # 30 s, 60 s, 1 h (capped)
    assert isinstance(events[0], StreamOnline) and events[0].at == at("2019-04-30 08:00:00")
    assert isinstance(events[-1], StreamOffline) and events[-1].at == at("2019-04-30 09:01:30")
    assert [e.text for e in events if isinstance(e, ChatMessage)] == [
        "one",
        "two",
        "three",
        "out of order",
        "four",
        "after an hour",
    ]


async def test_real_time_is_true_to_the_log_and_speed_zero_never_waits(tmp_path: Path) -> None:
    path = write(tmp_path, "chat.csv", GAPPY_CSV)
    _, real_time = await replay(path, speed=1)
    assert real_time.waits == [30.0, 60.0, 3600.0]
    _, half = await replay(path, speed=0.5, max_wait=100.0)
    assert half.waits == [60.0, 100.0, 100.0]
    _, fastest = await replay(path, speed=0)
    assert fastest.waits == []


async def test_replaying_twice_gives_the_same_ids(tmp_path: Path) -> None:
    path = write(tmp_path, "chat.csv", SMALL_CSV)
    first, _ = await replay(path, speed=0)
    second, _ = await replay(path, speed=0)
    assert first == second


async def test_channel_override_and_stats(tmp_path: Path) -> None:
    source = LogReplay(write(tmp_path, "chat.csv", SMALL_CSV + "garbage\n"), channel="pixel_wren", speed=0)
    events = [event async for event in source.events()]
    assert {e.channel for e in events} == {"pixel_wren"}
    assert source.stats.messages == 5 and source.stats.skipped == 1 and source.stats.lines == 7


async def test_twitchs_raid_notice_in_an_export_is_replayed_as_the_raid(tmp_path: Path) -> None:
    # A VOD export keeps Twitch's raid notice as a line of chat under the raider's name; live, the
    # raid is EventSub's channel.raid, never a chat message.
    text = GAPPY_CSV + "2019-04-30 09:02:00,Cozy_Lantern,chan,38 raiders from Cozy_Lantern have joined! \n"
    source = LogReplay(write(tmp_path, "chat.csv", text), speed=0)
    events = [event async for event in source.events()]
    raid = RaidArrived("chan", "cozy_lantern", 38, at("2019-04-30 09:02:00"))
    assert source.stats.raids == 1 and source.stats.messages == 7  # the notice is read, then replayed a raid
    assert events[-2:] == [raid, StreamOffline("chan", at("2019-04-30 09:02:00"))]
    assert not any(isinstance(e, ChatMessage) and "raiders" in e.text for e in events)


async def test_aclose_wakes_a_long_wait_and_closes_the_file(tmp_path: Path) -> None:
    sleep = EndlessSleep()
    source = LogReplay(write(tmp_path, "chat.csv", GAPPY_CSV), speed=1, sleep=sleep)
    received: list[object] = []

    async def consume() -> None:
        async for event in source.events():
            received.append(event)

    task = asyncio.create_task(consume())
    await asyncio.wait_for(sleep.entered.wait(), timeout=5)  # hang guards, not timing assertions
    await source.aclose()
    await asyncio.wait_for(task, timeout=5)
    assert [type(e) for e in received] == [StreamOnline, ChatMessage]  # no offline after a close
    assert [event async for event in source.events()] == []


async def test_cancelling_the_consumer_during_a_wait(tmp_path: Path) -> None:
    sleep = EndlessSleep()
    source = LogReplay(write(tmp_path, "chat.csv", GAPPY_CSV), speed=1, sleep=sleep)

    async def consume() -> None:
        async for _ in source.events():
            pass

    task = asyncio.create_task(consume())
    await asyncio.wait_for(sleep.entered.wait(), timeout=5)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await asyncio.wait_for(task, timeout=5)


async def test_a_failing_sleep_fails_the_replay(tmp_path: Path) -> None:
    async def broken(seconds: float) -> None:
        raise RuntimeError("clock broke")

    source = LogReplay(write(tmp_path, "chat.csv", GAPPY_CSV), speed=1, sleep=broken)
    with pytest.raises(RuntimeError, match="clock broke"):
        [event async for event in source.events()]


async def test_progress_bar_counts_lines_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = LogReplay(write(tmp_path, "chat.csv", SMALL_CSV), speed=0, progress=True)
    [event async for event in source.events()]
    captured = capsys.readouterr()
    assert "chat.csv" in captured.err and "6/6" in captured.err and captured.out == ""


def test_bad_speed_or_max_wait_is_invalid_input(tmp_path: Path) -> None:
    path = write(tmp_path, "chat.csv", SMALL_CSV)
    for speed in (-1, float("nan"), float("inf")):
        with pytest.raises(InvalidInput) as error:
            LogReplay(path, speed=speed)
        assert error.value.field == "speed"
    with pytest.raises(InvalidInput) as error:
        LogReplay(path, max_wait=-1)
    assert error.value.field == "max_wait"


# --- the real log -----------------------------------------------------------------------------------


@pytest.mark.shared_data
@pytest.mark.skipif(not REAL_LOG.exists(), reason="../shared/data is not there")
def test_the_real_log_parses_fully() -> None:
    stats = ReadStats()
    messages = list(read_log(REAL_LOG, stats=stats))
    assert len(messages) == 26_323 and stats.skipped == 0
    assert len({m.message_id for m in messages}) == 26_323
    assert sum(m.first_message for m in messages) == len({m.chatter_login for m in messages}) == 2_805
    assert len({m.channel for m in messages}) == 1  # the log's own channel column
    assert messages[0].sent_at == at("2019-04-30 08:56:59")
    assert messages[-1].sent_at == at("2019-04-30 12:05:19")


@pytest.mark.shared_data
@pytest.mark.skipif(not REAL_LOG.exists(), reason="../shared/data is not there")
async def test_the_real_log_replays_at_speed_60() -> None:
    sleep = RecordingSleep()
    source = LogReplay(REAL_LOG, speed=60, sleep=sleep)
    messages: list[ChatMessage] = []
    async for event in source.events():  # the first few thousand lines are enough, and quick
        if isinstance(event, ChatMessage):
            messages.append(event)
        if len(messages) == 3000:
            break
    await source.aclose()
    span = (messages[-1].sent_at - messages[0].sent_at).total_seconds()
    assert sum(sleep.waits) == pytest.approx(span / 60)  # no gap in this log is long enough to be capped
    assert max(sleep.waits) < MAX_ACCELERATED_WAIT
