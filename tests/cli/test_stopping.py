"""The services `chronicler run` supervises stop cleanly on SIGINT even while they are still starting."""

from __future__ import annotations

import gc
import subprocess
import sys
from collections.abc import Iterator

import pytest
from click.testing import CliRunner

from cli.context import CliContext
from cli.scheduler import scheduler
from cli.serve import api
from cli.twitch import twitch
from core.db import Database


class _StoppedWhileOpeningTheDatabase(CliContext):
    """As if SIGINT came while the embedded PostgreSQL was starting (it takes seconds)."""

    @property
    def db(self) -> Database:
        raise KeyboardInterrupt


@pytest.fixture
def interpreter_settings_restored() -> Iterator[None]:
    """The worker tunes the interpreter for ingest (GC, switch interval): undone for the tests after this one."""
    threshold, interval = gc.get_threshold(), sys.getswitchinterval()
    yield
    gc.unfreeze()
    gc.set_threshold(*threshold)
    sys.setswitchinterval(interval)


@pytest.mark.parametrize(("command", "said"), [(api, "API stopped"), (scheduler, "scheduler stopped")])
def test_a_service_stopped_while_starting_says_so_and_exits_0(settings, command, said):
    result = CliRunner().invoke(command, [], obj=_StoppedWhileOpeningTheDatabase(settings))

    assert result.exit_code == 0 and said in result.output
    assert "Aborted" not in result.output


@pytest.mark.usefixtures("interpreter_settings_restored")
def test_the_worker_stopped_while_starting_says_so_and_exits_0(settings):
    result = CliRunner().invoke(twitch, [], obj=_StoppedWhileOpeningTheDatabase(settings))

    assert result.exit_code == 0 and "worker stopped" in result.output
    assert "Aborted" not in result.output


def test_the_parts_run_as_python_m_cli():
    done = subprocess.run([sys.executable, "-m", "cli", "--help"], capture_output=True, text=True, timeout=60)

    assert done.returncode == 0 and done.stdout.startswith("Usage: chronicler ")
