"""Quality on the real public data, as regression guards (bench/warden_eval.py prints the details)."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from chronicler.domain.chat import ChatMessage
from chronicler.domain.warden import Warden, WardenConfig
from tests.domain.warden.helpers import shared_data

pytestmark = pytest.mark.shared_data


def test_real_chat_gets_at_most_one_flag_per_5000_messages() -> None:
    path = shared_data() / "chat" / "admiralbulldog_2019-04-30.csv"
    warden = Warden()
    seen: set[str] = set()
    flagged = total = 0
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            login = row["username"].lower()
            sent_at = datetime.strptime(row["time"], "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
            message = ChatMessage(
                str(total), row["channel"], login, row["message"], sent_at, first_message=login not in seen
            )
            seen.add(login)
            flagged += warden.check(message).flagged
            total += 1
    assert total > 20_000
    assert flagged * 5000 <= total


def test_youtube_spam_precision_and_recall_as_first_messages() -> None:
    tp = fp = fn = 0
    for path in sorted((shared_data() / "spam").glob("Youtube0*.csv")):
        warden = Warden(WardenConfig(allowed_domains=("youtube.com", "youtu.be")))
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                sent_at = datetime.fromisoformat(row["DATE"]).replace(tzinfo=UTC)
                message = ChatMessage(
                    row["COMMENT_ID"],
                    path.stem.lower(),
                    row["AUTHOR"].lower(),
                    row["CONTENT"],
                    sent_at,
                    first_message=True,
                )
                flagged = warden.check(message).flagged
                spam = row["CLASS"].strip() == "1"
                tp += flagged and spam
                fp += flagged and not spam
                fn += spam and not flagged
    assert tp / (tp + fp) >= 0.95
    assert tp / (tp + fn) >= 0.80


def _chat_log(path: Path) -> Iterator[ChatMessage]:
    """A chat log of either shape (`time,username,channel,message` or `offset_seconds,username,message`)."""
    start = datetime(2024, 1, 1, tzinfo=UTC)
    seen: set[str] = set()
    with path.open(encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle)):
            login = (row.get("username") or "").lower().replace(" ", "_")
            if "time" in row:
                sent_at = datetime.strptime(row["time"], "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
            else:
                sent_at = start + timedelta(seconds=float(row["offset_seconds"]))
            channel = path.stem.split("_")[0].lower()
            yield ChatMessage(
                str(number), channel, login, row["message"], sent_at, first_message=login not in seen
            )
            seen.add(login)


def test_every_real_chat_log_together_gets_at_most_half_a_flag_per_5000_messages() -> None:
    # Community copypasta (a whole chat typing one joke) and ordinary talk of dating apps, getting
    # paid or Windows settings are in these logs; so are a few real spam lines, counted here too.
    flagged = total = 0
    for path in sorted((shared_data() / "chat").glob("*.csv")):
        warden = Warden()
        for message in _chat_log(path):
            flagged += warden.check(message).flagged
            total += 1
    assert total > 100_000
    assert flagged * 5000 <= 0.5 * total


def test_real_spam_campaigns_are_caught_as_first_messages() -> None:
    path = shared_data() / "spam" / "twitch_spam_campaigns_dev.csv"
    warden = Warden()
    caught = spam = false_flags = 0
    with path.open(encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle)):
            at = datetime(2024, 1, 1, tzinfo=UTC) + timedelta(minutes=number)
            message = ChatMessage(
                str(number), "somechannel", f"newcomer{number}", row["message"], at, first_message=True
            )
            flagged = warden.check(message).flagged
            if row["label"] == "spam":
                spam += 1
                caught += flagged
            else:
                false_flags += flagged
    assert spam > 50
    assert caught >= 0.9 * spam
    assert false_flags == 0
