"""What the model answers, tidied: each command takes only its own slots, and copied values are dropped."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from chronicler.contract.commands import Command
from chronicler.nlp.llm import LLMConfig, LLMParser
from chronicler.nlp.llm._answer import read_object
from chronicler.nlp.llm.errors import LLMBadOutput
from tests.fakes.openai_server import FakeOpenAI, reply, reply_json
from tests.nlp.llm.conftest import StubFallback

ConfigFactory = Callable[..., LLMConfig]
STOP = Command(interaction_type="session", action="stop")


def test_slots_a_command_cannot_take_are_dropped_with_a_note() -> None:
    answer = read_object({"command": "session.stop", "question": "Why?", "channel": "null"}, "stop it")

    assert answer.command == STOP
    assert answer.notes == ("dropped question: session.stop takes no question",)


@pytest.mark.parametrize("absent", [None, "", "null", "None", "NULL", " none "])
def test_the_string_null_is_no_value(absent: object) -> None:
    answer = read_object({"command": "session.start", "channel": absent, "theme": absent}, "start")

    assert answer.command == Command(interaction_type="session", action="start") and answer.notes == ()


def test_a_wrong_optional_value_is_dropped_but_the_command_kept() -> None:
    answer = read_object({"command": "flags.list", "range": "tomorrow", "username": "example_user"}, "flags?")

    assert answer.command == Command(interaction_type="flags", action="list")
    assert answer.notes == (
        "dropped username: copied from the prompt's examples",
        "dropped range: 'tomorrow' is not a valid range",
    )


def test_a_help_topic_the_bot_has_no_sentence_for_is_dropped_and_plain_help_kept() -> None:
    answer = read_object({"command": "help", "topic": "weather"}, "what is the weather thing?")

    assert answer.command == Command(interaction_type="help")
    assert answer.notes == ("dropped topic: 'weather' is not a valid topic",)


def test_a_topic_goes_with_help_only() -> None:
    answer = read_object({"command": "session.stop", "topic": "warden"}, "stop")

    assert answer.command == STOP and answer.notes == ("dropped topic: session.stop takes no topic",)
    with pytest.raises(ValueError, match="topic"):
        Command(interaction_type="session", action="stop", topic="warden")


def test_the_wrapped_and_the_legacy_shapes_are_read() -> None:
    assert read_object({"parsed": {"command": "session.stop"}}, "stop").command == STOP
    assert read_object({"interaction_type": "session", "action": "stop", "url": None}, "stop").command == STOP


@pytest.mark.parametrize(
    ("answer", "problem"),
    [
        ({"command": "session.launch"}, "is not one of"),
        ({"command": "mode.enable"}, "needs ['mode']"),
        (
            {"command": "settings.set_webhook", "url": "https://discord.com/api/webhooks/EXAMPLE/EXAMPLE"},
            "copied",
        ),
        ({"command": "link", "code": "EXAMPLE-CODE"}, "copied"),
    ],
)
def test_what_the_model_must_fix_is_bad_output(answer: dict[str, object], problem: str) -> None:
    with pytest.raises(LLMBadOutput, match=problem.replace("[", r"\[").replace("]", r"\]")):
        read_object(answer, "link EXAMPLE-CODE https://discord.com/api/webhooks/EXAMPLE/EXAMPLE")


def test_an_example_value_the_dm_really_holds_is_kept() -> None:
    answer = read_object({"command": "flags.list", "username": "example_user"}, "flags from example_user")

    assert answer.command.username == "example_user" and answer.notes == ()


def test_a_schema_violating_answer_is_dropped_to_its_slots_and_noted(
    server: FakeOpenAI, make_config: ConfigFactory, fallback: StubFallback
) -> None:
    server.script(
        reply_json({"command": "clips.list", "range": "last", "question": "Which?", "mode": "warden"})
    )

    result = LLMParser(make_config(), fallback=fallback).parse("gimme the clips from last time")

    assert result.command == Command(interaction_type="clips", action="list", range="last")
    assert not result.fell_back and result.retries == 0 and len(server.requests) == 1
    assert result.errors == (
        "dropped question: clips.list takes no question",
        "dropped mode: clips.list takes no mode",
    )


def test_invalid_json_is_retried_once_then_falls_back(
    server: FakeOpenAI, make_config: ConfigFactory, fallback: StubFallback
) -> None:
    server.script(reply('{"command": "flags.list", "range": '), reply("still not json"), reply_json({}))

    result = LLMParser(make_config(), fallback=fallback).parse("flags pls")

    assert result.fell_back and result.retries == 1
    assert len(server.requests) == 2 and server.pending == 1
    assert result.attempts == ('{"command": "flags.list", "range": ', "still not json")
    correction = server.requests[1]["messages"][-1]["content"]
    assert "not a valid command: no JSON object" in correction


def test_a_retry_gets_what_was_wrong_and_can_fix_it(
    server: FakeOpenAI, make_config: ConfigFactory, fallback: StubFallback
) -> None:
    server.script(
        reply_json({"command": "flags.review", "item": 3}),
        reply_json({"command": "flags.review", "verdict": "dismissed", "item": 3}),
    )

    result = LLMParser(make_config(), fallback=fallback).parse("number three was harmless")

    assert result.command == Command(interaction_type="flags", action="review", verdict="dismissed", item=3)
    assert result.retries == 1 and len(result.attempts) == 2
    assert "needs ['verdict']" in server.requests[1]["messages"][-1]["content"]
    assert json.loads(server.requests[1]["messages"][-2]["content"]) == {"command": "flags.review", "item": 3}
