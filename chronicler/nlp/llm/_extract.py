"""Digging the answer out of what models actually send: think blocks, code fences, chatter around JSON."""

from __future__ import annotations

import json
import re
from typing import Any

_THINK_BLOCK = re.compile(r"<think(?:ing)?>.*?</think(?:ing)?>", re.DOTALL | re.IGNORECASE)
_THINK_OPEN = re.compile(r"<think(?:ing)?>", re.IGNORECASE)
_THINK_CLOSE = re.compile(r"</think(?:ing)?>", re.IGNORECASE)
_FENCE = re.compile(r"```[a-zA-Z0-9_-]*\s*\n?(.*?)```", re.DOTALL)
_REFUSAL = re.compile(
    r"^\W*(?:i'?m sorry|i am sorry|sorry|i can(?:'|no)t|i cannot|i am unable|i'?m unable|i won'?t"
    r"|i will not|i'?m not able|i am not able|as an ai)\b",
    re.IGNORECASE,
)
_DECODER = json.JSONDecoder()


def strip_think(text: str) -> str:
    """Drop `<think>...</think>` blocks; a block cut off by the token limit drops everything after it."""
    text = _THINK_BLOCK.sub("", text)
    # Some servers strip the opening tag but keep the closing one: the answer is what follows it.
    if closes := list(_THINK_CLOSE.finditer(text)):
        text = text[closes[-1].end() :]
    if opened := _THINK_OPEN.search(text):
        text = text[: opened.start()]
    return text.strip()


def find_json_object(text: str, *, last: bool = False) -> dict[str, Any] | None:
    """The first (or last) JSON object in `text`, preferring one inside a code fence."""
    for fenced in _FENCE.findall(text):
        if found := _objects(fenced):
            return found[-1] if last else found[0]
    found = _objects(text)
    if not found:
        return None
    return found[-1] if last else found[0]


def looks_like_refusal(text: str) -> bool:
    """True for an "I'm sorry, I can't help with that" style answer."""
    return bool(_REFUSAL.match(text.strip()))


def _objects(text: str) -> list[dict[str, Any]]:
    """Every top-level JSON object embedded in `text`, in order."""
    found: list[dict[str, Any]] = []
    index = text.find("{")
    while index != -1:
        try:
            value, end = _DECODER.raw_decode(text, index)
        except json.JSONDecodeError:
            index = text.find("{", index + 1)
            continue
        if isinstance(value, dict):
            found.append(value)
        index = text.find("{", end)
    return found
