"""Query-string parameters, checked with the same clear errors as bodies."""

from __future__ import annotations

from flask import request

from chronicler.contract.errors import InvalidInput


def query_int(name: str, default: int, *, low: int, high: int) -> int:
    """An integer query parameter within [low, high]."""
    raw = request.args.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise InvalidInput(f"{name} must be a whole number", field=name) from exc
    if not low <= value <= high:
        raise InvalidInput(f"{name} must be between {low} and {high}", field=name)
    return value


def query_str(name: str, *, max_length: int = 200) -> str | None:
    """A text query parameter, or None when absent or empty."""
    raw = request.args.get(name)
    if raw is None or raw == "":
        return None
    if len(raw) > max_length or "\x00" in raw:
        raise InvalidInput(f"{name} is too long or malformed", field=name)
    return raw
