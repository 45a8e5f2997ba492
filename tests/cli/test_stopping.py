"""The parts `chronicler run` supervises leave quietly on SIGINT even while they are still starting."""

from __future__ import annotations

import gc
import subprocess
import sys
from collections.abc import Iterator

import pytest
from click.testing import CliRunner

from chronicler.cli.context import CliContext
from chronicler.cli.scheduler import scheduler
from chronicler.cli.serve import api
from chronicler.cli.twitch import twitch
from chronicler.config.settings import Settings
from chronicler.store import Database


def _interrupted(settings: Settings) -> Database:
    """As if SIGINT came while the embedded PostgreSQL was starting (it takes seconds)."""
    raise KeyboardInterrupt


@pytest.fixture
def interpreter_settings_restored() -> Iterator[None]:
    """The worker tunes the interpreter for ingest (GC, switch interval).

    Undone for the tests after this one.
    """
    threshold, interval = gc.get_threshold(), sys.getswitchinterval()
    yield
    gc.unfreeze()
    gc.set_threshold(*threshold)
    sys.setswitchinterval(interval)


@pytest.mark.usefixtures("interpreter_settings_restored")
@pytest.mark.parametrize("command", [api, scheduler, twitch], ids=["api", "scheduler", "worker"])
def test_a_part_stopped_while_opening_the_database_leaves_quietly(settings, command):
    result = CliRunner().invoke(command, [], obj=CliContext(settings, opener=_interrupted))

    assert result.exit_code == 130  # as for any program interrupted by Ctrl-C
    assert "Aborted" not in result.output and "Traceback" not in result.output


def test_the_parts_run_as_python_m_cli():
    done = subprocess.run(
        [sys.executable, "-m", "chronicler", "--help"], capture_output=True, text=True, timeout=60
    )

    assert done.returncode == 0 and done.stdout.startswith("Usage: chronicler ")
