"""Parsing DMs in bulk: one JSON line in, one JSON command out, in order, whatever the line holds."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from chronicler.nlp.result import Parser


def parse_lines(parser: Parser, lines: Iterable[str]) -> Iterator[dict[str, Any]]:
    """For each input line `{"text": ...}`, the flattened command (or `unknown` with an `error`)."""
    for line in lines:
        text, error = _text_of(line)
        if error is not None:
            yield {"interaction_type": "unknown", "action": None, "error": error}
            continue
        yield parser.parse(text).command.to_json()


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
