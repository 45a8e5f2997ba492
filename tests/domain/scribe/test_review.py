"""The review digest: one line in the ledger's flags section, and the same in its JSON."""

from __future__ import annotations

import json

import pytest

from chronicler.domain.scribe import (
    FlagReview,
    LedgerError,
    from_json,
    render_markdown,
    review_digest,
    to_json,
)
from tests.domain.scribe.ledgers import ledger

REVIEW = FlagReview(confirmed=5, dismissed=2, open=3)
LINE = "10 flags: 5 confirmed, 2 dismissed; 3 still to review"


@pytest.mark.parametrize(
    ("review", "line"),
    [
        (REVIEW, LINE),
        (FlagReview(confirmed=5, dismissed=2), "7 flags: 5 confirmed, 2 dismissed; all reviewed"),
        (FlagReview(open=1), "1 flag: 0 confirmed, 0 dismissed; 1 still to review"),
        (FlagReview(confirmed=1200, open=3), "1,203 flags: 1,200 confirmed, 0 dismissed; 3 still to review"),
    ],
)
def test_the_digest_says_how_far_the_review_got(review: FlagReview, line: str) -> None:
    assert review_digest(review) == line


def test_the_markdown_shows_the_digest_in_the_flags_section() -> None:
    markdown = render_markdown(ledger(review=REVIEW))

    flags = markdown.split("## Flags", 1)[1].split("\n## ", 1)[0]
    assert f"**Review:** {LINE}\n" in flags


def test_the_json_carries_the_counts_and_the_line_and_reads_back() -> None:
    data = ledger(review=REVIEW)

    document = json.loads(json.dumps(to_json(data)))

    assert document["review"] == {"confirmed": 5, "dismissed": 2, "open": 3, "summary": LINE}
    assert from_json(document) == data


def test_a_ledger_without_a_review_says_nothing_of_one() -> None:
    data = ledger()

    assert "**Review:**" not in render_markdown(data)
    assert "review" not in to_json(data)
    assert from_json(to_json(data)).review is None


def test_negative_counts_are_refused() -> None:
    with pytest.raises(LedgerError):
        FlagReview(confirmed=-1)
