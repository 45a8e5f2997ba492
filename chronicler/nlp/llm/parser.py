"""The LLM command parser: a DM to a validated `Command` through any OpenAI-compatible model."""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Sequence
from typing import Any

import openai
from pydantic import ValidationError

from chronicler.contract.commands import Command, unknown
from chronicler.nlp.llm import _guard
from chronicler.nlp.llm._chat import ChatClient, Message, Reply
from chronicler.nlp.llm._extract import find_json_object, looks_like_refusal, strip_think
from chronicler.nlp.llm._prompt import build_messages, correction
from chronicler.nlp.llm._schema import response_format
from chronicler.nlp.llm.config import LLMConfig
from chronicler.nlp.llm.errors import FormatUnsupported, LLMBadOutput, LLMError, LLMRefused
from chronicler.nlp.result import Parser, ParseResult, Turn

logger = logging.getLogger(__name__)

_MAX_PROBLEMS = 4


@dataclasses.dataclass
class _Trace:
    """What one parse learned along the way, kept even when it ends in a fallback."""

    raw_output: str | None = None
    model: str | None = None
    retries: int = 0
    errors: list[str] = dataclasses.field(default_factory=list)


class LLMParser:
    """Asks the model for a command, validates it, retries with the errors, and falls back when it must."""

    name = "llm"

    def __init__(self, config: LLMConfig, fallback: Parser, *, client: openai.OpenAI | None = None) -> None:
        self._config = config
        self._fallback = fallback
        self._chat = ChatClient(config, client)
        self._format = "json_schema" if config.response_format == "auto" else config.response_format

    @property
    def response_format(self) -> str:
        """The format requested now: "json_schema", or "json_object" once "auto" found no schema support."""
        return self._format

    def parse(self, text: str, history: Sequence[Turn] = ()) -> ParseResult:
        """Parse one DM; on any LLM failure the fallback parser answers. Never raises."""
        started = time.perf_counter()
        trace = _Trace()
        command: Command | None = None
        try:
            command = self._ask(text, history, trace)
        except LLMError as exc:
            trace.errors.append(exc.summary)
        except Exception as exc:  # noqa: BLE001
            # A DM must always get an answer: a bug on this side is logged loudly and the built-in
            # parser answers instead of the streamer seeing a crash.
            logger.exception("LLM parser failed unexpectedly")
            trace.errors.append(f"internal: {type(exc).__name__}")
        if command is None:
            return self._fall_back(text, history, trace, started)
        command, downgraded = _guard.check(command, text)
        if downgraded:
            trace.errors.append(downgraded)
        return ParseResult(
            command=command,
            parser=self.name,
            model=trace.model or self._config.model,
            raw_output=trace.raw_output,
            retries=trace.retries,
            errors=tuple(trace.errors),
            latency_ms=_since(started),
        )

    def close(self) -> None:
        """Release the HTTP connection pool."""
        self._chat.close()

    def _ask(self, text: str, history: Sequence[Turn], trace: _Trace) -> Command | None:
        """Up to 1 + max_retries attempts; None when every answer was invalid."""
        messages = build_messages(text, history)
        for attempt in range(self._config.max_retries + 1):
            trace.retries = attempt
            reply = self._send(messages)
            trace.raw_output, trace.model = reply.raw, reply.model
            try:
                return _read_command(reply)
            except LLMBadOutput as exc:
                trace.errors.append(exc.summary)
                messages = [*messages, *correction(reply.raw, str(exc))]
        return None

    def _send(self, messages: list[Message]) -> Reply:
        try:
            return self._request(messages)
        except FormatUnsupported:
            if self._config.response_format != "auto" or self._format == "json_object":
                raise
            # Remembered for this instance so later DMs skip the doomed first request.
            logger.info("%s rejects json_schema; using json_object from now on", self._config.base_url)
            self._format = "json_object"
            return self._request(messages)

    def _request(self, messages: list[Message]) -> Reply:
        return self._chat.chat(
            messages, response_format=response_format(self._format), temperature=self._config.temperature
        )

    def _fall_back(self, text: str, history: Sequence[Turn], trace: _Trace, started: float) -> ParseResult:
        try:
            result = self._fallback.parse(text, history)
        except Exception as exc:  # noqa: BLE001 - same reason as in parse(): never crash on a DM
            logger.exception("fallback parser %r failed", getattr(self._fallback, "name", "?"))
            trace.errors.append(f"fallback: {type(exc).__name__}")
            result = ParseResult(
                command=unknown("Sorry, I could not read that. Could you say it another way?"),
                parser=getattr(self._fallback, "name", "rules"),
            )
        return dataclasses.replace(
            result,
            fell_back=True,
            model=trace.model or self._config.model,
            raw_output=trace.raw_output,
            retries=trace.retries,
            errors=(*trace.errors, *result.errors),
            latency_ms=_since(started),
        )


def _read_command(reply: Reply) -> Command:
    """The command in a reply; `LLMRefused` if the model declined, `LLMBadOutput` if it is not valid."""
    if reply.refusal:
        raise LLMRefused(reply.refusal)
    content = strip_think(reply.content)
    # Reasoning models served without a parser sometimes leave content empty and put everything,
    # answer included, in the reasoning text; there the answer comes last.
    source = content or strip_think(reply.reasoning)
    if not source:
        raise LLMBadOutput("the answer was empty")
    found = find_json_object(source, last=not content)
    if found is None:
        if looks_like_refusal(source):
            raise LLMRefused(source)
        raise LLMBadOutput("no JSON object in the answer")
    try:
        return Command.model_validate(_tidy(found))
    except ValidationError as exc:
        raise LLMBadOutput(_problems(exc)) from exc


def _tidy(found: dict[str, Any]) -> dict[str, Any]:
    # Models in JSON mode often write "" for a slot they mean to leave out.
    return {key: value for key, value in found.items() if value != ""}


def _problems(exc: ValidationError) -> str:
    problems = []
    for error in exc.errors()[:_MAX_PROBLEMS]:
        where = ".".join(str(part) for part in error["loc"])
        message = error["msg"].removeprefix("Value error, ")
        problems.append(f"{where}: {message}" if where else message)
    return "; ".join(problems)


def _since(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 1)
