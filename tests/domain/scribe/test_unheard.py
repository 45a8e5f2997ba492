"""Chat the bot did not hear: one line in the ledger when there was a gap, nothing when there was none."""

from __future__ import annotations

import json

import pytest

from chronicler.domain.scribe import LedgerError, UnheardChat, from_json, render_markdown, summarize, to_json
from tests.domain.scribe.ledgers import empty_ledger, ledger

LINE = "Chat was unheard for 3 min 5 s in 2 gaps (Twitch's connection dropped)"
GAPS = UnheardChat(seconds=185.0, gaps=2, reasons=("connection",))


def test_a_session_with_gaps_says_how_long_chat_was_unheard_among_its_numbers() -> None:
    markdown = render_markdown(ledger(unheard=GAPS))

    numbers = markdown.split("## Numbers", 1)[1].split("##", 1)[0]
    assert f"- {LINE}\n" in numbers


def test_a_session_without_gaps_shows_nothing_new() -> None:
    data = ledger()

    assert "unheard" not in render_markdown(data).lower()
    assert "unheard" not in to_json(data)
    assert "unheard" not in json.dumps(summarize(data)).lower()


def test_a_session_that_heard_nothing_at_all_still_says_why() -> None:
    deaf = UnheardChat(600.0, 1, ("authorization",))
    data = ledger(numbers=empty_ledger().numbers, per_minute=(), top_chatters=(), unheard=deaf)

    markdown = render_markdown(data)

    assert "_No chat messages._" in markdown
    assert "- Chat was unheard for 10 min in 1 gap (Twitch refused the bot's authorization)" in markdown


def test_the_json_carries_the_gaps_and_the_line_and_reads_back() -> None:
    data = ledger(unheard=GAPS)

    document = json.loads(json.dumps(to_json(data)))

    assert document["unheard"] == {"seconds": 185.0, "gaps": 2, "reasons": ["connection"], "summary": LINE}
    assert from_json(document) == data


def test_a_ledger_stored_before_gaps_were_kept_reads_as_without_one() -> None:
    document = to_json(ledger())

    assert from_json(document).unheard is None


def test_the_discord_summary_mentions_the_gaps() -> None:
    assert LINE in summarize(ledger(unheard=GAPS))["description"]


@pytest.mark.parametrize(
    ("seconds", "gaps", "reasons"),
    [(-1.0, 1, ()), (10.0, 0, ()), (10.0, 1, ("gremlins",))],
)
def test_impossible_gaps_are_refused(seconds: float, gaps: int, reasons: tuple[str, ...]) -> None:
    with pytest.raises(LedgerError):
        UnheardChat(seconds, gaps, reasons)


def test_a_malformed_stored_gap_names_its_field() -> None:
    document = to_json(ledger(unheard=GAPS))
    document["unheard"]["gaps"] = "two"

    with pytest.raises(LedgerError, match=r"ledger\.unheard\.gaps"):
        from_json(document)
