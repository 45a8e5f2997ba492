"""Plain-text completions for chat answers, idle prompts and blog wording; None means "use a template"."""

from __future__ import annotations

import logging
from typing import Protocol

import openai

from chronicler.nlp.llm._chat import ChatClient
from chronicler.nlp.llm._extract import looks_like_refusal, strip_think
from chronicler.nlp.llm.config import LLMConfig
from chronicler.nlp.llm.errors import LLMError

logger = logging.getLogger(__name__)


class TextGenerator(Protocol):
    """Writes a short text, or returns None so the caller falls back to its template."""

    def complete(self, system: str, user: str, max_tokens: int = 120) -> str | None:
        """The model's answer with any `<think>` block removed, or None on any failure."""
        ...


class LLMText:
    """A `TextGenerator` backed by an OpenAI-compatible model."""

    def __init__(self, config: LLMConfig, *, client: openai.OpenAI | None = None) -> None:
        self._chat = ChatClient(config, client)
        self._temperature = config.text_temperature

    def complete(self, system: str, user: str, max_tokens: int = 120) -> str | None:
        """The model's answer, or None on timeout, HTTP error, refusal or an empty answer."""
        messages = [{"role": "system", "content": system}, {"role": "user", "content": user}]
        try:
            reply = self._chat.chat(messages, max_tokens=max_tokens, temperature=self._temperature)
        except LLMError as exc:
            logger.warning("text generation failed (%s)", exc.summary)
            return None
        if reply.refusal:
            logger.info("text generation refused: %s", reply.refusal)
            return None
        # A reasoning model cut off by max_tokens mid-thought leaves nothing after stripping: None.
        text = strip_think(reply.content)
        if not text or looks_like_refusal(text):
            return None
        return text

    def close(self) -> None:
        """Release the HTTP connection pool."""
        self._chat.close()
