"""What a parser returns, and the interface both parsers share."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from chronicler.contract.commands import Command, Language


@dataclass(frozen=True)
class Turn:
    """One earlier exchange of the conversation, given to the LLM as context for follow-ups."""

    text: str
    command: Command


@dataclass(frozen=True)
class ParseResult:
    """A parsed command and how it was reached, for the audit trail."""

    command: Command
    parser: str  # "rules" or "llm"
    model: str | None = None
    raw_output: str | None = None
    retries: int = 0
    errors: tuple[str, ...] = ()
    latency_ms: float = 0.0
    fell_back: bool = False  # the LLM failed and the built-in parser answered
    confidence: float | None = None
    language: Language | None = None  # the DM's language when the parser could tell; replies use it
    attempts: tuple[str, ...] = ()  # the LLM's raw answer to each attempt, in order (audit trail)
    why: str | None = None  # which parser answered and why, in a few words (`chronicler parse --verbose`)
    # The built-in parser's answer must stand: a refusal ("don't stop yet"), a suspected injection, an
    # answer to a question. Another parser (the LLM) is not asked to read the DM otherwise.
    settled: bool = False
    # What the built-in parser read in the DM, whatever the command: ("range", "last"), ("login",
    # "pixel_wren"). The LLM's slots are checked against it: a range or a chatter the DM never gave goes.
    # None: the parser does not say (then nothing is checked).
    mentions: tuple[tuple[str, str], ...] | None = None
    # The built-in parser saw a doubt in the DM: a condition, a hedge, a quote, reported words, the past,
    # a later time or a negation. A change the model reads there and it did not is only asked about.
    doubted: bool = False


class Parser(Protocol):
    """Turns one DM, with the last few turns as context, into a command."""

    name: str

    def parse(self, text: str, history: Sequence[Turn] = ()) -> ParseResult:
        """Parse `text`; never raises for odd input, returns an `unknown` command instead."""
        ...
