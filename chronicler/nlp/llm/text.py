"""Plain-text completions for chat answers, idle prompts and blog wording; None means "use a template".

Small models dress their answer up: `Assistant: "Welcome in!"`, a pair of quotes, or the system
prompt repeated back. The dressing is taken off here, and an echoed prompt counts as no answer, so
what reaches the caller is the words themselves (which the caller still vets before posting).
"""

from __future__ import annotations

import logging
import re
from typing import Protocol

import openai

from chronicler.nlp.llm._chat import ChatClient
from chronicler.nlp.llm._extract import looks_like_refusal, strip_think
from chronicler.nlp.llm.config import LLMConfig
from chronicler.nlp.llm.errors import LLMError

logger = logging.getLogger(__name__)

# A speaker's label in front of the answer, as chat-tuned models like to write one.
_LABEL = re.compile(
    r"^\s*\**\s*(?:assistant|bot|chat ?bot|ai|reply|response|answer|message|output|steward|hearthkeeper"
    r"|helper|prompt)\s*\**\s*[:：]\s*\**\s*",
    re.IGNORECASE,
)
_QUOTE_PAIRS = (('"', '"'), ("“", "”"), ("'", "'"), ("«", "»"), ("„", "“"), ("‘", "’"))
# How much of the system prompt, found in the answer, means the model read its instructions back.
_ECHO_CHARS = 40


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
        text = tidy(strip_think(reply.content))
        if not text or looks_like_refusal(text):
            return None
        if echoes(system, text):
            logger.info("text generation repeated its instructions; using the template")
            return None
        return text

    def close(self) -> None:
        """Release the HTTP connection pool."""
        self._chat.close()


def tidy(text: str) -> str:
    """The answer without a speaker's label ("Assistant:") or quotes wrapped around the whole of it."""
    text = text.strip()
    for _ in range(2):  # `Reply: "..."`: a label, then quotes
        text = _LABEL.sub("", text, count=1).strip()
        for opening, closing in _QUOTE_PAIRS:
            inner = text[len(opening) : -len(closing)]
            if (
                len(text) >= 2
                and text.startswith(opening)
                and text.endswith(closing)
                and opening not in inner
            ):
                text = inner.strip()
                break
    return text


def echoes(system: str, text: str) -> bool:
    """True when the answer repeats a stretch of the system prompt: instructions, not an answer."""
    prompt = " ".join(system.lower().split())
    answer = " ".join(text.lower().split())
    if len(prompt) < _ECHO_CHARS or len(answer) < _ECHO_CHARS:
        return False
    return any(
        prompt[start : start + _ECHO_CHARS] in answer for start in range(0, len(prompt) - _ECHO_CHARS + 1, 10)
    )
