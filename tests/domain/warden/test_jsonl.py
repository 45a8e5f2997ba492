"""Scoring JSON lines: one answer per line, in order, and bad lines answered rather than dropped."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from chronicler.domain.warden import BadLineError, Warden, WardenConfig
from chronicler.domain.warden.jsonl import ANONYMOUS, check_lines, parse_line

CLOCK = lambda: datetime(2024, 5, 1, 20, 0, tzinfo=UTC)  # noqa: E731


def score(lines: list[str], warden: Warden | None = None) -> list[dict[str, object]]:
    """Run the lines through check_lines and decode the answers."""
    return [json.loads(out) for out in check_lines(lines, warden or Warden(), clock=CLOCK)]


def test_one_answer_per_line_in_the_same_order() -> None:
    lines = [
        json.dumps({"text": "follow for follow?"}),
        json.dumps({"text": "that was insane LUL"}),
        json.dumps({"text": "bit.ly/abc"}),
        json.dumps({"text": "what game is this?"}),
    ]
    answers = score(lines)
    assert [answer["flagged"] for answer in answers] == [True, False, True, False]
    assert answers[0]["rule"] == "follow_for_follow"
    assert answers[2]["rule"] == "link_shortener"
    assert answers[1] == {"flagged": False, "rule": None, "score": 0.0, "reason": None}


@pytest.mark.parametrize(
    ("line", "error"),
    [
        ("", "blank line"),
        ("   \n", "blank line"),
        ("not json", "not valid JSON"),
        ('{"text": "unterminated', "not valid JSON"),
        ("[1, 2]", "expected a JSON object, got list"),
        ('"just a string"', "expected a JSON object, got str"),
        ("{}", 'missing "text"'),
        ('{"text": 5}', '"text" must be a string'),
        ('{"text": "hi", "username": 7}', '"username" must be a string'),
        ('{"text": "hi", "badges": "vip"}', '"badges" must be a list of strings'),
        ('{"text": "hi", "first_message": "yes"}', '"first_message" must be true or false'),
        ('{"text": "hi", "sent_at": "yesterday"}', '"sent_at" is not an ISO 8601 time'),
    ],
)
def test_a_bad_line_gets_an_unflagged_answer_with_the_error(line: str, error: str) -> None:
    (answer,) = score([line])
    assert answer["flagged"] is False and answer["rule"] is None and answer["score"] == 0.0
    assert answer["reason"] is None
    assert error in str(answer["error"])


def test_bad_lines_do_not_disturb_the_lines_around_them() -> None:
    answers = score(["{", json.dumps({"text": "f4f"}), "", json.dumps({"text": "hello"})])
    assert [answer["flagged"] for answer in answers] == [False, True, False, False]
    assert ["error" in answer for answer in answers] == [True, False, True, False]


def test_optional_fields_reach_the_warden() -> None:
    lines = [
        json.dumps({"text": "example.com", "first_message": True}),
        json.dumps({"text": "example.com", "first_message": False}),
        json.dumps({"text": "bit.ly/x", "badges": ["moderator", "glhf-pledge"]}),
        json.dumps({"text": "bit.ly/x", "username": "Nightbot"}),
    ]
    assert [answer["flagged"] for answer in score(lines)] == [True, False, False, False]


def test_the_warden_settings_apply() -> None:
    warden = Warden(WardenConfig(blocked_terms=("spoiler",)))
    (answer,) = score([json.dumps({"text": "SPOILER he dies"})], warden)
    assert answer["rule"] == "blocked_term"


def test_lines_without_usernames_never_add_up_to_a_raid() -> None:
    text = "this streamer is a fraud go watch someone better instead of this garbage"
    lines = [json.dumps({"text": text, "first_message": True})] * 20
    assert not any(answer["flagged"] for answer in score(lines))
    named = [json.dumps({"text": text, "username": f"user{i}", "first_message": True}) for i in range(6)]
    assert score(named)[-1]["rule"] == "copy_paste_raid"


def test_sent_at_places_lines_in_time() -> None:
    text = "this streamer is a fraud go watch someone better instead of this garbage"
    spread = [
        json.dumps({"text": text, "username": f"user{i}", "sent_at": f"2024-05-01T20:{i:02d}:00Z"})
        for i in range(6)
    ]
    assert not any(answer["flagged"] for answer in score(spread))


def test_parse_line_builds_a_chat_message() -> None:
    line = json.dumps(
        {"text": "hi", "username": "@Pixel_Wren", "badges": ["VIP"], "sent_at": "2024-05-01T22:00:00+02:00"}
    )
    message = parse_line(line, 3, channel="somechannel", clock=CLOCK)
    assert message.chatter_login == "pixel_wren"
    assert message.badges == frozenset({"vip"})
    assert message.sent_at == datetime(2024, 5, 1, 20, 0, tzinfo=UTC)
    assert message.message_id == "line-3" and message.channel == "somechannel"
    assert parse_line('{"text": "hi"}', 1, channel="c", clock=CLOCK).chatter_login == ANONYMOUS


def test_parse_line_raises_bad_line_error() -> None:
    with pytest.raises(BadLineError):
        parse_line("nope", 1, channel="c", clock=CLOCK)


def test_non_ascii_text_comes_back_readable() -> None:
    line = json.dumps({"text": "ネタバレ: he dies"})
    (out,) = check_lines([line], Warden(WardenConfig(blocked_terms=("ネタバレ",))), clock=CLOCK)
    assert "ネタバレ" in out and json.loads(out)["flagged"] is True


RAID_LINE = json.dumps(
    {"event": "raid", "from": "Cozy_Raider", "viewers": 80, "sent_at": "2024-05-01T20:00:00Z"}
)
GREETING = "cozy raid has arrived bringing snacks and good vibes to the castle"


def greetings(count: int, start_second: int = 5) -> list[str]:
    """`count` newcomers post the same greeting, a second apart, from `start_second` on."""
    return [
        json.dumps(
            {
                "text": GREETING,
                "username": f"raider{i}",
                "first_message": True,
                "sent_at": f"2024-05-01T20:{(start_second + i) // 60:02d}:{(start_second + i) % 60:02d}Z",
            }
        )
        for i in range(count)
    ]


def test_a_raid_line_is_answered_in_its_place() -> None:
    answers = score([json.dumps({"text": "f4f"}), RAID_LINE, json.dumps({"text": "hello"})])
    assert len(answers) == 3
    assert answers[1] == {"flagged": False, "rule": None, "score": 0.0, "reason": None, "event": "raid"}
    assert answers[0]["flagged"] is True and answers[2]["flagged"] is False


def test_a_raid_line_reaches_the_warden() -> None:
    # Without the raid, the same greeting from many newcomers at once looks like a raid of fresh accounts.
    assert score(greetings(8))[-1]["rule"] == "copy_paste_raid"
    assert not any(answer["flagged"] for answer in score([RAID_LINE, *greetings(8)]))


def test_a_raid_without_sent_at_happens_now() -> None:
    line = json.dumps({"event": "raid", "from": "cozy_raider", "viewers": 3})
    assert not any(answer["flagged"] for answer in score([line, *greetings(8, start_second=1)]))


@pytest.mark.parametrize(
    ("line", "error"),
    [
        ('{"event": "host", "from": "x"}', 'unknown "event"'),
        ('{"event": "raid"}', 'a raid needs "from"'),
        ('{"event": "raid", "from": 5}', 'a raid needs "from"'),
        ('{"event": "raid", "from": "x", "viewers": -1}', '"viewers" must be a whole number'),
        ('{"event": "raid", "from": "x", "viewers": "many"}', '"viewers" must be a whole number'),
        ('{"event": "raid", "from": "x", "sent_at": "soon"}', '"sent_at" is not an ISO 8601 time'),
    ],
)
def test_a_bad_raid_line_gets_an_unflagged_answer_with_the_error(line: str, error: str) -> None:
    (answer,) = score([line])
    assert answer["flagged"] is False and error in str(answer["error"])


def test_a_bad_line_names_the_key_at_fault_when_there_is_one() -> None:
    with pytest.raises(BadLineError) as raised:
        parse_line('{"text": "hi", "badges": "vip"}', 1, channel="c", clock=CLOCK)
    assert raised.value.field == "badges"
    with pytest.raises(BadLineError) as raised:
        parse_line("[1, 2]", 1, channel="c", clock=CLOCK)
    assert raised.value.field is None
