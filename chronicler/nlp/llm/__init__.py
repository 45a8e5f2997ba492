"""The language-model side: a command parser and a text generator for any OpenAI-compatible endpoint.

Public face:

    LLMConfig        where the model lives (base_url, api_key, model) and how patient to be
                     (budget_s per DM, timeout_s per request, max_tokens, response_format, warm_up)
    LLMParser        Parser (name "llm") with the built-in parser beside it: that answers first when
                     it is sure, grounds the model's state-changing commands, and takes over when the
                     model fails (see `chronicler.nlp.llm.parser` for the steps)
    LLMText          TextGenerator: ``complete(system, user) -> str | None``

How the model answers: `_schema` (one sub-schema per command, told apart by "command"), `_prompt`
(placeholders as example values), `_answer` (tidying: "null" is absent, slots a command cannot take
and copied example values are dropped with a note), `_ground` (a state-changing command must be
supported by the DM, else it is asked about or refused).

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
