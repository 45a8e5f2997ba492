"""Choosing the parser and text generator from settings."""

from __future__ import annotations

import pytest

from chronicler.nlp.factory import make_parser, make_text_generator
from chronicler.nlp.llm import LLMConfig, LLMParser, LLMText

CONFIG = LLMConfig(base_url="http://127.0.0.1:9/v1", model="m", timeout_s=1.0)


def test_llm_without_config_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="needs an LLM configured"):
        make_parser("llm", None)


def test_unknown_kind_is_rejected() -> None:
    with pytest.raises(ValueError, match="parser must be one of rules, llm, auto"):
        make_parser("gpt", CONFIG)  # type: ignore[arg-type]


@pytest.fixture
def rule_parser() -> type:
    return pytest.importorskip("chronicler.nlp.rules", reason="ai.rules is written separately").RuleParser


def test_rules(rule_parser: type) -> None:
    assert isinstance(make_parser("rules", CONFIG), rule_parser)


def test_auto_without_llm_is_rules(rule_parser: type) -> None:
    assert isinstance(make_parser("auto", None), rule_parser)


@pytest.mark.parametrize("kind", ["auto", "llm"])
def test_llm_with_rules_fallback(rule_parser: type, kind: str, dead_url: str) -> None:
    config = LLMConfig(base_url=dead_url, model="m", timeout_s=1.0)

    parser = make_parser(kind, config)  # type: ignore[arg-type]

    assert isinstance(parser, LLMParser) and parser.name == "llm"
    result = parser.parse("hmm, what next?")  # not sure to the rules; nothing listens there: falls back
    assert result.fell_back and result.parser == "rules"


def test_text_generator() -> None:
    assert make_text_generator(None) is None
    assert isinstance(make_text_generator(CONFIG), LLMText)
