"""The LLM settings, as the `ai` package takes them."""

from __future__ import annotations

from ai.llm import LLMConfig
from config.settings import Settings


def llm_config(settings: Settings) -> LLMConfig | None:
    """An LLMConfig when an endpoint and model are set, else None."""
    if not settings.llm_configured:
        return None
    return LLMConfig(base_url=settings.llm_base_url or "", api_key=settings.llm_api_key,
                     model=settings.llm_model or "", timeout_s=settings.llm_timeout_seconds)
