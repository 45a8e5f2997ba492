"""The fake server itself: routes, an empty script, and a clean stop."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any

import pytest

from tests.fakes.openai_server import FakeOpenAI, Scripted, reply


def _post(url: str, body: dict[str, Any]) -> tuple[int, Any]:
    request = urllib.request.Request(
        url, data=json.dumps(body).encode(), method="POST", headers={"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_models_route(server: FakeOpenAI) -> None:
    with urllib.request.urlopen(f"{server.url}/models", timeout=5) as response:
        assert json.loads(response.read())["data"][0]["id"] == server.model


def test_empty_script_answers_500_and_still_records(server: FakeOpenAI) -> None:
    status, body = _post(f"{server.url}/chat/completions", {"model": "m", "messages": []})

    assert status == 500 and "no scripted response" in json.dumps(body)
    assert server.requests == [{"model": "m", "messages": []}]


def test_default_responder_sees_the_request() -> None:
    def echo(body: dict[str, Any]) -> Scripted:
        return reply(f"you sent {len(body['messages'])} messages")

    with FakeOpenAI(default=echo) as fake:
        status, body = _post(f"{fake.url}/chat/completions", {"model": "m", "messages": [{}, {}]})

    assert status == 200 and body["choices"][0]["message"]["content"] == "you sent 2 messages"


def test_url_needs_a_started_server() -> None:
    with pytest.raises(RuntimeError, match="not started"):
        _ = FakeOpenAI().url
