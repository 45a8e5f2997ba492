"""Fixtures for the LLM tests: a scripted local server, configs pointing at it, a stub fallback."""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import pytest

from chronicler.contract.commands import Command, unknown
from chronicler.nlp.llm import LLMConfig
from chronicler.nlp.result import ParseResult, Turn
from tests.fakes.openai_server import FakeOpenAI


class StubFallback:
    """Stands in for the rules parser: always answers with one command (by default an `unknown`, as for
    a DM it could not read, so the model is asked) and records its calls."""

    name = "rules"

    def __init__(self, command: Command | None = None) -> None:
        self.command = command or unknown("Sorry, I didn't get that.")
        self.calls: list[tuple[str, tuple[Turn, ...]]] = []

    def parse(self, text: str, history: Sequence[Turn] = ()) -> ParseResult:
        """Record the call and answer with the fixed command."""
        self.calls.append((text, tuple(history)))
        return ParseResult(command=self.command, parser=self.name)


@pytest.fixture
def server() -> Iterator[FakeOpenAI]:
    """A started fake OpenAI server for one test."""
    with FakeOpenAI() as fake:
        yield fake


@pytest.fixture
def make_config(server: FakeOpenAI) -> Callable[..., LLMConfig]:
    """Build an `LLMConfig` pointing at the fake server, with any setting overridden."""

    def make(**overrides: Any) -> LLMConfig:
        settings: dict[str, Any] = {
            "base_url": server.url,
            "api_key": "test-key",
            "model": server.model,
            "timeout_s": 2.0,
        }
        return LLMConfig(**(settings | overrides))

    return make


@pytest.fixture
def fallback() -> StubFallback:
    """A stub fallback parser that answers `help`."""
    return StubFallback()


@pytest.fixture
def dead_url() -> str:
    """A base URL on 127.0.0.1 where nothing listens (connection refused)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/v1"
