"""The LLM settings, as the `ai` package takes them."""

from __future__ import annotations

from collections.abc import Callable

from chronicler.config.settings import Settings
from chronicler.nlp.llm import LLMConfig


def llm_config(settings: Settings) -> LLMConfig | None:
    """An LLMConfig when an endpoint and model are set, else None."""
    if not settings.llm_configured:
        return None
    return LLMConfig(
        base_url=settings.llm_base_url or "",
        api_key=settings.llm_api_key,
        model=settings.llm_model or "",
        timeout_s=settings.llm_timeout_seconds,
        budget_s=settings.llm_budget_seconds,
        response_format=settings.llm_response_format,
        max_tokens=settings.llm_max_tokens,
        warm_up=settings.llm_warm_up,
    )


def writer_for(settings: Settings) -> Callable[[str, str], str | None] | None:
    """The LLM's wording for the Steward, Hearthkeeper and Librarian, when an LLM is configured."""
    config = llm_config(settings)
    if config is None:
        return None
    from chronicler.nlp.factory import make_text_generator

    generator = make_text_generator(config)
    return None if generator is None else generator.complete
