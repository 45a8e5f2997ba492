"""A parser that knows a fixed phrasebook, and remembers what it was asked (text and history)."""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from chronicler.contract.commands import Command, unknown
from chronicler.nlp.result import ParseResult, Turn

PHRASES: dict[str, Command] = {
    "start chronicling": Command(interaction_type="session", action="start"),
    "stop chronicling": Command(interaction_type="session", action="stop"),
    "stop it": Command(interaction_type="session", action="stop"),
    "session status": Command(interaction_type="session", action="status"),
    "show today's flagged messages": Command(interaction_type="flags", action="list", range="today"),
    "show flags": Command(interaction_type="flags", action="list"),
    "turn off the warden": Command(interaction_type="mode", action="disable", mode="warden"),
    "and the librarian": Command(interaction_type="mode", action="disable", mode="librarian"),
    "help": Command(interaction_type="help"),
    "stats for this week": Command(interaction_type="stats", action="show", range="week"),
}


@dataclass
class PhraseParser:
    """Parses the phrases it knows (case-insensitively), `unknown` otherwise."""

    phrases: Mapping[str, Command | ParseResult] = field(default_factory=lambda: dict(PHRASES))
    name: str = "phrases"
    calls: list[tuple[str, tuple[Turn, ...]]] = field(default_factory=list)
    question: str | None = None  # asked back for text it does not know

    def parse(self, text: str, history: Sequence[Turn] = ()) -> ParseResult:
        """The phrasebook's command for `text`."""
        began = time.perf_counter()
        self.calls.append((text, tuple(history)))
        found = self.phrases.get(text.strip().lower())
        if isinstance(found, ParseResult):
            return found
        command = found or unknown(self.question)
        return ParseResult(
            command,
            parser=self.name,
            raw_output=command.model_dump_json(exclude_none=True),
            latency_ms=(time.perf_counter() - began) * 1000,
        )
