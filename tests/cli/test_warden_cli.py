"""`chronicler warden --jsonl -`: one verdict line per input line, raids included."""

from __future__ import annotations

import json

from click.testing import CliRunner

from chronicler.cli.warden import warden_command


def run(lines: list[str], *args: str) -> list[dict[str, object]]:
    """Feed `lines` on stdin and decode the answers."""
    result = CliRunner().invoke(warden_command, ["--jsonl", "-", *args], input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.output.splitlines()]


def test_every_line_gets_one_answer_with_the_four_fields() -> None:
    answers = run([json.dumps({"text": "f4f anyone"}), json.dumps({"text": "what a play"})])
    assert [answer["flagged"] for answer in answers] == [True, False]
    assert {"flagged", "rule", "score", "reason"} <= set(answers[0])


def test_a_raid_line_is_answered_and_welcomes_the_raiders() -> None:
    greeting = "cozy raid has arrived bringing snacks and good vibes to the castle"
    lines = [
        json.dumps({"event": "raid", "from": "cozy_raider", "viewers": 40, "sent_at": "2024-05-01T20:00:00Z"})
    ]
    lines += [
        json.dumps(
            {
                "text": greeting,
                "username": f"r{i}",
                "first_message": True,
                "sent_at": f"2024-05-01T20:00:{i + 1:02d}Z",
            }
        )
        for i in range(10)
    ]
    answers = run(lines)
    assert len(answers) == 11
    assert answers[0]["event"] == "raid" and answers[0]["flagged"] is False
    assert not any(answer["flagged"] for answer in answers[1:])


def test_settings_still_apply() -> None:
    (answer,) = run([json.dumps({"text": "spoiler: he dies"})], "--block-term", "spoiler")
    assert answer["rule"] == "blocked_term"


def test_an_unusable_setting_is_a_usage_error() -> None:
    result = CliRunner().invoke(warden_command, ["--jsonl", "-", "--block-term", "*"], input="")
    assert result.exit_code == 2
