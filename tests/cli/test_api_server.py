"""The API server under abuse: idle connections and oversized bodies, on waitress as in production."""

from __future__ import annotations

import contextlib
import socket
import threading
import urllib.request
from collections.abc import Iterator

import pytest
from flask import Flask
from waitress.server import create_server

from chronicler.cli.serve import server_options
from chronicler.config.settings import Settings


@pytest.fixture
def served(app: Flask, settings: Settings) -> Iterator[int]:
    """The API on waitress with the product's server options, on a free port; the port."""
    options = server_options(settings.model_copy(update={"api_host": "127.0.0.1", "api_port": 0}))
    server = create_server(app, **options)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield server.effective_port  # type: ignore[union-attr]
    with contextlib.suppress(OSError):
        server.close()
    thread.join(timeout=5)


def test_two_hundred_idle_connections_do_not_stop_the_health_check(served):
    idle = [socket.create_connection(("127.0.0.1", served)) for _ in range(200)]
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{served}/health", timeout=5) as response:
            assert response.status == 200
    finally:
        for connection in idle:
            connection.close()


def test_a_body_over_the_limit_is_refused_as_it_arrives(served, settings):
    # Announce a body 4,000 times the limit and send only the headers: the answer must not wait for it.
    with socket.create_connection(("127.0.0.1", served), timeout=5) as connection:
        connection.sendall(
            b"POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            + f"Content-Length: {settings.max_body_bytes * 4000}\r\n\r\n".encode()
        )
        answer = connection.recv(4096)
    assert answer.startswith(b"HTTP/1.1 413"), answer[:100]
