"""A DM that corrects itself is read as corrected: the words after the last "no wait" are what is meant,
as a request of their own or as the thing meant instead. Every line here is invented for the test."""

from __future__ import annotations

from typing import Any

import pytest

from chronicler.nlp.rules._corrections import correction
from tests.nlp.rules.conftest import Parse
from tests.nlp.rules.test_learned import command


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("turn on the steward — no wait, the hearthkeeper", command("mode", "enable", mode="hearthkeeper")),
        ("disable the scribe, no, sorry, I mean the reply bot", command("mode", "disable", mode="steward")),
        (
            "switch off the librarian. no wait, not the librarian, the warden. librarian stays",
            command("mode", "disable", mode="warden"),
        ),
        ("enable the warden... wait no, the recap writer. oops", command("mode", "enable", mode="scribe")),
        (
            "set the hearthkeeper to 20 minutes — no, make it 35",
            command("mode", "configure", mode="hearthkeeper", idle_minutes=35),
        ),
        (
            "set my channel to mothlight — wait no, mothlight_tv",
            command("settings", "set_channel", channel="mothlight_tv"),
        ),
    ],
)
def test_the_thing_meant_instead_takes_its_place(parse: Parse, text: str, expected: dict[str, Any]) -> None:
    assert parse(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("turn on— sorry, I meant turn OFF the steward", command("mode", "disable", mode="steward")),
        ("mute the hearthkeeper, actually no, just stop the whole session", command("session", "stop")),
        ("show me the flags — actually no, the clips first", command("clips", "list")),
        ("clips from tonight — no wait, yesterday's", command("clips", "list", range="yesterday")),
        ("stats for today and actually no, make it the whole week", command("stats", "show", range="week")),
    ],
)
def test_a_correction_that_is_a_request_of_its_own(parse: Parse, text: str, expected: dict[str, Any]) -> None:
    assert parse(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "stop chronicling, no wait",
        "post the ledger — no wait, don't, it's not finished",
        "stop— no, never mind, wrong window",
        "turn off the warden, no wait, not yet",
    ],
)
def test_a_correction_that_takes_the_request_back_carries_nothing_out(parse: Parse, text: str) -> None:
    assert parse(text)["interaction_type"] == "unknown"


@pytest.mark.parametrize(
    "text",
    [
        "no wait, what's running?",
        "I mean it, stop",
        "what did chat talk about? I mean the topics",
        "start chronicling. and no, I don't want the steward on",
    ],
)
def test_what_is_no_correction(text: str) -> None:
    # A correction corrects something before it; "I mean" alone explains rather than corrects.
    assert correction(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("liga... não, desliga o filtro de spam", command("mode", "disable", mode="warden")),
        ("começa... não, para, a live acabou", command("session", "stop")),
        (
            "zeig mir die Statistiken von gestern... nein, von dieser Woche",
            {"interaction_type": "stats", "action": "show", "range": "week"},
        ),
    ],
)
def test_a_correction_after_dots_in_another_language(parse: Parse, text: str, expected: dict) -> None:
    assert parse(text) == expected
