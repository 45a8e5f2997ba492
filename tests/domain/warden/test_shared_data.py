"""Quality on the real public data, as regression guards (bench/warden_eval.py prints the details)."""

from __future__ import annotations

import csv
from datetime import UTC, datetime

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
