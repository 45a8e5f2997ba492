"""`chronicler demo`: its steps against the real API, how it fails, and the whole demo as `make demo` runs."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from chronicler.bot.api_client import ApiClient, ApiUnavailable
from chronicler.cli.demo import (
    ApiReader,
    DemoFailed,
    Patience,
    chat_settled,
    converse,
    demo_settings,
    ledger_made,
    poll,
)
from chronicler.cli.serve import child_environment
from chronicler.config.settings import load_settings
from chronicler.contract.api import HealthOut, Out, SessionDetailOut
from chronicler.runtime.supervisor import Supervisor
from tests.runtime.test_supervisor import alive

ROOT = Path(__file__).resolve().parents[2]
QUICK = Patience(every=0.0, settled_polls=3, chat=0.3, ledger=5.0)


def idle() -> Supervisor:
    """A supervisor with nothing to look after (so nothing has failed)."""
    return Supervisor([])


def failed(reason: str) -> Supervisor:
    supervisor = Supervisor([])
    supervisor.failure = reason
    return supervisor


@dataclass(frozen=True)
class Counted:
    """What chat_settled reads of a session: its stored message count."""

    message_count: int


class ScriptedApi:
    """Answers GETs from a list, one per call (the last one repeated)."""

    def __init__(self, *answers: Any) -> None:
        self.answers = list(answers)

    async def get(self, model: type[Out], path: str, params: dict[str, str | int] | None = None) -> Any:
        answer = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        if isinstance(answer, Exception):
            raise answer
        return answer


# -- its pieces ------------------------------------------------------------------------------


def test_the_demo_runs_on_embedded_defaults_whatever_the_env_file_says(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text("DATABASE_URL=postgresql://me@db.example/real\nLLM_MODEL=gpt-4o\nDISCORD_TOKEN=x\n")
    settings = demo_settings(tmp_path / "demo", 18123)
    assert settings.database_url is None and settings.pg_data == tmp_path / "demo" / "pg"
    assert settings.export_path == tmp_path / "demo" / "exports"
    assert settings.api_url == "http://127.0.0.1:18123"
    # What its parts read: the same, the real database in .env notwithstanding.
    assert load_settings(child_environment(settings, base={}), env_file=env_file) == settings


async def test_chat_is_settled_when_the_count_stops_growing():
    sessions = [Counted(n) for n in (0, 0, 12, 40, 40, 40)]
    assert await chat_settled(ScriptedApi(*sessions), idle(), QUICK) == 40  # type: ignore[arg-type]


async def test_chat_is_settled_when_the_session_was_closed_meanwhile():
    api = ScriptedApi(Counted(30), None)
    assert await chat_settled(api, idle(), QUICK) == 30  # type: ignore[arg-type]


async def test_no_chat_at_all_fails_the_demo():
    with pytest.raises(DemoFailed, match="the simulated chat being stored did not happen within 0.3 s"):
        await chat_settled(ScriptedApi(Counted(0)), idle(), QUICK)  # type: ignore[arg-type]


async def test_waiting_ends_when_a_part_keeps_failing():
    with pytest.raises(DemoFailed, match="^worker keeps failing"):
        await poll(
            "anything",
            lambda: ScriptedApi(None).get(HealthOut, "/"),
            failed("worker keeps failing (exit 1)"),
            timeout=5.0,
            every=0.0,
        )


async def test_waiting_rides_out_a_part_restarting():
    api = ScriptedApi(ApiUnavailable("connection refused"), ApiUnavailable("connection refused"), {"ok": 1})
    assert await poll("the API", lambda: api.get(HealthOut, "/health"), idle(), 5.0, 0.0) == {"ok": 1}


# -- against the real API --------------------------------------------------------------------


@pytest.fixture
def wren(auth, accounts) -> dict[str, str]:
    """pixel_wren (channel #pixel_wren): the Authorization header of a fresh token."""
    user_id = auth.create("pixel_wren", twitch_channel="pixel_wren")
    return {"Authorization": f"Bearer {accounts.access.issue(user_id)[0]}"}


@pytest.fixture
async def api(live_api, wren):
    """The demo's view of the real API, as pixel_wren."""

    async def token() -> str:
        return wren["Authorization"].removeprefix("Bearer ")

    async with aiohttp.ClientSession() as session:
        yield ApiReader(ApiClient(session, live_api), token)


async def test_a_missing_thing_is_none_and_a_missing_route_fails_the_demo(api):
    assert await api.get(SessionDetailOut, "/api/sessions/current") is None
    with pytest.raises(DemoFailed, match=r"^this API has no GET /api/no-such-thing yet$"):
        await api.get(HealthOut, "/api/no-such-thing")


async def test_the_ledger_of_the_last_session(api, client, wren, db):
    session = client.post("/api/sessions", headers=wren).json
    client.post("/api/sessions/current/messages", headers=wren, json={"username": "regular", "text": "gg"})
    client.post("/api/sessions/current/end", headers=wren)
    db.execute("UPDATE stream_sessions SET finalized_at = now()")  # as the worker does when it has finished
    ledger = await ledger_made(api, idle(), QUICK)
    assert ledger.session_id == session["id"] and ledger.markdown.startswith("# Ledger · #pixel")
    assert ledger.chart_path is not None and Path(ledger.chart_path).is_file()


async def test_without_a_worker_the_demo_says_the_chat_never_came(live_api, settings, accounts, auth):
    user_id = auth.create("streamer", twitch_channel="streamer")
    lines: list[str] = []

    async def token() -> str:
        return accounts.access.issue(user_id)[0]

    with pytest.raises(DemoFailed, match="the simulated chat being stored did not happen"):
        await converse(settings.model_copy(update={"api_url": live_api}), token, idle(), lines.append, QUICK)
    assert lines[0] == "you> start chronicling tonight's stream"
    assert lines[1].startswith("Chronicling #streamer since ")


# -- the whole demo, as `make demo` runs it ------------------------------------------------------

# Until `demo` is registered in cli/main.py, the test adds it to the group itself.
DEMO = """
import sys
from chronicler.cli.demo import demo
from chronicler.cli.main import cli
cli.add_command(demo)
sys.exit(cli(["--env-file", sys.argv[1], "demo", *sys.argv[2:]]))
"""


def test_the_demo_chronicles_a_stream_prints_its_ledger_and_leaves_nothing_behind(tmp_path):
    env_file = tmp_path / ".env"  # a real database configured: the demo must not touch it
    env_file.write_text("DATABASE_URL=postgresql://nobody@127.0.0.1:1/nowhere\n")
    env = {**os.environ, "TMPDIR": str(tmp_path), "PYTHONUNBUFFERED": "1"}
    result = subprocess.run(
        [sys.executable, "-c", DEMO, str(env_file), "--minutes", "10"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=90,
    )
    out = result.stdout
    assert result.returncode == 0, out
    for expected in (
        "you> start chronicling tonight's stream",
        "Chronicling #streamer since",
        "you> show today's flagged messages",
        "you> stop",
        "Stopped chronicling #streamer",
        "The Scribe's ledger of session 1",
        "# Ledger · #streamer",
        "Demo done in",
    ):
        assert expected in out, f"{expected!r} missing:\n{out}"
    folder = Path(re.search(r"chronicled on embedded defaults in (\S+)", out)[1])  # type: ignore[index]
    assert folder.parent == tmp_path and not (folder / "pg").exists()  # the throwaway database is gone
    chart = Path(re.search(r"^Chart: (\S+)$", out, re.MULTILINE)[1])  # type: ignore[index]
    assert chart.is_file() and chart.is_relative_to(folder / "exports")
    pids = [int(pid) for pid in re.findall(r"\| started \(pid (\d+)\)", out)]
    assert len(pids) == 3 and not any(alive(pid) for pid in pids)
