"""The audit keeps whether the LLM fell back, and every attempt's raw answer."""

from __future__ import annotations

from collections.abc import Callable

from chronicler.bot.audit import Interaction
from chronicler.bot.replies import Reply
from chronicler.contract.api import InteractionBody
from chronicler.nlp.llm import LLMConfig, LLMParser
from tests.fakes.openai_server import FakeOpenAI, http_error, reply, reply_json
from tests.nlp.llm.conftest import StubFallback

ConfigFactory = Callable[..., LLMConfig]


def test_a_fallback_and_both_attempts_reach_the_record(
    server: FakeOpenAI, make_config: ConfigFactory, fallback: StubFallback
) -> None:
    server.script(reply("first: not json"), reply('second: {"command": "nope"}'))
    result = LLMParser(make_config(), fallback=fallback).parse("hmm")

    record = Interaction.parsed("hmm", result, Reply.text("Here is what I can do.")).to_json()

    assert record["parser"] == "rules" and record["fell_back"] is True
    assert record["attempts"] == ["first: not json", 'second: {"command": "nope"}']
    assert record["raw_output"] == 'second: {"command": "nope"}' and record["retries"] == 1
    assert any(error.startswith("invalid: command 'nope'") for error in record["errors"])
    InteractionBody.model_validate(record)  # what the API takes


def test_a_single_answer_is_kept_as_it_came(
    server: FakeOpenAI, make_config: ConfigFactory, fallback: StubFallback
) -> None:
    server.script(reply_json({"command": "flags.list"}))
    result = LLMParser(make_config(), fallback=fallback).parse("flags")

    record = Interaction.parsed("flags", result, Reply.text("No flags.")).to_json()

    assert record["parser"] == "llm" and record["fell_back"] is False
    assert record["attempts"] == [record["raw_output"]] == ['{"command": "flags.list"}']


def test_a_failure_before_any_answer_is_marked_fell_back(
    server: FakeOpenAI, make_config: ConfigFactory, fallback: StubFallback
) -> None:
    server.script(http_error(503, "loading model"))
    result = LLMParser(make_config(), fallback=fallback).parse("flags")

    record = Interaction.parsed("flags", result, Reply.text("No flags.")).to_json()

    assert record["fell_back"] is True and record["attempts"] == []
    assert record["errors"] == ["unavailable: HTTP 503: loading model"]


def test_secrets_in_raw_answers_are_masked(
    server: FakeOpenAI, make_config: ConfigFactory, fallback: StubFallback
) -> None:
    hook = "https://discord.com/api/webhooks/777/s3cr3t-token"
    server.script(reply(f"use {hook}"), reply(f"still {hook}"))
    result = LLMParser(make_config(), fallback=fallback).parse(f"set my webhook to {hook}")

    record = Interaction.parsed("x", result, Reply.text("ok")).to_json()

    assert "s3cr3t" not in str(record["attempts"]) and len(record["attempts"]) == 2
