"""Why a call to the language model failed; the parser and text client turn these into fallbacks.

    LLMError                 any failure of the model endpoint or its answer
    ├── LLMUnavailable       no usable HTTP answer: connection refused, HTTP 4xx/5xx, 429
    │   ├── LLMTimeout       no answer within the configured timeout
    │   └── FormatUnsupported  the server rejected our `response_format` (400/422)
    ├── LLMRefused           the model declined (``message.refusal`` or an "I can't help" answer)
    └── LLMBadOutput         an answer, but not a valid command (no JSON, wrong shape)

None of these is the streamer's fault: a DM the parser cannot read becomes an ``unknown`` command,
never an exception.
"""

from __future__ import annotations

_MAX_DETAIL = 240


class LLMError(Exception):
    """The model endpoint or its answer failed us."""

    kind = "error"  # short tag used in ParseResult.errors

    def __init__(self, detail: str) -> None:
        detail = " ".join(detail.split())
        super().__init__(detail if len(detail) <= _MAX_DETAIL else detail[: _MAX_DETAIL - 1] + "…")

    @property
    def summary(self) -> str:
        """A short ``kind: detail`` line for the audit trail."""
        return f"{self.kind}: {self}"


class LLMUnavailable(LLMError):
    """No usable HTTP answer (connection failure or an error status)."""

    kind = "unavailable"


class LLMTimeout(LLMUnavailable):
    """No answer within the configured timeout."""

    kind = "timeout"


class FormatUnsupported(LLMUnavailable):
    """The server does not accept the requested ``response_format``."""

    kind = "format"


class LLMRefused(LLMError):
    """The model declined to answer."""

    kind = "refused"


class LLMBadOutput(LLMError):
    """The model answered, but not with a valid command."""

    kind = "invalid"
