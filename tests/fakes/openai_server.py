"""A scripted OpenAI-compatible chat-completions server on 127.0.0.1, for tests.

Usage::

    with FakeOpenAI() as server:
        server.script(reply_json({"interaction_type": "help", "action": None}), http_error(500))
        config = LLMConfig(base_url=server.url, api_key="test", model=server.model)
        ...
        assert server.requests[0]["response_format"]["type"] == "json_schema"

Each ``POST /v1/chat/completions`` takes the next scripted response off the queue (an HTTP 500 saying
so when the queue is empty, unless a ``default`` responder was given). ``GET /v1/models`` lists the
one model. Every chat request body is recorded in ``.requests``, in order.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass(frozen=True)
class Scripted:
    """One canned HTTP answer: status, JSON body, and how long to stall before sending it."""

    status: int
    body: dict[str, Any]
    delay_s: float = 0.0


# A queue entry is either a fixed answer or a function of the request body (for dynamic fakes).
Responder = Callable[[dict[str, Any]], Scripted]
Entry = Scripted | Responder


def reply(
    content: str | None = None,
    *,
    refusal: str | None = None,
    reasoning: str | None = None,
    reasoning_field: str = "reasoning",
    finish_reason: str = "stop",
    model: str = "fake-model",
) -> Scripted:
    """A 200 chat completion whose one choice carries this message."""
    message: dict[str, Any] = {"role": "assistant", "content": content, "refusal": refusal}
    if reasoning is not None:
        message[reasoning_field] = reasoning
    return Scripted(
        200,
        {
            "id": "chatcmpl-fake",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": model,
            "choices": [{"index": 0, "message": message, "finish_reason": finish_reason, "logprobs": None}],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
        },
    )


def reply_json(obj: dict[str, Any]) -> Scripted:
    """Plain JSON content, as a model in JSON or structured-output mode answers."""
    return reply(json.dumps(obj))


def fenced(obj: dict[str, Any]) -> Scripted:
    """JSON wrapped in a markdown code fence with chatter around it."""
    return reply(f"Sure! Here is the command:\n```json\n{json.dumps(obj, indent=2)}\n```\nAnything else?")


def think_then(obj: dict[str, Any]) -> Scripted:
    """A reasoning model's `<think>` block, then the JSON."""
    return reply(f"<think>The streamer wants {{something}}. Let me decide.</think>\n{json.dumps(obj)}")


def in_reasoning(obj: dict[str, Any], field_name: str = "reasoning") -> Scripted:
    """Empty content with the JSON only in a `reasoning` / `reasoning_content` field."""
    thoughts = f"Thinking it over... final answer: {json.dumps(obj)}"
    return reply("", reasoning=thoughts, reasoning_field=field_name)


def refusal(text: str = "I'm sorry, I can't help with that.") -> Scripted:
    """A structured-outputs refusal: `message.refusal` set, no content."""
    return reply(None, refusal=text)


def http_error(
    status: int,
    message: str = "internal error",
    *,
    error_type: str = "server_error",
    param: str | None = None,
) -> Scripted:
    """An OpenAI-style error body with the given HTTP status (500, 429, 400, ...)."""
    return Scripted(status, {"error": {"message": message, "type": error_type, "param": param, "code": None}})


def rejects_json_schema() -> Scripted:
    """The 400 a server without structured outputs gives for `response_format: json_schema`."""
    return http_error(
        400,
        "response_format type 'json_schema' is not supported by this model",
        error_type="invalid_request_error",
        param="response_format",
    )


def slow(delay_s: float, then: Scripted | None = None) -> Scripted:
    """Stall `delay_s` seconds before answering (to outlast the client's timeout)."""
    answer = then or reply("{}")
    return Scripted(answer.status, answer.body, delay_s=delay_s)


@dataclass
class _State:
    """What the handler threads share with the test: the script and the record."""

    model: str
    default: Responder | None
    queue: deque[Entry] = field(default_factory=deque)
    requests: list[dict[str, Any]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    stopping: threading.Event = field(default_factory=threading.Event)

    def next_answer(self, body: dict[str, Any]) -> Scripted:
        with self.lock:
            self.requests.append(body)
            entry = self.queue.popleft() if self.queue else self.default
        if entry is None:
            return http_error(500, "FakeOpenAI: no scripted response left")
        return entry if isinstance(entry, Scripted) else entry(body)


class _Handler(BaseHTTPRequestHandler):
    """Speaks just enough of the chat-completions protocol for the SDK."""

    server: _Server

    def do_GET(self) -> None:  # noqa: N802 - the http.server naming
        if self.path.rstrip("/") == "/v1/models":
            model = {"id": self.server.state.model, "object": "model", "created": 0, "owned_by": "fake"}
            self._send(Scripted(200, {"object": "list", "data": [model]}))
        else:
            self._send(http_error(404, f"no route {self.path}", error_type="not_found"))

    def do_POST(self) -> None:  # noqa: N802
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length)
        if self.path.rstrip("/") != "/v1/chat/completions":
            self._send(http_error(404, f"no route {self.path}", error_type="not_found"))
            return
        try:
            body = json.loads(raw or b"{}")
        except json.JSONDecodeError:
            self._send(http_error(400, "request body is not JSON", error_type="invalid_request_error"))
            return
        answer = self.server.state.next_answer(body)
        # Interruptible, so stop() does not wait out a long stall.
        if answer.delay_s and self.server.state.stopping.wait(answer.delay_s):
            return
        self._send(answer)

    def _send(self, answer: Scripted) -> None:
        payload = json.dumps(answer.body).encode()
        try:
            self.send_response(answer.status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeout); nothing to tell it

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - signature is fixed
        """Keep test output quiet."""


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self, state: _State) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.state = state


class FakeOpenAI:
    """A local OpenAI-compatible server answering from a per-test script; records every request."""

    def __init__(self, *, model: str = "fake-model", default: Responder | None = None) -> None:
        self._state = _State(model=model, default=default)
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def model(self) -> str:
        """The model id the server lists."""
        return self._state.model

    @property
    def url(self) -> str:
        """The base URL to give an OpenAI client, e.g. ``http://127.0.0.1:PORT/v1``."""
        if self._server is None:
            raise RuntimeError("FakeOpenAI is not started")
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/v1"

    @property
    def requests(self) -> list[dict[str, Any]]:
        """The JSON body of every chat-completions request so far, oldest first."""
        with self._state.lock:
            return list(self._state.requests)

    def script(self, *entries: Entry) -> FakeOpenAI:
        """Queue answers for the next requests, in order."""
        with self._state.lock:
            self._state.queue.extend(entries)
        return self

    queue = script

    @property
    def pending(self) -> int:
        """How many scripted answers are still unused."""
        with self._state.lock:
            return len(self._state.queue)

    def start(self) -> FakeOpenAI:
        """Bind an ephemeral port and serve in a background thread."""
        if self._server is None:
            self._state.stopping.clear()
            self._server = _Server(self._state)
            # A short poll interval so stop() returns promptly.
            self._thread = threading.Thread(
                target=self._server.serve_forever, args=(0.05,), name="fake-openai", daemon=True
            )
            self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and release the port; stalled answers are abandoned."""
        if self._server is None:
            return
        self._state.stopping.set()
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = self._thread = None

    def __enter__(self) -> FakeOpenAI:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


@contextmanager
def fake_openai(**kwargs: Any) -> Iterator[FakeOpenAI]:
    """A started `FakeOpenAI` for the length of the block (handy for fixtures)."""
    with FakeOpenAI(**kwargs) as server:
        yield server
