"""The embedded PostgreSQL stops with its last user, even after an earlier user was killed."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

JOIN_THEN = """
import os, sys
from pathlib import Path
from chronicler.store.embedded import start_embedded
start_embedded(Path(sys.argv[1]))
if sys.argv[2] == "killed":
    os._exit(0)  # as SIGKILL would: no exit handler runs, the pid stays on pgserver's list
if sys.argv[2] == "waits":
    print("joined", flush=True)
    sys.stdin.readline()  # until the test says so, then an ordinary exit
"""


def _user(pg_data: Path, how: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", JOIN_THEN, str(pg_data), how], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]


def _server_running(pg_data: Path) -> bool:
    return (pg_data / "postmaster.pid").exists()


@pytest.fixture
def pg_data(tmp_path: Path) -> Iterator[Path]:
    """A fresh folder; a server the test leaves running (when it fails) is stopped after it."""
    folder = tmp_path / "pg"
    yield folder
    pid_file = folder / "postmaster.pid"
    if pid_file.exists():
        with contextlib.suppress(ProcessLookupError, ValueError):
            os.kill(int(pid_file.read_text().split()[0]), signal.SIGTERM)


def test_a_user_killed_earlier_does_not_keep_the_server_running_forever(pg_data):
    _user(pg_data, "killed")
    assert _server_running(pg_data)
    dead = json.loads((pg_data / ".handle_pids.json").read_text())
    assert len(dead) == 1  # the killed user is still listed
    _user(pg_data, "exits")  # the next user finds it dead, so it is the last one, and stops the server
    assert not _server_running(pg_data)


def test_the_last_user_stops_the_server_though_another_was_killed_while_it_ran(pg_data):
    first = subprocess.Popen(
        [sys.executable, "-c", JOIN_THEN, str(pg_data), "waits"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert first.stdout is not None and first.stdout.readline().strip() == "joined"
        _user(pg_data, "killed")  # joins while the first runs, then dies without leaving the list
        assert first.communicate("\n", timeout=120)[0] == ""
    finally:
        first.kill()
    assert first.returncode == 0
    assert not _server_running(pg_data)


def test_a_list_of_users_torn_by_a_kill_mid_write_does_not_stop_the_next_start(pg_data):
    _user(pg_data, "killed")  # leaves the server running, as a closed terminal does
    (pg_data / ".handle_pids.json").write_text("")  # pgserver truncates before it writes
    _user(pg_data, "exits")  # starts on the running server, and as its only user stops it
    assert not _server_running(pg_data)
