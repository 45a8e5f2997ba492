"""Real chat as a false-positive corpus: what chatters type must never read as a state change.

Reads ../shared/data (a Twitch chat log and YouTube comments) and skips when it is absent. Every
tenth chat line keeps this fast; the full corpus is for benchmarks.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from chronicler.nlp.rules import RuleParser
from tests.shared_data import SHARED_DATA

DATA = SHARED_DATA
CHAT = DATA / "chat" / "admiralbulldog_2019-04-30.csv"
SPAM = sorted((DATA / "spam").glob("Youtube0*.csv"))

pytestmark = pytest.mark.shared_data


def _column(path: Path, name: str) -> list[str]:
    """One column of a CSV file."""
    with path.open(encoding="utf-8", newline="") as f:
        return [row[name] for row in csv.DictReader(f)]


def _assert_harmless(parser: RuleParser, messages: list[str]) -> None:
    """No message parses to a state change, nor to an internal error."""
    changed = []
    for text in messages:
        result = parser.parse(text)
        assert result.errors == (), text
        if result.command.changes_state:
            changed.append((text, result.command.to_json()))
    assert changed == []


@pytest.mark.skipif(not CHAT.exists(), reason="shared chat log not available")
def test_twitch_chat_never_changes_state(parser: RuleParser) -> None:
    _assert_harmless(parser, _column(CHAT, "message")[::10])


@pytest.mark.skipif(not SPAM, reason="shared spam comments not available")
def test_spam_comments_never_change_state(parser: RuleParser) -> None:
    _assert_harmless(parser, [text for path in SPAM for text in _column(path, "CONTENT")])
