"""A local stand-in for Discord's webhook endpoint on 127.0.0.1, for tests.

Usage::

    with FakeDiscordWebhook() as discord:
        discord.script(Reply.rate_limited(0.5), Reply.error(500))   # then 200s
        client = WebhookClient(allow_insecure_local=True, sleep=waits.append)
        client.post(discord.url, content=None, embeds=[...], files=[("ledger.md", b"...", "text/markdown")],
                    idempotency_key="s12")
        [message] = discord.messages
        assert message.payload["embeds"][0]["footer"]["text"] == "ledger #s12"
        assert message.file("ledger.md").data == b"..."

It answers ``POST /api/webhooks/<id>/<token>`` like Discord: multipart/form-data with ``payload_json``
and ``files[n]`` (or a JSON body), 200 with the message object when ``?wait=true``, else 204.
Each request to a known webhook takes the next scripted `Reply` (200 once the script is used up);
an unknown id or token, or a webhook removed with `delete()`, gets 404 "Unknown Webhook".
Every request is recorded in `.received`, with the status it got; `.messages` holds the ones
that were posted (what the Discord channel would show).
"""

from __future__ import annotations

import itertools
import json
import math
import re
import secrets
import select
import socket
import threading
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import parse_qsl, urlsplit

_PATH = re.compile(r"^/api(?:/v\d+)?/webhooks/(?P<id>[^/]+)/(?P<token>[^/]+)/?$")
_CHANNEL_ID = "1100000000000000001"


@dataclass(frozen=True)
class Reply:
    """One scripted answer: an HTTP status, after an optional stall."""

    status: int = 200
    retry_after: float | None = None  # for 429: seconds, in the body and the Retry-After header
    delay_s: float = 0.0  # stall before answering (a 2xx still posts the message, as Discord would)
    receive_delay_s: float = 0.0  # stall before reading the body: a sender cut off meanwhile posts nothing

    @classmethod
    def ok(cls) -> Reply:
        """Post the message normally."""
        return cls(200)

    @classmethod
    def rate_limited(cls, retry_after: float) -> Reply:
        """429 with Discord's rate-limit body."""
        return cls(429, retry_after=retry_after)

    @classmethod
    def error(cls, status: int = 500) -> Reply:
        """Any error status: 500, 502, 400, 401..."""
        return cls(status)

    @classmethod
    def gone(cls) -> Reply:
        """404 Unknown Webhook, as after the streamer deletes it."""
        return cls(404)

    @classmethod
    def slow(cls, delay_s: float, status: int = 200) -> Reply:
        """Answer `status` only after `delay_s` seconds."""
        return cls(status, delay_s=delay_s)

    @classmethod
    def slow_to_receive(cls, delay_s: float) -> Reply:
        """Take `delay_s` seconds before reading the request.

        A sender that dies meanwhile creates no message.
        """
        return cls(200, receive_delay_s=delay_s)


@dataclass(frozen=True)
class ReceivedFile:
    """One uploaded attachment."""

    field: str  # "files[0]"
    filename: str
    content_type: str
    data: bytes


@dataclass(frozen=True)
class ReceivedRequest:
    """One request as the fake saw it, and how it answered."""

    webhook_id: str
    token: str
    query: dict[str, str]
    headers: dict[str, str]
    payload: dict[str, Any] | None  # the parsed payload_json (or JSON body); None if unreadable
    files: tuple[ReceivedFile, ...]
    status: int
    message_id: str | None = None

    def file(self, filename: str) -> ReceivedFile:
        """The attachment with this file name."""
        for received in self.files:
            if received.filename == filename:
                return received
        raise KeyError(f"no attachment named {filename!r}; got {[f.filename for f in self.files]}")


@dataclass
class _Webhook:
    token: str
    deleted: bool = False


@dataclass
class _State:
    webhooks: dict[str, _Webhook] = field(default_factory=dict)
    script: deque[Reply] = field(default_factory=deque)
    received: list[ReceivedRequest] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1200000000000000001))
    closing: threading.Event = field(default_factory=threading.Event)
    started: int = 0  # requests whose headers arrived, whatever became of them


class FakeDiscordWebhook:
    """A scripted Discord webhook server on an ephemeral 127.0.0.1 port, run in a thread."""

    def __init__(self, *, webhook_id: str = "1234567890123456789", token: str | None = None) -> None:
        self._state = _State()
        self._default_id = webhook_id
        self._default_token = token or secrets.token_urlsafe(51)  # 68 characters, like Discord's
        self._state.webhooks[webhook_id] = _Webhook(self._default_token)
        self._server = _Server(self._state)
        # A short poll interval keeps close() quick; the default makes every test wait half a second.
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.02},
            name="fake-discord",
            daemon=True,
        )
        self._thread.start()

    @property
    def base_url(self) -> str:
        """http://127.0.0.1:<port>"""
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def url(self) -> str:
        """The URL of the webhook the fake starts with."""
        return f"{self.base_url}/api/webhooks/{self._default_id}/{self._default_token}"

    @property
    def token(self) -> str:
        """The default webhook's token (to check it never shows up where it should not)."""
        return self._default_token

    def url_for(self, webhook_id: str, token: str | None = None) -> str:
        """Create another webhook (a token is made up if not given) and return its URL."""
        token = token or secrets.token_urlsafe(51)
        with self._state.lock:
            self._state.webhooks[webhook_id] = _Webhook(token)
        return f"{self.base_url}/api/webhooks/{webhook_id}/{token}"

    def delete(self, webhook_id: str | None = None) -> None:
        """Delete a webhook, as the streamer might in Discord: it answers 404 from now on."""
        with self._state.lock:
            self._state.webhooks[webhook_id or self._default_id].deleted = True

    def script(self, *replies: Reply | int) -> None:
        """Queue answers for the next requests; a bare int is a status. 200 once the queue is empty."""
        with self._state.lock:
            self._state.script.extend(Reply(r) if isinstance(r, int) else r for r in replies)

    @property
    def received(self) -> list[ReceivedRequest]:
        """Every request so far, in order, each with the status it got."""
        with self._state.lock:
            return list(self._state.received)

    @property
    def requests_started(self) -> int:
        """Requests that reached the server (their headers), including ones cut off before the body."""
        with self._state.lock:
            return self._state.started

    @property
    def messages(self) -> list[ReceivedRequest]:
        """The requests that posted a message (answered 2xx)."""
        return [request for request in self.received if 200 <= request.status < 300]

    def close(self) -> None:
        """Stop serving; stalled replies are cut short."""
        self._state.closing.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> FakeDiscordWebhook:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


class _Server(ThreadingHTTPServer):
    daemon_threads = True  # a stalled reply must not hold up close()

    def __init__(self, state: _State) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.state = state


def _hung_up(sock: socket.socket) -> bool:
    """True when the other side has closed the connection (EOF waiting to be read)."""
    readable, _, _ = select.select([sock], [], [], 0)
    if not readable:
        return False
    try:
        return sock.recv(1, socket.MSG_PEEK) == b""
    except OSError:
        return True


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass  # keep test output quiet

    def do_POST(self) -> None:  # noqa: N802 - the name http.server dispatches to
        state = self.server.state
        split = urlsplit(self.path)
        match = _PATH.match(split.path)
        if match is None:
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self._send(404, {"message": "404: Not Found", "code": 0})
            return
        webhook_id, token = match["id"], match["token"]
        with state.lock:
            webhook = state.webhooks.get(webhook_id)
            known = webhook is not None and webhook.token == token and not webhook.deleted
            reply = (state.script.popleft() if state.script else Reply()) if known else Reply(404)
            state.started += 1
        if reply.receive_delay_s:
            state.closing.wait(reply.receive_delay_s)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length)
        if len(body) < length or (reply.receive_delay_s and _hung_up(self.connection)):
            return  # the sender went away before the request was taken in: nothing was posted
        payload, files = _parse_body(self.headers.get("Content-Type", ""), body)
        if reply.delay_s:
            state.closing.wait(reply.delay_s)

        status, answer, headers = _answer(reply, payload, files, webhook_id, state)
        query = dict(parse_qsl(split.query))
        if 200 <= status < 300 and query.get("wait", "").lower() != "true":
            status, answer = 204, None
        message_id = answer.get("id") if isinstance(answer, dict) and status == 200 else None
        with state.lock:
            state.received.append(
                ReceivedRequest(
                    webhook_id=webhook_id,
                    token=token,
                    query=query,
                    headers=dict(self.headers.items()),
                    payload=payload,
                    files=files,
                    status=status,
                    message_id=message_id,
                )
            )
        self._send(status, answer, headers)

    def _send(self, status: int, body: dict[str, Any] | None, headers: dict[str, str] | None = None) -> None:
        data = b"" if body is None else json.dumps(body).encode()
        try:
            self.send_response(status)
            if body is not None:
                self.send_header("Content-Type", "application/json")
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up waiting (a timeout test); nothing to tell it


def _answer(
    reply: Reply,
    payload: dict[str, Any] | None,
    files: tuple[ReceivedFile, ...],
    webhook_id: str,
    state: _State,
) -> tuple[int, dict[str, Any] | None, dict[str, str]]:
    if reply.status == 429:
        retry_after = reply.retry_after if reply.retry_after is not None else 1.0
        return (
            429,
            {"message": "You are being rate limited.", "retry_after": retry_after, "global": False},
            {
                "Retry-After": str(math.ceil(retry_after)),
                "X-RateLimit-Scope": "shared",
            },
        )
    if reply.status == 404:
        return 404, {"message": "Unknown Webhook", "code": 10015}, {}
    if reply.status in (401, 403):
        return reply.status, {"message": "Invalid Webhook Token", "code": 50027}, {}
    if reply.status >= 400:
        return reply.status, {"message": f"scripted {reply.status}", "code": 0}, {}
    if payload is None:
        return 400, {"message": "The request body contains invalid JSON.", "code": 50109}, {}
    if not (payload.get("content") or payload.get("embeds") or files):
        return 400, {"message": "Cannot send an empty message", "code": 50006}, {}
    with state.lock:
        message_id = str(next(state.ids))
    return (
        reply.status,
        {
            "id": message_id,
            "type": 0,
            "channel_id": _CHANNEL_ID,
            "webhook_id": webhook_id,
            "content": payload.get("content", ""),
            "embeds": payload.get("embeds", []),
            "attachments": [
                {"id": str(n), "filename": f.filename, "size": len(f.data), "content_type": f.content_type}
                for n, f in enumerate(files)
            ],
        },
        {},
    )


def _parse_body(content_type: str, body: bytes) -> tuple[dict[str, Any] | None, tuple[ReceivedFile, ...]]:
    """The payload and the files of a JSON or multipart/form-data body."""
    if content_type.startswith("application/json"):
        return _json_object(body), ()
    boundary = re.search(r'boundary="?([^";]+)"?', content_type)
    if not content_type.startswith("multipart/form-data") or boundary is None:
        return None, ()
    payload: dict[str, Any] | None = None
    files: list[ReceivedFile] = []
    delimiter = b"--" + boundary[1].encode()
    # Parsed by hand rather than with email.parser, which may rewrite line endings in binary parts.
    for part in body.split(delimiter)[1:]:
        if part.startswith(b"--"):
            break
        head, _, data = part.removeprefix(b"\r\n").partition(b"\r\n\r\n")
        data = data.removesuffix(b"\r\n")
        headers = dict(
            (name.strip().lower(), value.strip())
            for name, _, value in (line.partition(":") for line in head.decode("utf-8").split("\r\n"))
        )
        disposition = headers.get("content-disposition", "")
        name = _param(disposition, "name")
        filename = _param(disposition, "filename")
        if name == "payload_json":
            payload = _json_object(data)
        elif filename is not None and name is not None:
            files.append(ReceivedFile(name, filename, headers.get("content-type", ""), data))
    return payload, tuple(files)


def _param(disposition: str, key: str) -> str | None:
    match = re.search(rf'(?:^|;)\s*{key}="([^"]*)"', disposition)
    return match[1] if match else None


def _json_object(data: bytes) -> dict[str, Any] | None:
    try:
        value = json.loads(data)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None
