"""`chronicler run`: preparing the machine, the parts it supervises, the chat ticker, the command itself."""

from __future__ import annotations

import os
import queue
import re
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from chronicler.cli.context import CliContext
from chronicler.cli.serve import (
    ChatTicker,
    chat_status,
    child_environment,
    prepare,
    product_children,
    refuse_a_busy_port,
    worker_argv,
)
from chronicler.cli.serve import run as run_command
from chronicler.config.settings import load_settings
from tests.bot.pty_terminal import PtyTerminal
from tests.runtime.test_supervisor import alive

ROOT = Path(__file__).resolve().parents[2]
TWITCH = {
    "twitch_client_id": "id",
    "twitch_client_secret": "secret",
    "twitch_bot_user_id": "1",
    "twitch_access_token": "token",
}


def test_children_see_exactly_our_settings_whatever_the_env_file_says(settings, tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text("DATABASE_URL=postgresql://someone@db.example/real\nLLM_MODEL=gpt-4o\nAPI_PORT=99\n")
    ours = settings.model_copy(update={"api_port": 18080, "api_url": "http://127.0.0.1:18080"})
    env = child_environment(ours, base={"PATH": "/usr/bin"})
    assert env["PATH"] == "/usr/bin" and env["DATABASE_URL"] == "" and env["JWT_SECRET"] == ours.jwt_secret
    assert load_settings(env, env_file=env_file) == ours


def test_the_parts_on_embedded_defaults(settings):
    children = {
        child.name: child for child in product_children(settings, worker=worker_argv(settings), quiet={"api"})
    }
    assert list(children) == ["api", "worker", "scheduler"]
    assert children["worker"].argv[1:] == ["-m", "chronicler", "simulate", "--speed", "20"]
    assert children["api"].argv[1:] == ["-m", "chronicler", "api"] and children["api"].quiet
    assert not children["worker"].quiet and children["scheduler"].env == children["api"].env


def test_the_parts_with_real_credentials(settings):
    real = settings.model_copy(update={**TWITCH, "discord_token": "x" * 59})
    children = {child.name: child for child in product_children(real, worker=worker_argv(real))}
    assert list(children) == ["api", "worker", "scheduler", "bot"]
    assert children["worker"].argv[-1] == "twitch" and children["bot"].argv[-1] == "bot"


def test_prepare_creates_the_local_streamer_once(settings, db):
    first = prepare(CliContext(settings, _db=db))
    assert first.user.username == "streamer" and first.password is not None
    # No Twitch: the chat is synthetic, and "start chronicling tonight's stream" needs a channel.
    assert first.user.twitch_channel == "streamer"
    again = prepare(CliContext(settings, _db=db))
    assert again.password is None and again.user.id == first.user.id


def test_prepare_with_twitch_leaves_the_channel_to_the_streamer(settings, db):
    prepared = prepare(CliContext(settings.model_copy(update=TWITCH), _db=db))
    assert prepared.password is not None and prepared.user.twitch_channel is None


def test_the_ticker_counts_messages_and_flags_then_says_where_the_ledger_is(
    live_api, accounts, client, auth, db, settings
):
    user_id = auth.create("pixel_wren", twitch_channel="pixel_wren")
    token = accounts.access.issue(user_id)[0]
    ticker = ChatTicker(live_api, lambda: token, print)
    assert ticker.look() is None  # nothing chronicled yet
    headers = {"Authorization": f"Bearer {token}"}
    assert client.post("/api/sessions", headers=headers).status_code == 201
    for text, first in (("gg that was clean", False), ("Best viewers on streamboo .com", True)):
        sent = client.post(
            "/api/sessions/current/messages",
            headers=headers,
            json={"username": "someone_new" if first else "regular", "text": text, "first_message": first},
        )
        assert sent.status_code == 201, sent.json
    assert ticker.look() == "#pixel_wren: 2 messages, 1 flagged"
    # At the console's prompt, the same counts as its status line.
    assert chat_status(ticker.live, api_ok=True) == "live: #pixel_wren · 2 msgs · 1 flag · API ok"

    client.post("/api/sessions/current/end", headers=headers)
    assert ticker.look() is None  # the worker is still finishing the session
    assert chat_status(ticker.live, api_ok=False) == "not chronicling · API not answering"
    db.execute("UPDATE stream_sessions SET finalized_at = now()")
    folder = settings.export_path / "pixel_wren" / "session-1"
    ledger = ticker.look()
    assert ledger == f"the ledger of #pixel_wren is in {folder / 'ledger.md'} (chart: {folder / 'chart.png'})"
    assert ticker.look() is None  # said once


def test_run_refuses_a_port_in_use(settings):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        busy = settings.model_copy(update={"api_port": port})
        result = CliRunner().invoke(run_command, [], obj=CliContext(busy))
    assert result.exit_code == 1
    assert f"127.0.0.1:{port} is in use" in result.output and "API_PORT" in result.output


def test_connections_left_in_time_wait_by_a_stopped_run_do_not_hold_the_port(settings):
    with socket.socket() as listener:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as waitress listens
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        client = socket.create_connection(("127.0.0.1", port))
        accepted, _ = listener.accept()
        accepted.close()  # the server's side closes first, so its end waits in TIME-WAIT
        client.close()
    free = settings.model_copy(update={"api_port": port})
    refuse_a_busy_port(free)  # raises when the port is taken


# -- the command, as a process -----------------------------------------------------------------


@pytest.fixture
def product(database_url, db, tmp_path) -> Iterator[dict[str, str]]:
    """The environment for `chronicler run` on the test database, in a temp folder, on a free port."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    yield {
        **os.environ,
        "DATABASE_URL": database_url,
        "DATA_DIR": str(tmp_path / "data"),
        "EXPORT_PATH": str(tmp_path / "exports"),
        "API_PORT": str(port),
        "API_URL": f"http://127.0.0.1:{port}",
        "BCRYPT_ROUNDS": "4",
        "PYTHONUNBUFFERED": "1",
    }


class Run:
    """`chronicler run ARGS` in its own process group, as a terminal starts it; output read by a thread."""

    def __init__(self, env: dict[str, str], tmp_path: Path, *args: str) -> None:
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "chronicler.cli.main",
                "--env-file",
                str(tmp_path / "none.env"),
                "run",
                *args,
            ],
            env=env,
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        self.lines: list[str] = []
        self._queue: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self._queue.put(line)
        self._queue.put(None)

    def type(self, line: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()

    def until(self, text: str, timeout: float = 60) -> None:
        """Wait for an output line containing `text`."""
        while True:
            try:
                line = self._queue.get(timeout=timeout)
            except queue.Empty:
                raise AssertionError(f"no {text!r} within {timeout} s:\n{self.output}") from None
            assert line is not None, f"ended before {text!r}:\n{self.output}"
            self.lines.append(line)
            if text in line:
                return

    def finish(self, timeout: float = 30) -> int:
        """Wait for the exit (killing the group if it hangs) and the last output; the exit status."""
        try:
            self.process.wait(timeout=timeout)
        finally:
            if self.process.poll() is None:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        while (line := self._queue.get(timeout=timeout)) is not None:
            self.lines.append(line)
        for pipe in (self.process.stdin, self.process.stdout):
            if pipe is not None:
                pipe.close()
        return self.process.returncode

    @property
    def output(self) -> str:
        return "".join(self.lines)

    def child_pids(self) -> list[int]:
        return [int(line.split("(pid ")[1].rstrip(")\n")) for line in self.lines if "| started (pid " in line]


def test_run_holds_the_conversation_in_the_terminal_until_ctrl_c(product, tmp_path, db):
    run = Run(product, tmp_path)
    run.until("Created the local user 'streamer' with password: ")
    run.until("chat starts flowing (synthetic, 20× real time)")
    run.until("Chronicler console")
    run.type("start chronicling tonight's stream")
    run.until("Chronicling #streamer since")
    pids = run.child_pids()
    os.killpg(run.process.pid, signal.SIGINT)  # Ctrl-C: the terminal signals its whole foreground group
    assert run.finish() == 0, run.output
    assert len(pids) == 3 and "stopped." in run.output and not any(alive(pid) for pid in pids)
    assert "api       | API on" not in run.output  # quiet while the console has the terminal...
    assert "API on http://127.0.0.1:" in (tmp_path / "data" / "logs" / "api.log").read_text()  # ...but logged
    assert db.select_one("stream_sessions", {"channel": "streamer"})["status"] == "active"


def test_run_at_a_terminal_keeps_its_prompt_and_counts_on_a_status_line(product, tmp_path):
    terminal = PtyTerminal(rows=40, columns=160)
    process = subprocess.Popen(
        [sys.executable, "-m", "chronicler.cli.main", "--env-file", str(tmp_path / "none.env"), "run"],
        env={**product, "TERM": "xterm"},
        cwd=ROOT,
        stdin=terminal.slave,
        stdout=terminal.slave,
        stderr=terminal.slave,
        start_new_session=True,
    )
    try:
        # A part's log line may come between the banner and the prompt (the prompt is redrawn under it).
        at = terminal.until(r"Chronicler console[\s\S]*?you>", timeout=60, process=process)
        terminal.type("start chronicling tonight's stream\r")
        terminal.until("Chronicling #streamer since", after=at, process=process)
        # The worker's lines come while the prompt waits (above it), and the counts under it.
        terminal.until(r"worker +\| .*#streamer went live", after=at, process=process)
        terminal.until("live: #streamer", after=at, process=process)  # and redrawn in place from then on
        terminal.type("show fl")
        terminal.type("\x03")  # Ctrl-C, as a key: the terminal is raw while the prompt waits
        assert process.wait(timeout=30) == 0, terminal.text
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        terminal.close()
    text = terminal.text
    pids = [int(pid) for pid in re.findall(r"\| started \(pid (\d+)\)", text)]
    assert "stopping…" in text and "stopped." in text and "Traceback" not in text
    assert len(pids) == 3 and not any(alive(pid) for pid in pids)
    assert not re.search(r"chat +\| #streamer: ", text)  # the counts stayed on the status line
