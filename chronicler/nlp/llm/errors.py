"""Why a call to the language model failed; the parser and text client turn these into fallbacks.

`LLMError` is a `ChroniclerError` (the product's one tree is drawn in `chronicler.contract.errors`).
`LLMUnavailable` (no usable HTTP answer: connection refused, HTTP 4xx/5xx, 429) and its `LLMTimeout`
are also `ServiceUnavailable`, so they count as transient. `FormatUnsupported` (the server rejected
our `response_format`) is not: asking the same again cannot help, the parser asks differently.
`LLMRefused` (the model declined) and `LLMBadOutput` (no JSON, wrong shape) are the answer's fault.

None of these is the streamer's fault: a DM the parser cannot read becomes an ``unknown`` command,
never an exception.
"""

from __future__ import annotations

from chronicler.contract.errors import ChroniclerError, ServiceUnavailable

_MAX_DETAIL = 240


class LLMError(ChroniclerError):
    """The model endpoint or its answer failed us."""

    kind = "error"  # short tag used in ParseResult.errors

    def __init__(self, detail: str) -> None:
        detail = " ".join(detail.split())
        super().__init__(detail if len(detail) <= _MAX_DETAIL else detail[: _MAX_DETAIL - 1] + "…")

    @property
    def summary(self) -> str:
        """A short ``kind: detail`` line for the audit trail."""
        return f"{self.kind}: {self}"


class LLMUnavailable(LLMError, ServiceUnavailable):
    """No usable HTTP answer (connection failure or an error status)."""

    kind = "unavailable"


class LLMTimeout(LLMUnavailable):
    """No answer within the configured timeout."""

    kind = "timeout"


class FormatUnsupported(LLMError):
    """The server does not accept the requested ``response_format``."""

    kind = "format"


class LLMRefused(LLMError):
    """The model declined to answer."""

    kind = "refused"


class LLMBadOutput(LLMError):
    """The model answered, but not with a valid command."""

    kind = "invalid"
