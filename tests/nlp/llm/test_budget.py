"""One time budget per DM, every attempt included; a timeout is never retried."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from chronicler.nlp.llm import LLMConfig, LLMParser
from tests.fakes.openai_server import FakeOpenAI, Scripted, reply, reply_json, slow
from tests.nlp.llm.conftest import StubFallback

ConfigFactory = Callable[..., LLMConfig]
FLAGS = {"command": "flags.list", "range": "today"}


def test_a_slow_model_gets_the_budget_not_the_request_timeout(
    server: FakeOpenAI, make_config: ConfigFactory, fallback: StubFallback
) -> None:
    server.script(slow(5.0, then=reply_json(FLAGS)), reply_json(FLAGS))

    began = time.perf_counter()
    result = LLMParser(make_config(timeout_s=5.0, budget_s=0.6), fallback=fallback).parse("flags?")
    took = time.perf_counter() - began

    assert result.fell_back and result.errors == ("timeout: no answer within the 0.6 s budget for this DM",)
    assert 0.5 < took < 1.5
    assert len(server.requests) == 1 and server.pending == 1  # a timeout is not retried


def test_the_retry_gets_only_what_is_left_of_the_budget(
    server: FakeOpenAI, make_config: ConfigFactory, fallback: StubFallback
) -> None:
    server.script(reply("not json"), slow(5.0, then=reply_json(FLAGS)))

    began = time.perf_counter()
    result = LLMParser(make_config(timeout_s=5.0, budget_s=1.5), fallback=fallback).parse("flags?")
    took = time.perf_counter() - began

    assert result.fell_back and result.retries == 1 and len(server.requests) == 2
    assert result.errors[0] == "invalid: no JSON object in the answer"
    assert result.errors[1] == "timeout: no answer within the 1.5 s budget for this DM"
    assert took < 2.0  # 1.5 s in all, not 1.5 s and then 5 s more


class SteppingClock:
    """A monotonic clock the fake server moves on: each answer "takes" `step` seconds."""

    def __init__(self, step: float) -> None:
        self.now = 0.0
        self.step = step

    def __call__(self) -> float:
        return self.now

    def answering(self, answer: Scripted) -> Callable[[dict[str, Any]], Scripted]:
        def respond(_: dict[str, Any]) -> Scripted:
            self.now += self.step
            return answer

        return respond


def test_no_retry_is_started_without_the_time_to_finish_it(
    server: FakeOpenAI, make_config: ConfigFactory, fallback: StubFallback
) -> None:
    clock = SteppingClock(step=9.5)
    server.script(clock.answering(reply("not json")), reply_json(FLAGS))

    result = LLMParser(make_config(budget_s=10.0), fallback=fallback, clock=clock).parse("flags?")

    assert result.fell_back and result.retries == 0
    assert result.errors == ("invalid: no JSON object in the answer",)
    assert len(server.requests) == 1


def test_each_request_asks_for_few_tokens(
    server: FakeOpenAI, make_config: ConfigFactory, fallback: StubFallback
) -> None:
    server.script(reply_json(FLAGS))

    LLMParser(make_config(max_tokens=64), fallback=fallback).parse("flags?")

    assert server.requests[0]["max_tokens"] == 64
