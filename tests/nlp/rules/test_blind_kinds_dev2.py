"""Kinds of DM the second blind DEV set (bench/dm_blind/dev2.jsonl) showed the parser missing: a new
channel name told as news, moderation with no chatter named, verdicts on flags by ordinal and with a
reason, ranges in other languages, a contrast of two values, and the past as a doubt.

Every DM here is invented for the test; none is in bench/dm_blind/ or tools/dm_corpus/ as written.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.nlp.rules.conftest import Parse


def command(kind: str, action: str | None = None, **slots: Any) -> dict[str, Any]:
    """The flattened JSON of a command."""
    return {"interaction_type": kind, "action": action, **slots}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("just renamed to heron_at_dusk", command("settings", "set_channel", channel="heron_at_dusk")),
        (
            "fyi changed my twitch handle to quartzmoth",
            command("settings", "set_channel", channel="quartzmoth"),
        ),
        ("rebranded btw, i'm lumen_fox7 now", command("settings", "set_channel", channel="lumen_fox7")),
        ("can u time out that dude", command("moderate")),
        ("ban the scammers pls", command("moderate")),
        ("grab his link and ban him", command("moderate")),
        ("the third one is spam", command("flags", "review", verdict="confirmed", item=3)),
        (
            "#4 is fine, that's my brother",
            command("flags", "review", verdict="dismissed", item=4),
        ),
        ("clips de la semana pasada? no, de esta semana", command("clips", "list", range="week")),
        ("ideias de blog nesta semana", command("blog", "list", range="week")),
        ("flags from my last sesh", command("flags", "list", range="last")),
        (
            "hearthkeeper should wait 30 minutes, not 20",
            command("mode", "configure", mode="hearthkeeper", idle_minutes=30),
        ),
    ],
)
def test_understood(parse: Parse, text: str, expected: dict[str, Any]) -> None:
    assert parse(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "kick things off whenever you're ready lol",  # a phrasal verb, not a chatter called "things"
        "my buddy rebranded to neon_badger3",  # someone else's news
        "i renamed my cat to biscuit",  # no channel, no login
        "i used to be on Tokyo time, miss it",  # the past: a memory, not a request
        "10 mins to go!!",  # minutes with no mode named or described
        "#3 is spam, actually no",  # the verdict taken back
    ],
)
def test_not_carried_out(parse: Parse, text: str) -> None:
    assert parse(text)["interaction_type"] == "unknown"


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("so what does the steward even do?", "steward"),
        ("what's a webhook", "webhook"),
        ("how does the bot know what's a scam", "warden"),
        ("how are clip candidates chosen?", "clips"),
        ("what is the scribe?", "scribe"),
        ("ok what's the 'librarian' exactly? i don't understand", "librarian"),
        ("what's the webhook thing everyone keeps mentioning", "webhook"),
    ],
)
def test_a_question_about_a_thing_is_help_on_it_not_acted_on(parse: Parse, text: str, topic: str) -> None:
    assert parse(text) == command("help", None, topic=topic)


def test_what_the_things_are_is_asked_of_one_thing_not_of_a_list(parse: Parse) -> None:
    assert parse("what are the flags?") == command("flags", "list")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("what's the ledger for last stream", command("ledger", "show", session="last")),
        ("what are the clips from today", command("clips", "list", range="today")),
    ],
)
def test_a_question_that_asks_for_the_thing_still_shows_it(
    parse: Parse, text: str, expected: dict[str, Any]
) -> None:
    assert parse(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("fill me in, update me on chat", command("session", "recap")),
        ("THE WARDEN KEEPS SPAMMING ME, TURN IT OFF", command("mode", "disable", mode="warden")),
        ("alright we're live 🎉 start", command("session", "start")),
    ],
)
def test_read_with_their_context(parse: Parse, text: str, expected: dict[str, Any]) -> None:
    assert parse(text) == expected


def test_a_bare_verb_after_other_news_is_the_session_asked_or_stopped(parse: Parse) -> None:
    # Blind hands end DMs with a bare "stop" to mean chronicling ("offline now. stop", "done. stop."), and
    # asking about every such DM cost 6.6 held-out points; news unrelated to the stream leaves the intent
    # model near its threshold, so a retraining may tip it either way. Never anything but the stop.
    asked = {"interaction_type": "unknown", "action": None, "question": "Did you mean to stop chronicling?"}
    assert parse("my cat knocked over the mic. stop") in (command("session", "stop"), asked)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("start logging on ferncastle rn", command("session", "start", channel="ferncastle")),
        ("no hearthkeeper tonight", command("mode", "disable", mode="hearthkeeper", scope="tonight")),
        ("no more ledgers in discord, remove the webhook", command("settings", "remove_webhook")),
    ],
)
def test_read_as_said_in_passing(parse: Parse, text: str, expected: dict[str, Any]) -> None:
    assert parse(text) == expected


def test_a_no_that_answers_is_still_no_request(parse: Parse) -> None:
    assert parse("no, the warden stays")["interaction_type"] == "unknown"


@pytest.mark.parametrize("text", ["what about yesterday?", "and for last week?", "how about today"])
def test_a_time_with_nothing_before_it_asks_which_list(parse: Parse, text: str) -> None:
    assert parse(text) == command(
        "unknown", question="Which one: flags, clips, blog posts, stats or the ledger?"
    )
