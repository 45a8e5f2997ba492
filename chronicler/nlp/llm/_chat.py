"""One chat-completions round trip, with SDK errors mapped onto ours at this boundary."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

import openai
from openai.types.chat import ChatCompletionMessageParam

from chronicler.nlp.llm.config import LLMConfig
from chronicler.nlp.llm.errors import FormatUnsupported, LLMRefused, LLMTimeout, LLMUnavailable

Message = dict[str, str]

# Providers put a reasoning model's thoughts in one of these message fields (OpenRouter, vLLM,
# LM Studio use "reasoning"; DeepSeek and others "reasoning_content").
_REASONING_FIELDS = ("reasoning_content", "reasoning")
# Words by which a server says it cannot take our response_format. Recognised in the error's body
# whatever its status: llama-cpp-python answers json_schema with HTTP 500, not 400 or 422.
_FORMAT_WORDS = ("response_format", "json_schema", "structured output", "schema", "grammar")


@dataclass(frozen=True)
class Reply:
    """What came back: the visible content, any reasoning text, and a refusal if the model declined."""

    content: str
    reasoning: str = ""
    refusal: str | None = None
    model: str | None = None

    @property
    def raw(self) -> str:
        """The text as received, for the audit trail."""
        return self.content or self.reasoning or self.refusal or ""


def make_client(config: LLMConfig) -> openai.OpenAI:
    """An SDK client with a short timeout and no automatic retries, so ours is the only retry loop."""
    return openai.OpenAI(
        base_url=config.base_url, api_key=config.key, timeout=config.timeout_s, max_retries=0
    )


class ChatClient:
    """Sends chat-completions requests and returns a `Reply` or raises an `LLMError`."""

    def __init__(self, config: LLMConfig, client: openai.OpenAI | None = None) -> None:
        self._config = config
        # An injected client brings its own timeout and retries; build it with make_client() to keep ours.
        self._client = client or make_client(config)

    def chat(
        self,
        messages: Sequence[Message],
        *,
        response_format: dict[str, Any] | None = None,
        max_tokens: int | None = None,
        temperature: float | None = None,
        timeout: float | None = None,
    ) -> Reply:
        """Ask the model once; options left as None are not sent (`timeout`: this request's, in s)."""
        options: dict[str, Any] = {}
        if timeout is not None:
            options["timeout"] = timeout
        if response_format is not None:
            options["response_format"] = response_format
        if max_tokens is not None:
            options["max_tokens"] = max_tokens
        if temperature is not None:
            options["temperature"] = temperature
        try:
            completion = self._client.chat.completions.create(
                model=self._config.model,
                # Each Message is a {"role", "content"} pair, the shape of the SDK's message TypedDicts.
                messages=cast(list[ChatCompletionMessageParam], list(messages)),
                **options,
            )
        except openai.APITimeoutError as exc:
            waited = timeout if timeout is not None else self._config.timeout_s
            raise LLMTimeout(f"no answer within {waited:g} s") from exc
        except openai.APIConnectionError as exc:
            raise LLMUnavailable(f"cannot reach {self._config.base_url}: {exc.__cause__ or exc}") from exc
        except openai.APIStatusError as exc:
            detail = _error_detail(exc)
            if response_format is not None and _rejects_format(exc.status_code, f"{detail} {exc.body}"):
                raise FormatUnsupported(f"HTTP {exc.status_code}: {detail}") from exc
            raise LLMUnavailable(f"HTTP {exc.status_code}: {detail}") from exc
        except openai.OpenAIError as exc:
            raise LLMUnavailable(f"{type(exc).__name__}: {exc}") from exc
        return _reply_of(completion)

    def close(self) -> None:
        """Release the HTTP connection pool."""
        self._client.close()


def _reply_of(completion: Any) -> Reply:
    # A wrong base_url can answer 200 with a web page, which the SDK hands back as a plain string.
    choices = getattr(completion, "choices", None) or []
    message = getattr(choices[0], "message", None) if choices else None
    if message is None:
        raise LLMUnavailable("the response is not a chat completion (no choices)")
    if getattr(choices[0], "finish_reason", None) == "content_filter":
        raise LLMRefused("stopped by the provider's content filter")
    extra = message.model_extra or {}
    reasoning = next((extra[name] for name in _REASONING_FIELDS if isinstance(extra.get(name), str)), "")
    return Reply(
        content=message.content or "",
        reasoning=reasoning,
        refusal=message.refusal or None,
        model=getattr(completion, "model", None) or None,
    )


def _error_detail(exc: openai.APIStatusError) -> str:
    body = exc.body
    if isinstance(body, dict):
        inner = body.get("error", body)
        if isinstance(inner, dict) and isinstance(message := inner.get("message"), str):
            return message
        if isinstance(inner, str):
            return inner
    return exc.message


def _rejects_format(status: int, detail: str) -> bool:
    # Servers word this differently ("response_format type 'json_schema' is not supported",
    # "Invalid schema for response_format", "failed to parse grammar", ...) and give it different
    # statuses (400, 422, and 500 from llama-cpp-python): any error that names it means try JSON mode.
    lowered = detail.lower()
    return status >= 400 and status != 429 and any(word in lowered for word in _FORMAT_WORDS)
