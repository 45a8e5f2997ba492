"""Which response_format the server takes: recognised by what the error says, whatever its status."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from chronicler.contract.commands import Command
from chronicler.nlp.llm import LLMConfig, LLMParser
from tests.fakes.openai_server import FakeOpenAI, http_error, reply_json, slow
from tests.nlp.llm.conftest import StubFallback

ConfigFactory = Callable[..., LLMConfig]
FLAGS = {"command": "flags.list", "range": "today"}


@pytest.mark.parametrize(
    "refusal",
    [
        # llama-cpp-python's server answers json_schema with a 500, not a 400 or 422
        http_error(500, "Unsupported response_format type 'json_schema'"),
        http_error(500, "failed to parse grammar from the given schema"),
        http_error(422, "value error at body.response_format"),
    ],
)
def test_a_format_refusal_of_any_status_switches_to_json_object_for_good(
    server: FakeOpenAI, make_config: ConfigFactory, fallback: StubFallback, refusal: object
) -> None:
    server.script(refusal, reply_json(FLAGS), reply_json(FLAGS))  # type: ignore[arg-type]
    parser = LLMParser(make_config(), fallback=fallback)

    first = parser.parse("anything flagged today?")
    second = parser.parse("anything flagged today?")

    assert first.command == second.command == Command(interaction_type="flags", action="list", range="today")
    assert not first.fell_back and first.errors[0].startswith("format: HTTP ")
    assert [r["response_format"]["type"] for r in server.requests] == [
        "json_schema",
        "json_object",
        "json_object",
    ]
    assert parser.response_format == "json_object"
    # json_object mode shows the flat answer shape, with no {"parsed": ...} wrapper
    assert '{"parsed"' in server.requests[0]["messages"][0]["content"]
    assert '{"parsed"' not in server.requests[1]["messages"][0]["content"]


def test_a_500_that_does_not_name_the_format_is_a_failure_not_a_format_problem(
    server: FakeOpenAI, make_config: ConfigFactory, fallback: StubFallback, caplog: pytest.LogCaptureFixture
) -> None:
    server.script(http_error(500, "CUDA out of memory"))
    parser = LLMParser(make_config(), fallback=fallback)

    result = parser.parse("anything flagged today?")

    assert result.fell_back and result.errors == ("unavailable: HTTP 500: CUDA out of memory",)
    assert parser.response_format == "json_schema" and len(server.requests) == 1
    warning = next(r for r in caplog.records if r.levelname == "WARNING")
    assert "fell back" in warning.getMessage() and "CUDA out of memory" in warning.getMessage()


def test_json_object_can_be_chosen_outright(
    server: FakeOpenAI, make_config: ConfigFactory, fallback: StubFallback
) -> None:
    server.script(reply_json(FLAGS))

    LLMParser(make_config(response_format="json_object"), fallback=fallback).parse("anything flagged today?")

    assert server.requests[0]["response_format"] == {"type": "json_object"}
    assert server.requests[0]["max_tokens"] == 200


def test_warm_up_runs_in_the_background_and_learns_the_format(
    server: FakeOpenAI, make_config: ConfigFactory, fallback: StubFallback
) -> None:
    server.script(slow(0.5, then=http_error(500, "response_format json_schema is not supported")))

    began = time.perf_counter()
    parser = LLMParser(make_config(warm_up=True), fallback=fallback)
    built_in = time.perf_counter() - began

    assert built_in < 0.2  # start-up never waits for the model
    assert parser.warmed.wait(5)
    warm = server.requests[0]
    assert warm["max_tokens"] == 1 and warm["messages"][0]["role"] == "system"
    assert parser.response_format == "json_object"  # the first DM will not try json_schema again


def test_a_failed_warm_up_is_only_logged(dead_url: str, fallback: StubFallback) -> None:
    parser = LLMParser(LLMConfig(base_url=dead_url, model="m", warm_up=True), fallback=fallback)

    assert parser.warmed.wait(5) and parser.response_format == "json_schema"
