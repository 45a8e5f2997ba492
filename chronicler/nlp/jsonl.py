"""Parsing DMs in bulk: one JSON line in, one JSON command out, in order, whatever the line holds."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from chronicler.nlp.result import Parser, ParseResult


def parse_lines(parser: Parser, lines: Iterable[str]) -> Iterator[dict[str, Any]]:
    """For each input line `{"text": ...}`, the flattened command (or `unknown` with an `error`)."""
    for command, _ in parse_results(parser, lines):
        yield command


def parse_results(
    parser: Parser, lines: Iterable[str]
) -> Iterator[tuple[dict[str, Any], ParseResult | None]]:
    """As `parse_lines`, with each line's whole `ParseResult` (None for a line that held no DM)."""
    for line in lines:
        text, error = _text_of(line)
        if error is not None:
            yield {"interaction_type": "unknown", "action": None, "error": error}, None
            continue
        result = parser.parse(text)
        yield result.command.to_json(), result


def describe(result: ParseResult) -> str:
    """One line on how a DM was read: which parser answered, why, how long it took."""
    parts = [f"parser: {result.parser}" + (" (fell back)" if result.fell_back else "")]
    if result.model and (result.parser == "llm" or result.fell_back):
        parts.append(f"model: {result.model}")
    if result.why:
        parts.append(f"why: {result.why}")
    if result.confidence is not None:
        parts.append(f"confidence: {result.confidence:g}")
    if result.attempts:
        parts.append(f"attempts: {len(result.attempts)}")
    parts.append(f"{result.latency_ms:.1f} ms")
    line = "; ".join(parts)
    if result.errors:
        line += "\n  " + "\n  ".join(result.errors)
    return line


def _text_of(line: str) -> tuple[str, str | None]:
    stripped = line.strip()
    if not stripped:
        return "", "empty line"
    try:
        record = json.loads(stripped)
    except ValueError as exc:
        return "", f"not valid JSON: {exc}"
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        return "", 'each line must be an object with a "text" string'
    return record["text"], None
