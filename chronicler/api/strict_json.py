"""JSON as the API takes it: what `json.loads` accepts, less what cannot be stored or served back.

Python's parser takes `NaN`, `Infinity` and `1e999` (stored, then served back as invalid JSON),
unpaired surrogates such as `"\\ud800"` (PostgreSQL refuses them later, with a 500), and nesting as
deep as its recursion limit (a `RecursionError`, a 500 on every JSON route). Each is refused here as
a `ValueError` saying what is wrong, which the caller answers with a 400.
"""

from __future__ import annotations

import json
import math
from typing import Any

MAX_DEPTH = 32  # no body of ours nests deeper than 3; 32 leaves room and bounds the walk


def loads(raw: bytes | str) -> Any:
    """Parse `raw`; ValueError for malformed JSON, non-finite numbers, lone surrogates, deep nesting."""
    try:
        data = json.loads(raw, parse_constant=_refuse_constant, parse_float=_finite_float)
    except RecursionError as exc:
        raise ValueError(f"nested deeper than {MAX_DEPTH} levels") from exc
    _check(data)
    return data


def _refuse_constant(name: str) -> float:
    """`NaN`, `Infinity` and `-Infinity` are not JSON (RFC 8259 §6)."""
    raise ValueError(f"{name} is not a JSON number")


def _finite_float(text: str) -> float:
    """A decimal number that fits a double (`1e999` would become infinity)."""
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"{text[:20]} is too large a number")
    return value


def _check(data: Any) -> None:
    """Depth and strings, walked without recursion so that the walk itself cannot overflow."""
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict | list):
            if depth > MAX_DEPTH:
                raise ValueError(f"nested deeper than {MAX_DEPTH} levels")
            items = value.items() if isinstance(value, dict) else enumerate(value)
            for key, item in items:
                if isinstance(key, str):
                    _encodable(key)
                stack.append((item, depth + 1))
        elif isinstance(value, str):
            _encodable(value)


def _encodable(text: str) -> None:
    """Text with no unpaired surrogate (`"\\ud800"` decodes to one; it has no UTF-8 form)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError("a string holds an unpaired surrogate (\\ud800-\\udfff alone)") from exc
