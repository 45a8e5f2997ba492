"""An error raised on purpose reaches the operator as one line and exit status 1, not a traceback."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path


def _db_upgrade(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """`chronicler db upgrade` in a process of its own, with these settings and no .env file."""
    return subprocess.run(
        [sys.executable, "-m", "chronicler", "--env-file", str(tmp_path / "none.env"), "db", "upgrade"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "DATA_DIR": str(tmp_path / "data"), **env},
    )


def test_an_embedded_postgresql_that_cannot_start_is_one_clear_line(tmp_path: Path) -> None:
    taken = tmp_path / "not-a-database"
    taken.mkdir()
    (taken / "notes.txt").write_text("someone else's folder\n")  # initdb refuses a folder with files
    done = _db_upgrade(tmp_path, PG_DATA_DIR=str(taken), DATABASE_URL="")
    assert done.returncode == 1
    assert f"Error: could not start the embedded PostgreSQL in {taken}" in done.stderr
    assert "Traceback" not in done.stderr
    assert (taken / "notes.txt").read_text() == "someone else's folder\n"  # nothing lost


def test_a_database_that_cannot_be_reached_is_one_line_without_its_password(tmp_path: Path) -> None:
    with socket.socket() as probe:  # a loopback port nothing listens on: bound, then let go
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"postgresql://streamer:hunter2-secret@127.0.0.1:{port}/chronicler"
    done = _db_upgrade(tmp_path, DATABASE_URL=url)
    assert done.returncode == 1
    assert done.stderr.startswith("Error: cannot reach the database: ")
    assert f"port {port}" in done.stderr
    assert "Traceback" not in done.stderr
    assert "hunter2-secret" not in done.stderr + done.stdout
