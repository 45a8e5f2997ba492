"""Settings for talking to an OpenAI-compatible endpoint (OpenAI, OpenRouter, Ollama, LM Studio, vLLM)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

ResponseFormat = Literal["auto", "json_schema", "json_object"]
RESPONSE_FORMATS: tuple[str, ...] = ("auto", "json_schema", "json_object")

# Local servers (Ollama, LM Studio, vLLM) take any key, but the SDK insists on one and would
# otherwise go looking in the environment.
NO_KEY = "not-needed"


@dataclass(frozen=True)
class LLMConfig:
    """Where the model lives and how patient to be with it; passed in, never read from the environment."""

    base_url: str  # e.g. "https://openrouter.ai/api/v1" or "http://localhost:11434/v1"
    model: str
    api_key: str | None = field(default=None, repr=False)
    timeout_s: float = 8.0  # per HTTP request at most; the SDK's own retries are off
    # One DM's whole time with the model, every attempt included; then the built-in parser answers.
    budget_s: float = 10.0
    max_retries: int = 1  # 0 or 1: one more attempt when the answer is not valid JSON or a valid command
    max_tokens: int = 200  # a command is a short JSON object; a rambling model is cut off
    response_format: ResponseFormat = "auto"
    # Send one small request in the background when the parser is built, so the server has read
    # (and cached) the system prompt before the first DM arrives.
    warm_up: bool = False
    warm_up_timeout_s: float = 120.0
    # Let the built-in parser answer, with no round trip, a DM it is sure of ("stop", "help").
    rules_first: bool = True
    # None: send no temperature at all (some reasoning models reject the parameter).
    temperature: float | None = 0.0  # for parsing commands: as repeatable as the model allows
    text_temperature: float | None = 0.7  # for chat answers and prompts: some variety

    def __post_init__(self) -> None:
        if not self.base_url.startswith(("http://", "https://")):
            raise ValueError(f"LLM base_url must start with http:// or https://, got {self.base_url!r}")
        if not self.model.strip():
            raise ValueError("LLM model must not be empty")
        if not self.timeout_s > 0:
            raise ValueError(f"LLM timeout_s must be positive, got {self.timeout_s!r}")
        if self.max_retries not in (0, 1):
            raise ValueError(f"LLM max_retries must be 0 or 1, got {self.max_retries!r}")
        if not self.budget_s > 0:
            raise ValueError(f"LLM budget_s must be positive, got {self.budget_s!r}")
        if self.max_tokens < 16:
            raise ValueError(f"LLM max_tokens must be 16 or more, got {self.max_tokens!r}")
        if self.response_format not in RESPONSE_FORMATS:
            allowed = ", ".join(RESPONSE_FORMATS)
            raise ValueError(f"LLM response_format must be one of {allowed}, got {self.response_format!r}")

    @property
    def key(self) -> str:
        """The API key to send (a placeholder for keyless local servers)."""
        return self.api_key or NO_KEY
