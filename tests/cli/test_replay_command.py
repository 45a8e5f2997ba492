"""`chronicler replay`: one pass in a session of its own, its ledger, true counts; twice stores once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from chronicler.cli.context import CliContext
from chronicler.cli.replay import replay
from chronicler.config.settings import Settings
from chronicler.store import Database
from tests.shared_data import SHARED_DATA

REAL_LOG = SHARED_DATA / "chat" / "admiralbulldog_2019-04-30.csv"
START = datetime(2024, 3, 9, 20, 0, tzinfo=UTC)
CHANNEL = "pixel_wren"
REGULARS = ("moss_fern", "tea_owl", "quill_sprite", "ember_toad", "lark_lantern", "dune_mole")
TALK = (
    "the greenhouse lighting looks so cozy tonight",
    "anyone tried growing tomatoes in a greenhouse",
    "that jump was wild",
    "hello from the rainy coast",
    "what seeds did you plant today",
    "my cat just walked across the keyboard",
    "sourdough bread baking while watching",
)
FILLER = ("honestly", "again", "maybe", "truly", "indeed", "later", "friends", "folks", "somehow", "still")


def a_log(path: Path, *, quiet_after: int | None = None, mention_after_quiet: bool = False) -> Path:
    """A CSV log of a lively hour: steady chat, a "clip it" burst, optionally a 20-minute silence."""
    lines = ["time,username,message"]
    at = START
    for n in range(600):
        if quiet_after is not None and n == quiet_after:
            at += timedelta(minutes=20)
            if mention_after_quiet:
                lines.append(f"{at.isoformat()},tea_owl,@chronicler_bot what did I miss?")
                at += timedelta(seconds=1)
        burst = 300 <= n < 360
        # Distinct texts: the Librarian counts a line pasted again only once.
        talk = f"{TALK[n % len(TALK)]} {FILLER[n // 7 % 10]} {FILLER[n // 70 % 10]}"
        text = "CLIP IT KEKW" if burst else talk
        lines.append(f"{at.isoformat()},{REGULARS[n % len(REGULARS)]},{text}")
        at += timedelta(seconds=1 if burst else 6)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def streamer(db: Database) -> int:
    return db.insert("users", {"username": "streamer", "password_hash": "x", "twitch_channel": CHANNEL})["id"]


def run(settings: Settings, db: Database, *args: str) -> Result:
    return CliRunner().invoke(replay, [*args, "--no-progress"], obj=CliContext(settings, _db=db))


def test_a_replay_is_one_pass_in_a_session_of_its_own_with_its_ledger(db, settings, streamer, tmp_path):
    log = a_log(tmp_path / "night.csv")
    result = run(settings, db, str(log), "--channel", CHANNEL)
    assert result.exit_code == 0, result.output
    session = db.fetch_one("SELECT * FROM stream_sessions")
    assert session is not None
    assert (session["status"], session["fed_by"], session["end_reason"]) == (
        "ended",
        "replay",
        "replay finished",
    )
    assert session["started_at"] == START  # the log's own clock, first line to last
    assert session["ended_at"] > START + timedelta(minutes=50)
    assert session["finalized_at"] is not None and session["ledger_queued"]
    assert db.count("chat_messages") == 600  # once: the pass does not start again
    ledger = db.fetch_one("SELECT * FROM ledgers")
    assert ledger is not None and Path(ledger["markdown_path"]).is_file()
    out = result.output
    assert "stored: 600 messages, duplicates skipped: 0" in out
    clips = db.count("clip_candidates")
    assert clips >= 1 and f"clip candidates: {clips}" in out
    assert f"ledger {ledger['id']}: {ledger['markdown_path']}" in out


def test_twitchs_raid_notice_in_a_log_is_replayed_as_the_raid_not_stored_as_chat(
    db, settings, streamer, tmp_path
):
    log = a_log(tmp_path / "night.csv")
    lines = log.read_text(encoding="utf-8").splitlines()
    at = START + timedelta(minutes=6, seconds=3)
    lines.insert(61, f"{at.isoformat()},cozy_lantern,38 raiders from Cozy_Lantern have joined! ")
    log.write_text("\n".join(lines) + "\n", encoding="utf-8")

    result = run(settings, db, str(log), "--channel", CHANNEL)

    assert result.exit_code == 0, result.output
    assert "(1 of the messages Twitch's raid notices, replayed as raids)" in result.output
    assert "stored: 600 messages" in result.output and db.count("chat_messages") == 600


def test_replaying_the_same_log_again_stores_nothing_twice(db, settings, streamer, tmp_path):
    log = a_log(tmp_path / "night.csv")
    assert run(settings, db, str(log), "--channel", CHANNEL).exit_code == 0
    counts = {
        table: db.count(table)
        for table in ("chat_messages", "clip_candidates", "blog_seeds", "agent_actions")
    }
    assert counts["clip_candidates"] >= 1 and counts["blog_seeds"] >= 1

    again = run(settings, db, str(log), "--channel", CHANNEL)
    assert again.exit_code == 0, again.output
    assert "already replayed: 600 duplicates skipped" in again.output
    assert {table: db.count(table) for table in counts} == counts
    assert db.count("stream_sessions") == 1  # nothing new: the second session is not kept


def test_a_longer_log_stores_only_its_new_lines(db, settings, streamer, tmp_path):
    assert run(settings, db, str(a_log(tmp_path / "night.csv")), "--channel", CHANNEL).exit_code == 0
    clips = db.count("clip_candidates")
    longer = a_log(tmp_path / "night.csv")
    with longer.open("a", encoding="utf-8") as file:
        file.write(f"{(START + timedelta(hours=2)).isoformat()},moss_fern,one more thing\n")
    result = run(settings, db, str(longer), "--channel", CHANNEL)
    assert result.exit_code == 0, result.output
    assert (
        "stored: 1 messages, duplicates skipped: 600 (already replayed: 600 duplicates skipped)"
        in result.output
    )
    assert db.count("clip_candidates") == clips  # the same windows again: kept once


def test_on_the_logs_clock_the_hearthkeeper_prompts_once_and_the_steward_answers(
    db, settings, streamer, tmp_path
):
    log = a_log(tmp_path / "quiet.csv", quiet_after=450, mention_after_quiet=True)
    result = run(settings, db, str(log), "--channel", CHANNEL)
    assert result.exit_code == 0, result.output
    prompts = db.fetch_all("SELECT * FROM agent_actions WHERE mode = 'hearthkeeper'")
    assert len(prompts) == 1
    last_before = db.fetch_value(
        "SELECT max(sent_at) FROM chat_messages WHERE sent_at < %s", (prompts[0]["created_at"],)
    )
    assert prompts[0]["created_at"] == last_before + timedelta(minutes=15)  # when the quiet was long enough
    replies = db.fetch_all("SELECT * FROM agent_actions WHERE mode = 'steward'")
    assert any(
        "what did I miss"
        in (
            db.fetch_value(
                "SELECT text FROM chat_messages WHERE twitch_message_id = %s", (r["trigger_message_id"],)
            )
            or ""
        )
        for r in replies
    )
    assert "Hearthkeeper prompts: 1" in result.output
    # Never posted: a replay does not speak in chat, and no worker may claim what it queued.
    assert db.count("chat_outbox", {"status": "queued"}) == 0


@pytest.mark.parametrize(
    ("name", "text", "says"),
    [
        ("missing.csv", None, "cannot read"),
        (
            "wrong.csv",
            "when,who,what\n2024-01-01T00:00:00,a,b\n",
            "missing column(s) time, username, message",
        ),
        ("empty.csv", "", "is empty"),
        ("bad_lines.csv", "time,username,message\nnot a time,moss_fern,hi\n", "holds no chat message"),
        ("binary.jsonl", "\x00\x01garbage\n", "not a chat log"),
    ],
)
def test_a_file_that_is_no_chat_log_exits_2_and_stores_nothing(
    db, settings, streamer, tmp_path, name, text, says
):
    path = tmp_path / name
    if text is not None:
        path.write_text(text, encoding="utf-8")
    result = run(settings, db, str(path), "--channel", CHANNEL)
    assert result.exit_code == 2, result.output
    assert says in result.output
    assert db.count("stream_sessions") == 0 and db.count("chat_messages") == 0


def test_a_channel_being_chronicled_is_refused_and_left_alone(db, settings, streamer, tmp_path):
    other = db.insert("users", {"username": "cohost", "password_hash": "x"})["id"]
    db.insert("stream_sessions", {"user_id": other, "channel": CHANNEL})
    result = run(settings, db, str(a_log(tmp_path / "night.csv")), "--channel", CHANNEL, "--user", "streamer")
    assert result.exit_code == 1
    assert f"#{CHANNEL} has a session being chronicled already" in result.output
    assert "end that one first, or replay into another channel with --channel" in result.output
    assert db.count("stream_sessions") == 1 and db.count("chat_messages") == 0


def test_a_streamer_chronicling_already_is_told_to_stop_or_replay_as_another_user(
    db, settings, streamer, tmp_path
):
    """One session per streamer: naming another channel would not help, and the message said it would."""
    db.insert("stream_sessions", {"user_id": streamer, "channel": CHANNEL})
    result = run(settings, db, str(a_log(tmp_path / "night.csv")), "--channel", "another_channel")
    assert result.exit_code == 1
    assert f"streamer is chronicling already (#{CHANNEL}, session" in result.output
    assert "replay as another user with --user" in result.output and "--channel" not in result.output
    assert db.count("stream_sessions") == 1 and db.count("chat_messages") == 0


def test_speed_and_realtime_contradict(db, settings, streamer, tmp_path):
    result = run(settings, db, str(a_log(tmp_path / "night.csv")), "--speed", "5", "--realtime")
    assert result.exit_code == 2 and "contradict" in result.output


def test_without_channel_the_streamers_own_is_used(db, settings, streamer, tmp_path):
    result = run(settings, db, str(a_log(tmp_path / "night.csv")))
    assert result.exit_code == 0, result.output
    assert db.fetch_value("SELECT channel FROM stream_sessions") == CHANNEL


@pytest.mark.skipif(not REAL_LOG.exists(), reason="the shared chat log is not here")
def test_the_real_log_is_replayed_whole_in_one_pass(db, settings, streamer):
    # How long it takes is bench/replay.py's to say, not a unit test's.
    result = run(settings, db, str(REAL_LOG), "--channel", CHANNEL)
    assert result.exit_code == 0, result.output
    assert db.count("chat_messages") == 26_323
