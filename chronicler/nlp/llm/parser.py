"""The LLM command parser: a DM to a validated `Command` through any OpenAI-compatible model.

One DM, in order:

1. The built-in parser reads it (well under a millisecond). When it reads a command, its answer
   stands and the model is not asked: measured on blind DMs with a 1.5B model, the model's other
   reading of a DM the built-in parser understood was wrong far more often than right. So does an
   answer it has settled (`ParseResult.settled`: a refusal, a suspected injection, an answer to a
   question of its own). The model reads what is left: what the built-in parser could not read, or
   only asked "did you mean ...?" about.
2. The model is asked, within one time budget for the whole DM (`LLMConfig.budget_s`), with
   `max_tokens` set and the response format the server takes: ``json_schema`` (one sub-schema per
   command) until a server refuses it, whatever the HTTP status it refuses with, then ``json_object``
   for the rest of the process (``response_format="auto"``).
3. An answer that is not valid JSON or not a valid command is retried once with the problem, when
   the budget allows; a timeout, an HTTP error or a refusal is not retried.
4. A state-changing command is grounded in the DM (`_ground`): kept, asked about first, or replaced
   by a question.
5. When the model fails, the built-in parser's answer from step 1 is returned, with ``fell_back``,
   and the reason is logged as a warning.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
import time
from collections.abc import Callable, Sequence

import openai

from chronicler.contract.commands import Command, unknown
from chronicler.nlp.llm._answer import read_answer
from chronicler.nlp.llm._chat import ChatClient, Message, Reply
from chronicler.nlp.llm._ground import UNREAD, Grounded, ground
from chronicler.nlp.llm._prompt import build_messages, correction
from chronicler.nlp.llm._schema import response_format
from chronicler.nlp.llm.config import LLMConfig
from chronicler.nlp.llm.errors import FormatUnsupported, LLMBadOutput, LLMError, LLMTimeout
from chronicler.nlp.result import Parser, ParseResult, Turn

logger = logging.getLogger(__name__)

# The built-in parser is "sure" of a command (not a question) it gives at this confidence or more:
# the exact phrasings ("stop" 0.9, "stop chronicling" 1.0, "#3 is spam" 0.95) and its firm readings.
SURE = 0.9
# A retry is not started with less than this left of the budget: it could not finish anyway.
MIN_RETRY_S = 1.0

Clock = Callable[[], float]


def is_sure(result: ParseResult) -> bool:
    """True when the built-in parser's answer can stand without asking the model."""
    return (
        result.command.interaction_type != "unknown"
        and result.confidence is not None
        and result.confidence >= SURE
        and not result.errors
    )


@dataclasses.dataclass
class _Trace:
    """What one parse learned along the way, kept even when it ends in a fallback."""

    attempts: list[str] = dataclasses.field(default_factory=list)
    model: str | None = None
    retries: int = 0
    errors: list[str] = dataclasses.field(default_factory=list)

    @property
    def raw_output(self) -> str | None:
        return self.attempts[-1] if self.attempts else None


class LLMParser:
    """Asks the model for a command, validates and grounds it, and falls back when it must."""

    name = "llm"

    def __init__(
        self,
        config: LLMConfig,
        fallback: Parser,
        *,
        client: openai.OpenAI | None = None,
        clock: Clock = time.monotonic,
    ) -> None:
        self._config = config
        self._fallback = fallback
        self._chat = ChatClient(config, client)
        self._clock = clock
        self._format: str = "json_schema" if config.response_format == "auto" else config.response_format
        self._format_lock = threading.Lock()
        self.warmed = threading.Event()  # set when the warm-up request has ended, however it ended
        if config.warm_up:
            threading.Thread(target=self._warm_up, name="llm-warm-up", daemon=True).start()
        else:
            self.warmed.set()

    @property
    def response_format(self) -> str:
        """The format requested now: "json_schema", or "json_object" once "auto" found no schema support."""
        return self._format

    def parse(self, text: str, history: Sequence[Turn] = ()) -> ParseResult:
        """Parse one DM; on any LLM failure the fallback parser answers. Never raises."""
        started = time.perf_counter()
        rules, rules_failure = self._rules(text, history)
        if self._config.rules_first and rules is not None and (why := _rules_stand(rules)) is not None:
            return dataclasses.replace(rules, why=f"{why}; the LLM was not asked", latency_ms=_since(started))
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
            if rules_failure:
                trace.errors.append(rules_failure)
            return self._fall_back(rules, trace, started)
        grounded = ground(command, text, history, rules)
        if (
            command.interaction_type == "unknown"
            and rules is not None
            and rules.command.interaction_type == "unknown"
        ):
            # Neither read a command: the built-in parser's question is in our own words, and a "yes" to
            # its "did you mean ...?" is understood; a small model's question is free text ("What's new?
            # Did you have a good day?").
            note = "; ".join(
                filter(None, [grounded.note, "LLM read no command; the built-in parser's question"])
            )
            grounded = Grounded(rules.command, rules.confidence, note)
        if grounded.note:
            logger.info("LLM parser: %s", grounded.note)  # the note names the command, never its values
            trace.errors.append(grounded.note)
        why = grounded.note or "LLM answered"
        return ParseResult(
            command=grounded.command,
            parser=self.name,
            model=trace.model or self._config.model,
            raw_output=trace.raw_output,
            retries=trace.retries,
            errors=tuple(trace.errors),
            latency_ms=_since(started),
            confidence=grounded.confidence,
            language=rules.language if rules is not None else None,
            attempts=tuple(trace.attempts),
            why=why,
        )

    def close(self) -> None:
        """Release the HTTP connection pool."""
        self._chat.close()

    # -- the steps --------------------------------------------------------------------------------

    def _rules(self, text: str, history: Sequence[Turn]) -> tuple[ParseResult | None, str | None]:
        """The built-in parser's reading, or None and why (logged) if it failed."""
        try:
            return self._fallback.parse(text, history), None
        except Exception as exc:  # noqa: BLE001 - same reason as in parse(): never crash on a DM
            logger.exception("fallback parser %r failed", getattr(self._fallback, "name", "?"))
            return None, f"fallback: {type(exc).__name__}"

    def _ask(self, text: str, history: Sequence[Turn], trace: _Trace) -> Command | None:
        """At most two answers within the budget; None when both were invalid."""
        deadline = self._clock() + self._config.budget_s
        fmt = self._format
        messages = build_messages(text, history, wrapped=fmt == "json_schema")
        for attempt in range(self._config.max_retries + 1):
            trace.retries = attempt
            reply, fmt, messages = self._send(messages, fmt, text, history, deadline, trace)
            trace.attempts.append(reply.raw)
            trace.model = reply.model
            try:
                answer = read_answer(reply, text)
            except LLMBadOutput as exc:
                trace.errors.append(exc.summary)
                if deadline - self._clock() < MIN_RETRY_S:
                    break
                messages = [*messages, *correction(reply.raw, str(exc))]
                continue
            trace.errors.extend(answer.notes)
            return answer.command
        return None

    def _send(
        self,
        messages: list[Message],
        fmt: str,
        text: str,
        history: Sequence[Turn],
        deadline: float,
        trace: _Trace,
    ) -> tuple[Reply, str, list[Message]]:
        """One answer, in `fmt` or (auto, refused) json_object; the format and messages then used."""
        try:
            return self._request(messages, fmt, deadline), fmt, messages
        except FormatUnsupported as exc:
            if self._config.response_format != "auto" or fmt == "json_object":
                raise
            self._downgrade(exc)
            trace.errors.append(f"{exc.summary} (json_object from now on)")
            # The conversation so far, as json_object mode shows it (no {"parsed": ...} wrapper).
            extra = messages[len(build_messages(text, history, wrapped=True)) :]
            messages = [*build_messages(text, history), *extra]
            return self._request(messages, "json_object", deadline), "json_object", messages

    def _request(self, messages: list[Message], fmt: str, deadline: float) -> Reply:
        remaining = deadline - self._clock()
        if remaining <= 0:
            raise LLMTimeout(f"the {self._config.budget_s:g} s budget for this DM ran out")
        try:
            return self._chat.chat(
                messages,
                response_format=response_format(fmt),
                temperature=self._config.temperature,
                max_tokens=self._config.max_tokens,
                timeout=min(self._config.timeout_s, remaining),
            )
        except LLMTimeout as exc:
            if remaining >= self._config.timeout_s:
                raise
            raise LLMTimeout(f"no answer within the {self._config.budget_s:g} s budget for this DM") from exc

    def _downgrade(self, exc: FormatUnsupported) -> None:
        """Use json_object from now on (this parser lives as long as the process)."""
        with self._format_lock:
            if self._format == "json_object":
                return
            self._format = "json_object"
        logger.warning(
            "%s refused response_format json_schema (%s); using json_object from now on",
            self._config.base_url,
            exc,
        )

    def _warm_up(self) -> None:
        """One tiny request, so the server reads and caches the system prompt; learns the format too."""
        try:
            fmt = self._format
            messages = build_messages("help", (), wrapped=fmt == "json_schema")
            try:
                self._chat.chat(
                    messages,
                    response_format=response_format(fmt),
                    temperature=self._config.temperature,
                    max_tokens=1,
                    timeout=self._config.warm_up_timeout_s,
                )
            except FormatUnsupported as exc:
                if self._config.response_format != "auto" or fmt == "json_object":
                    raise
                self._downgrade(exc)
            logger.info("LLM warm-up done (%s)", self._config.base_url)
        except LLMError as exc:
            logger.warning("LLM warm-up failed (%s); the first DM may be slow", exc.summary)
        except Exception:  # noqa: BLE001 - a background nicety must never take anything down
            logger.exception("LLM warm-up failed unexpectedly")
        finally:
            self.warmed.set()

    def _fall_back(self, rules: ParseResult | None, trace: _Trace, started: float) -> ParseResult:
        reason = "; ".join(trace.errors) or "no answer"
        if rules is None:
            rules = ParseResult(
                command=unknown(UNREAD),
                parser=getattr(self._fallback, "name", "rules"),
            )
        logger.warning("LLM parser fell back to the %s parser: %s", rules.parser, reason)
        return dataclasses.replace(
            rules,
            fell_back=True,
            model=trace.model or self._config.model,
            raw_output=trace.raw_output,
            retries=trace.retries,
            errors=(*trace.errors, *rules.errors),
            latency_ms=_since(started),
            attempts=tuple(trace.attempts),
            why=f"LLM failed ({reason}); the {rules.parser} parser answered",
        )


def _rules_stand(rules: ParseResult) -> str | None:
    """Why the built-in parser's answer stands without the model (step 1 of the module docstring), or
    None when the model is to read the DM."""
    if is_sure(rules):
        return f"rules parser sure (confidence {rules.confidence:g})"
    if rules.command.interaction_type != "unknown":
        return f"rules parser read a command (confidence {rules.confidence})"
    if rules.settled:
        # A refusal ("don't stop yet"), a suspected injection, an answer to a question: whatever the
        # model would read, the streamer's DM has already been answered.
        return "rules parser settled it (a refusal, an injection or an answer)"
    return None


def _since(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 1)
