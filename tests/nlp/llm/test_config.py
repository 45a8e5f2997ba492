"""LLM settings: bad values are the user's to fix and get a clear error."""

from __future__ import annotations

import pytest

from chronicler.nlp.llm import LLMConfig


def test_defaults_are_short_and_bounded() -> None:
    config = LLMConfig(base_url="http://localhost:11434/v1", model="qwen3:4b")

    assert (config.timeout_s, config.max_retries, config.response_format) == (8.0, 1, "auto")
    assert (config.budget_s, config.max_tokens) == (10.0, 200)
    assert config.rules_first and not config.warm_up
    assert config.key == "not-needed"  # keyless local servers still get a key, not the environment's


def test_api_key_is_not_in_repr() -> None:
    config = LLMConfig(base_url="https://openrouter.ai/api/v1", model="m", api_key="sk-secret")

    assert "sk-secret" not in repr(config) and config.key == "sk-secret"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"base_url": "localhost:11434"}, "base_url must start with http"),
        ({"model": "  "}, "model must not be empty"),
        ({"timeout_s": 0}, "timeout_s must be positive"),
        ({"max_retries": -1}, "max_retries must be 0 or 1"),
        ({"max_retries": 2}, "max_retries must be 0 or 1"),
        ({"budget_s": 0}, "budget_s must be positive"),
        ({"max_tokens": 4}, "max_tokens must be 16 or more"),
        ({"response_format": "xml"}, "response_format must be one of auto, json_schema, json_object"),
    ],
)
def test_bad_settings_are_rejected(overrides: dict[str, object], message: str) -> None:
    settings: dict[str, object] = {"base_url": "http://localhost:1234/v1", "model": "m"} | overrides

    with pytest.raises(ValueError, match=message):
        LLMConfig(**settings)  # type: ignore[arg-type]
