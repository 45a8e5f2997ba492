"""Kinds of DM the blind set's DEV half (bench/dm_blind/) showed the parser missing, and the guards that
came with reading them: moderation requests, bare channel logins, scopes, negated reasons, laughter,
other purposes, other destinations, and a mode or the webhook spoken of with nothing asked of it.

Every DM here is invented for the test; none is in bench/dm_blind/ or tools/dm_corpus/ as written.
"""

from __future__ import annotations

from typing import Any

import pytest

from chronicler.nlp.rules._guards import doubts
from tests.nlp.rules.conftest import Parse


def command(kind: str, action: str | None = None, **slots: Any) -> dict[str, Any]:
    """The flattened JSON of a command."""
    return {"interaction_type": kind, "action": action, **slots}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("timeout @loud_parrot", command("moderate", username="loud_parrot")),
        ("pls ban spam_goblin9", command("moderate", username="spam_goblin9")),
        ("kick off the session", command("session", "start")),
        ("start chronicling moss_and_ember", command("session", "start", channel="moss_and_ember")),
        (
            "turn off the warden for this stream",
            command("mode", "disable", mode="warden", scope="tonight"),
        ),
        ("turn off the steward for good", command("mode", "disable", mode="steward", scope="always")),
        ("show me the current ledger", command("ledger", "show", session="current")),
        ("the ledger never showed up in discord, resend it", command("ledger", "post")),
        ("my link code is QWER-5678", command("link", code="QWER-5678")),
    ],
)
def test_understood(parse: Parse, text: str, expected: dict[str, Any]) -> None:
    assert parse(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "stop the stream from buffering",  # another purpose: the stream is not what is to stop
        "post the ledger to reddit",  # the ledger goes to Discord or nowhere
        "the ledger never showed up in discord, don't resend it",  # the request itself is refused
        "start chronicling at 9pm",  # a time, not a channel called "9pm", and not now
        "gn bot",
        "mute the chat music",  # no chatter named
        "the quiet chat prompts are cute",  # a mode spoken of, nothing asked of it
        "mi webhook se rompió en otra app",
        "wow 23 min ago",  # a number of minutes with nothing to set
        "start truck? KKona",  # a question in chat, not a request
        "i like how the summary looks in discord",  # nothing asked of the ledger
        "my timezone is wrong",
        "my buddy's channel is fox_and_fern7",  # someone else's channel
    ],
)
def test_not_carried_out(parse: Parse, text: str) -> None:
    result = parse(text)
    assert result["interaction_type"] in ("unknown", "ledger") and result.get("action") != "post"
    assert result["interaction_type"] != "moderate"


@pytest.mark.parametrize(
    ("masked", "kind", "present"),
    [
        ("i just got back from grabbing food. enable the scribe", "purpose", False),
        ("stop the stream from lagging", "purpose", True),
        ("disable the thing that writes the report", "reported", False),
        ("chat said stop", "reported", True),
        ("enable the thing that pings when chat is quiet", "conditional", False),
        ("the nudge for when chat goes silent", "conditional", False),
        ("when the raid ends, stop", "conditional", True),
        ("just went live lol start the thing", "joke", False),
    ],
)
def test_doubts_are_about_the_request(masked: str, kind: str, present: bool) -> None:
    assert (kind in doubts(masked)) is present


def test_a_no_before_the_request_gives_its_reason(parse: Parse) -> None:
    said = "members-only stream tonight, so no scammers will show up. turn off the warden for tonight."
    assert parse(said) == command("mode", "disable", mode="warden", scope="tonight")
    assert parse("turn off the warden. actually don't")["interaction_type"] == "unknown"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("going live in a sec, start chronicling now", command("session", "start")),
        ("QWER-5678", command("link", code="QWER-5678")),
        ("loud_parrot_9 is being rude, time them out", command("moderate", username="loud_parrot_9")),
        ("channel's moss_and_ember now", command("settings", "set_channel", channel="moss_and_ember")),
        ("time zone: Lisbon", command("settings", "set_timezone", timezone="Europe/Lisbon")),
        ("apaga el steward esta noche", command("mode", "disable", mode="steward", scope="tonight")),
    ],
)
def test_read_as_streamers_write_them(parse: Parse, text: str, expected: dict[str, Any]) -> None:
    assert parse(text) == expected


def test_a_later_time_is_still_a_question(parse: Parse) -> None:
    assert parse("stop chronicling in 10 minutes, not now")["interaction_type"] == "unknown"
    assert parse("start chronicling tomorrow, now i'm off")["interaction_type"] == "unknown"
