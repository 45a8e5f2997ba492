"""A bare "start it"/"stop it" beside news of the stream: the stream started or stopped, unless put off."""

from __future__ import annotations

from typing import Any

import pytest

from tests.nlp.rules.conftest import Parse

START = {"interaction_type": "session", "action": "start"}
STOP = {"interaction_type": "session", "action": "stop"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The news may come before the verb or after it, and "going live in 5" is no schedule.
        ("kick it off, about to go live with friends", START),
        ("start it, we're live", START),
        ("going live in 10, start the chronicler pls", START),
        ("i'll be live soon, start it pls", START),  # the stream is what comes later, not the start
        ("internet is dying so ending early. stop it pls", STOP),
        ("calling it a night, stop it", STOP),
        # Another language: the verb alone, the stream named beside it.
        ("para por favor, se acabó el directo", STOP),
        ("hör auf bitte, der stream ist vorbei", STOP),  # a German verb and its particle
        ("arrête ça, le live est fini", STOP),
    ],
)
def test_a_bare_verb_beside_news_of_the_stream(parse: Parse, text: str, expected: dict[str, Any]) -> None:
    assert parse(text) == expected


def test_a_start_put_off_to_a_time_still_asks(parse: Parse) -> None:
    assert parse("start it later, going live at 9")["interaction_type"] == "unknown"


@pytest.mark.parametrize(
    "text",
    [
        "ya estoy en directo, vigila el chat por favor",
    ],
)
def test_watching_chat_in_another_language_is_the_session(parse: Parse, text: str) -> None:
    # Carried out or asked about, as the intent model is more or less sure after each retraining (it
    # alone reads Spanish); never another command.
    asked = {"interaction_type": "unknown", "action": None, "question": "Did you mean to start chronicling?"}
    assert parse(text) in (START, asked)


def test_stream_time_is_news_of_the_stream(parse: Parse) -> None:
    assert parse("stream time! kick it off") == START


def test_a_mood_before_the_request_refuses_nothing(parse: Parse) -> None:
    mood = parse("internet keeps dropping and im not feeling it anymore, just stop everything")
    assert mood == STOP or mood.get("question") == "Did you mean to stop chronicling?"
    # ...but a refusal after it still refuses.
    assert parse("i'm not feeling great, but don't stop")["interaction_type"] == "unknown"
