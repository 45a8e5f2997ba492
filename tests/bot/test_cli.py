"""`chronicler bot` and `chronicler console` as the operator runs them (the console against the real API)."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from click.testing import CliRunner
from waitress.server import create_server

from chronicler.cli.bot import bot, console
from chronicler.cli.context import CliContext
from chronicler.config.settings import Settings


def test_the_bot_needs_a_discord_token(tmp_path):
    settings = Settings(app_env="test", data_dir=tmp_path)
    result = CliRunner().invoke(bot, [], obj=CliContext(settings))
    assert result.exit_code == 1
    assert "DISCORD_TOKEN is not set" in result.output and "chronicler console" in result.output


def test_the_llm_parser_needs_an_llm(tmp_path):
    settings = Settings(app_env="test", data_dir=tmp_path, discord_token="x" * 59)
    result = CliRunner().invoke(bot, ["--parser", "llm"], obj=CliContext(settings))
    assert result.exit_code == 1 and "needs an LLM configured" in result.output


@pytest.fixture
def served(app, settings: Settings) -> Iterator[Settings]:
    """The real API (test database) on 127.0.0.1 under waitress; settings pointing at it."""
    server = create_server(app, host="127.0.0.1", port=0, threads=2)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield settings.model_copy(update={"api_url": f"http://127.0.0.1:{server.effective_port}"})
    server.task_dispatcher.shutdown(timeout=5)
    server.close()
    thread.join(timeout=5)


def test_console_talks_to_the_api_as_the_local_streamer(served, db, accounts):
    accounts.register("pixel_wren", "correct horse", twitch_channel="pixel_wren")
    result = CliRunner().invoke(
        console,
        ["--parser", "rules"],
        obj=CliContext(served, _db=db),
        input="start chronicling\nare you chronicling?\n",
    )
    assert result.exit_code == 0, result.output
    assert "as pixel_wren, through the API at http://127.0.0.1:" in result.output
    assert "Chronicling #pixel_wren since " in result.output


def test_console_needs_a_known_user_and_a_running_api(settings, db, accounts, closed_url):
    unknown = CliRunner().invoke(console, ["--user", "nobody"], obj=CliContext(settings, _db=db))
    assert unknown.exit_code == 1 and "no user named 'nobody'" in unknown.output
    none = CliRunner().invoke(console, [], obj=CliContext(settings, _db=db))
    assert none.exit_code == 1 and "chronicler user add" in none.output
    accounts.register("pixel_wren", "correct horse")
    down = settings.model_copy(update={"api_url": closed_url})
    result = CliRunner().invoke(console, [], obj=CliContext(down, _db=db))
    assert result.exit_code == 1 and "start it with `chronicler run` first" in result.output
