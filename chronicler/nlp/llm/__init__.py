"""The language-model side: a command parser and a text generator for any OpenAI-compatible endpoint.

Public face:

    LLMConfig        where the model lives (base_url, api_key, model) and how patient to be
    LLMParser        Parser (name "llm") with a fallback parser for when the model fails
    LLMText          TextGenerator: ``complete(system, user) -> str | None``

Errors (internal; the parser and text client catch them and fall back, so callers see none) are
drawn in `chronicler.nlp.llm.errors`: `LLMError` is their base, `LLMUnavailable` the transient one.

Bad settings (a non-http base_url, an empty model, ...) are the user's to fix: ``LLMConfig`` raises
``ValueError`` for them.
"""

from chronicler.nlp.llm.config import LLMConfig, ResponseFormat
from chronicler.nlp.llm.errors import (
    FormatUnsupported,
    LLMBadOutput,
    LLMError,
    LLMRefused,
    LLMTimeout,
    LLMUnavailable,
)
from chronicler.nlp.llm.parser import LLMParser
from chronicler.nlp.llm.text import LLMText, TextGenerator

__all__ = [
    "FormatUnsupported",
    "LLMBadOutput",
    "LLMConfig",
    "LLMError",
    "LLMParser",
    "LLMRefused",
    "LLMText",
    "LLMTimeout",
    "LLMUnavailable",
    "ResponseFormat",
    "TextGenerator",
]
