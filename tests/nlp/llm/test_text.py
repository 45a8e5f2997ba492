"""The text client: the model's words, or None on any failure so callers use their templates."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from chronicler.nlp.llm import LLMConfig, LLMText
from tests.fakes.openai_server import FakeOpenAI, Scripted, http_error, refusal, reply, slow

ConfigFactory = Callable[..., LLMConfig]


def test_returns_the_text_and_sends_the_prompts(server: FakeOpenAI, make_config: ConfigFactory) -> None:
    server.script(reply("  Welcome in, lurkers!  "))

    text = LLMText(make_config()).complete("You are a friendly host.", "Chat went quiet.", max_tokens=60)

    assert text == "Welcome in, lurkers!"
    request = server.requests[0]
    assert request["messages"] == [
        {"role": "system", "content": "You are a friendly host."},
        {"role": "user", "content": "Chat went quiet."},
    ]
    assert request["max_tokens"] == 60 and request["temperature"] == 0.7
    assert "response_format" not in request


def test_temperature_can_be_left_out(server: FakeOpenAI, make_config: ConfigFactory) -> None:
    server.script(reply("hi"))

    LLMText(make_config(text_temperature=None)).complete("s", "u")

    assert "temperature" not in server.requests[0]


def test_think_block_is_stripped(server: FakeOpenAI, make_config: ConfigFactory) -> None:
    server.script(reply("<think>They want something cheerful.</think>\nHydrate, chat!"))

    assert LLMText(make_config()).complete("s", "u") == "Hydrate, chat!"


@pytest.mark.parametrize(
    "answer",
    [
        pytest.param(http_error(500), id="http-500"),
        pytest.param(http_error(429, "slow down"), id="http-429"),
        pytest.param(refusal(), id="refusal-field"),
        pytest.param(reply("I'm sorry, I can't help with that."), id="refusal-text"),
        pytest.param(reply(""), id="empty"),
        pytest.param(reply(None), id="null-content"),
        pytest.param(reply("<think>still thinking when the token limit hit"), id="cut-off-think"),
        pytest.param(reply("   "), id="blank"),
        pytest.param(Scripted(200, {"id": "x", "object": "chat.completion", "choices": []}), id="no-choices"),
    ],
)
def test_none_on_failure(server: FakeOpenAI, make_config: ConfigFactory, answer: Scripted) -> None:
    server.script(answer)

    assert LLMText(make_config()).complete("s", "u") is None


def test_none_on_timeout(server: FakeOpenAI, make_config: ConfigFactory) -> None:
    server.script(slow(5.0, then=reply("too late")))

    assert LLMText(make_config(timeout_s=0.5)).complete("s", "u") is None
    assert len(server.requests) == 1


def test_none_when_nothing_listens(dead_url: str) -> None:
    config = LLMConfig(base_url=dead_url, model="m", timeout_s=1.0)

    assert LLMText(config).complete("s", "u") is None
