"""The ledger: shown on any mention, posted only on a posting verb; one ledger per stream."""

from __future__ import annotations

from typing import Any

import pytest

from tests.nlp.rules.conftest import Parse


def ledger(action: str, **slots: Any) -> dict[str, Any]:
    """The JSON of a ledger command."""
    return {"interaction_type": "ledger", "action": action, **slots}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("show me the ledger", ledger("show")),
        ("ledger", ledger("show")),
        ("ledger?", ledger("show")),
        ("where's the ledger", ledger("show")),
        ("ledger for last stream", ledger("show", session="last")),
        ("show last stream's ledger", ledger("show", session="last")),
        ("can i see tonight's ledger", ledger("show", session="current")),
        ("send me the ledger", ledger("show")),
        ("what's in the ledger so far?", ledger("show", session="current")),
        ("did the ledger post?", ledger("show")),
        ("open the ledgr", ledger("show")),  # typo
    ],
)
def test_show(parse: Parse, text: str, expected: dict[str, Any]) -> None:
    assert parse(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("resend the ledger", ledger("post")),
        ("post the ledger", ledger("post")),
        ("post last stream's ledger again", ledger("post", session="last")),
        ("repost the ledger for this stream", ledger("post", session="current")),
        ("share the ledger", ledger("post")),
        ("send the ledger", ledger("post")),
        ("re-send the ledger pls", ledger("post")),
        ("publish the ledger now", ledger("post")),
        ("can you post the ledger?", ledger("post")),
        ("drop the ledger in discord", ledger("post")),
        ("post the ledgr", ledger("post")),  # typo in the object
        ("please resend the previous stream's ledger", ledger("post", session="last")),
    ],
)
def test_post(parse: Parse, text: str, expected: dict[str, Any]) -> None:
    assert parse(text) == expected


WHICH_LEDGER = "There is one ledger per stream: do you want this stream's or the last stream's?"


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("post the ledger?", "Did you mean to post the ledger?"),
        ("the ledger of all time", WHICH_LEDGER),
        ("post the ledger from this week", WHICH_LEDGER),
        (
            "stop chronicling and post the ledger",
            "I can do one thing at a time: 'stop chronicling' or 'post the ledger'?",
        ),
    ],
)
def test_unclear_ledger_requests_ask(parse: Parse, text: str, question: str) -> None:
    assert parse(text) == {"interaction_type": "unknown", "action": None, "question": question}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The stream's report sent somewhere is the ledger posted...
        ("share the end of stream summary with the server", {"interaction_type": "ledger", "action": "post"}),
        (
            "publish the report for last stream",
            {"interaction_type": "ledger", "action": "post", "session": "last"},
        ),
        # ...and sent to the streamer is the ledger shown.
        ("send me the recap", {"interaction_type": "ledger", "action": "show"}),
    ],
)
def test_the_report_posted_or_shown(parse: Parse, text: str, expected: dict[str, Any]) -> None:
    assert parse(text) == expected


def test_what_the_scribe_wrote_is_the_ledger(parse: Parse) -> None:
    assert parse("what did the scribe write up") == ledger("show")
