"""`chronicler clips LOG`: the Librarian's candidates in a chat log, best first, as JSON lines."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from chronicler.cli.clips import clips
from chronicler.cli.main import cli

KEYS = {"start", "end", "peak", "score", "kind", "reason"}
START = datetime(2024, 5, 4, 18, 0, 3, tzinfo=UTC)


def chat_rows() -> list[tuple[float, str, str]]:
    """Twenty minutes of calm chat, a crowd laughing at 600 s and a smaller one cheering at 900 s."""
    rows = [(float(n), f"regular{n % 30}", "nice jump there") for n in range(1200)]
    rows += [(600 + n / 5, f"laugher{n}", ("KEKW", "LUL", "jajaja")[n % 3]) for n in range(100)]
    rows += [(900 + n / 3, f"cheerer{n}", "Pog") for n in range(30)]
    return sorted(rows)


def write_csv(path: Path, header: str) -> Path:
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow([header, "username", "message"])
        for seconds, login, text in chat_rows():
            when = (START + timedelta(seconds=seconds)).isoformat() if header == "time" else f"{seconds:g}"
            writer.writerow([when, login, text])
    return path


def lines(output: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in output.splitlines()]


def test_an_offset_log_gives_candidates_best_first_in_the_logs_own_seconds(tmp_path: Path) -> None:
    result = CliRunner().invoke(clips, [str(write_csv(tmp_path / "chat.csv", "offset_seconds"))])

    assert result.exit_code == 0, result.output
    found = lines(result.output)
    assert found and all(set(item) == KEYS for item in found)
    best = found[0]
    assert best["kind"] == "funny" and best["start"] == 575.0
    assert isinstance(best["peak"], float) and 600 <= best["peak"] <= 620
    scores = [item["score"] for item in found]
    assert scores == sorted(scores, reverse=True)  # type: ignore[type-var]


def test_a_time_log_counts_from_its_first_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(clips, [str(write_csv(tmp_path / "chat.csv", "time")), "--top", "1"])

    assert result.exit_code == 0, result.output
    (best,) = lines(result.output)
    # Buckets are whole 10 s of the clock; the log starts 3 s into one.
    assert best["kind"] == "funny" and 570 <= best["start"] <= 580  # type: ignore[operator]


def test_json_lines_from_stdin() -> None:
    stdin = "\n".join(
        json.dumps({"offset_seconds": seconds, "username": login, "message": text})
        for seconds, login, text in chat_rows()
    )

    result = CliRunner().invoke(clips, ["-"], input=stdin)

    assert result.exit_code == 0, result.output
    assert lines(result.output)[0]["kind"] == "funny"


def test_all_prints_every_candidate_and_the_default_only_the_streams_budget(tmp_path: Path) -> None:
    log = str(write_csv(tmp_path / "chat.csv", "offset_seconds"))

    default = lines(CliRunner().invoke(clips, [log]).output)
    every = lines(CliRunner().invoke(clips, [log, "--all"]).output)

    # Twenty minutes of chat: a budget of one (0.9 per 10 minutes, rounded down), the best.
    assert len(default) == 1 and len(every) == 2
    assert default[0] == every[0] and every[0]["kind"] == "funny"


def test_calm_chat_prints_nothing() -> None:
    stdin = "offset_seconds,username,message\n" + "".join(f"{n},u{n % 9},hello there\n" for n in range(900))

    result = CliRunner().invoke(clips, ["-"], input=stdin)

    assert result.exit_code == 0 and result.output == ""


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("", "is empty"),
        ("a,b\n1,2\n", "is not a chat log"),
        ("offset_seconds,username,message\n", "no chat lines"),
        ("offset_seconds,username,message\nsoon,bob,hi\n", "line 2: offset_seconds 'soon' is not a number"),
        ("time,username,message\nyesterday,bob,hi\n", "line 2: time 'yesterday' is not an ISO-8601 time"),
        ('{"offset_seconds": 1, "username": "bob", "message": "hi"}\nnot json\n', "line 2: not JSON"),
        ('{"offset_seconds": 1, "username": "bob"}\n', "needs a username and a message"),
    ],
)
def test_bad_input_is_a_clear_error_with_status_2(text: str, said: str) -> None:
    result = CliRunner().invoke(clips, ["-"], input=text)

    assert result.exit_code == 2
    assert said in result.output


def test_a_missing_file_is_status_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(clips, [str(tmp_path / "nope.csv")])

    assert result.exit_code == 2 and "nope.csv" in result.output


def test_bytes_that_are_not_utf8_are_refused() -> None:
    result = CliRunner().invoke(
        clips, ["-"], input=io.BytesIO(b"offset_seconds,username,message\n1,a,\xff\n")
    )

    assert result.exit_code == 2 and "not UTF-8" in result.output


def test_the_command_is_part_of_chronicler() -> None:
    assert cli.commands["clips"] is clips
