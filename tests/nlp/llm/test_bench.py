"""bench/llm_parser.py: skips cleanly with no endpoint, and counts a reckless model's harm as none."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from bench import llm_parser
from tests.fakes.openai_server import FakeOpenAI, Scripted, reply_json


def test_no_endpoint_is_a_clean_skip(dead_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert llm_parser.main(["--base-url", dead_url]) == 0
    assert "skipping" in capsys.readouterr().out


@pytest.fixture
def reckless() -> Iterator[FakeOpenAI]:
    """A model that answers every DM (and the warm-up) with "stop"."""

    def always_stop(_: dict[str, Any]) -> Scripted:
        return reply_json({"command": "session.stop"})

    with FakeOpenAI(default=always_stop) as fake:
        yield fake


def test_a_model_that_always_says_stop_does_no_harm(
    reckless: FakeOpenAI, capsys: pytest.CaptureFixture[str]
) -> None:
    assert llm_parser.main(["--base-url", reckless.url, "--budget", "5"]) == 0

    out = capsys.readouterr().out
    assert "harmful parses (harmless -> state change carried out at once): 0" in out
    assert "fallbacks: 0" in out and "latency, every DM: median" in out
