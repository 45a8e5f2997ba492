"""`chronicler parse`: the same JSON out as ever; --verbose says on stderr which parser answered and why."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from chronicler.cli.context import CliContext
from chronicler.cli.parse import parse
from chronicler.config.settings import Settings
from tests.fakes.openai_server import FakeOpenAI, http_error, reply_json


@pytest.fixture
def server() -> Iterator[FakeOpenAI]:
    with FakeOpenAI() as fake:
        yield fake


def _context(tmp_path: Path, server: FakeOpenAI | None = None) -> CliContext:
    llm = {"llm_base_url": server.url, "llm_model": server.model} if server is not None else {}
    return CliContext(Settings(app_env="test", data_dir=tmp_path, **llm))  # type: ignore[arg-type]


def test_verbose_says_the_rules_parser_answered_a_sure_dm_without_the_llm(
    tmp_path: Path, server: FakeOpenAI
) -> None:
    result = CliRunner().invoke(parse, ["--verbose", "stop chronicling"], obj=_context(tmp_path, server))

    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {"interaction_type": "session", "action": "stop"}
    assert "parser: rules;" in result.stderr and "rules parser sure" in result.stderr
    assert server.requests == []


def test_verbose_says_when_and_why_the_llm_fell_back(tmp_path: Path, server: FakeOpenAI) -> None:
    server.script(http_error(500, "the model crashed"))

    # A DM the built-in parser cannot read either ("what's new?" it now reads as a recap).
    result = CliRunner().invoke(
        parse, ["-v", "hmm, thoughts on pineapple pizza?"], obj=_context(tmp_path, server)
    )

    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["interaction_type"] == "unknown"
    assert "parser: rules (fell back)" in result.stderr
    assert "unavailable: HTTP 500: the model crashed" in result.stderr
    assert len(server.requests) == 1  # no warm-up request from a one-shot command


def test_verbose_says_the_llm_answered(tmp_path: Path, server: FakeOpenAI) -> None:
    server.script(reply_json({"command": "session.recap"}))

    result = CliRunner().invoke(parse, ["-v", "hmm, what next?"], obj=_context(tmp_path, server))

    assert json.loads(result.stdout) == {"interaction_type": "session", "action": "recap"}
    assert "parser: llm; model: fake-model; why: LLM answered; attempts: 1" in result.stderr


def test_jsonl_keeps_its_interface(tmp_path: Path) -> None:
    lines = '{"text": "stop"}\nnot json\n{"text": "turn off the steward"}\n'

    result = CliRunner().invoke(
        parse, ["--jsonl", "-", "--parser", "rules"], input=lines, obj=_context(tmp_path)
    )

    assert result.exit_code == 0 and result.stderr == ""
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert out[0] == {"interaction_type": "session", "action": "stop"}
    assert out[1]["interaction_type"] == "unknown" and out[1]["error"].startswith("not valid JSON")
    assert out[2] == {"interaction_type": "mode", "action": "disable", "mode": "steward"}


def test_jsonl_verbose_describes_each_line_on_stderr(tmp_path: Path, server: FakeOpenAI) -> None:
    lines = '{"text": "stop"}\n{"text": "help"}\n'

    result = CliRunner().invoke(
        parse, ["--jsonl", "-", "--parser", "llm", "-v"], input=lines, obj=_context(tmp_path, server)
    )

    assert result.exit_code == 0 and len(result.stdout.splitlines()) == 2
    assert result.stderr.count("parser: rules;") == 2 and server.requests == []


def test_the_llm_settings_reach_the_parser_config(tmp_path: Path) -> None:
    from chronicler.cli.llm import llm_config
    from chronicler.config.settings import load_settings

    settings = load_settings(
        {
            "LLM_BASE_URL": "http://127.0.0.1:8081/v1",
            "LLM_MODEL": "qwen2.5-coder-1.5b",
            "LLM_BUDGET_SECONDS": "6",
            "LLM_RESPONSE_FORMAT": "json_object",
            "LLM_MAX_TOKENS": "128",
            "LLM_WARM_UP": "false",
        },
        env_file=None,
    )
    config = llm_config(settings)

    assert config is not None
    assert (config.budget_s, config.response_format, config.max_tokens, config.warm_up) == (
        6.0,
        "json_object",
        128,
        False,
    )
    defaults = llm_config(load_settings({"LLM_BASE_URL": "http://h/v1", "LLM_MODEL": "m"}, env_file=None))
    assert defaults is not None and (defaults.budget_s, defaults.response_format, defaults.warm_up) == (
        10.0,
        "auto",
        True,
    )


def test_a_bad_response_format_setting_is_named() -> None:
    from chronicler.config.settings import SettingsError, load_settings

    with pytest.raises(SettingsError, match="LLM_RESPONSE_FORMAT"):
        load_settings({"LLM_RESPONSE_FORMAT": "xml"}, env_file=None)
