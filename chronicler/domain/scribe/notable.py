"""Notable discussion for the ledger: the first lines, with near-identical ones folded together."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from chronicler.domain.scribe.data import NotableLine

# Two lines are near-identical when this share of their words is shared ("what did i miss" and
# "what did I miss??"), or when they read the same once case, punctuation and stretched letters go.
SAME_WORDS = 0.75
_MENTION = re.compile(r"@\w+")
_NOT_WORD = re.compile(r"[^\w\s]+")
_STRETCHED = re.compile(r"(\w)\1+")  # "misssss" and "miss" both read "mis"


@dataclass(frozen=True)
class Condensed:
    """The notable lines to show, how many more there were, and how many repeated a shown one."""

    lines: tuple[NotableLine, ...]
    more: int
    repeats: int


def condense(lines: Iterable[NotableLine], limit: int) -> Condensed:
    """The first `limit` lines that are not near-identical to an earlier one, in the order given."""
    kept: list[NotableLine] = []
    keys: list[frozenset[str]] = []
    seen: set[tuple[str, ...]] = set()
    more = repeats = 0
    for line in lines:
        words = _words(line.text)
        exact = tuple(words)
        if exact in seen or any(_similar(set(words), key) for key in keys):
            repeats += 1
            continue
        if len(kept) == limit:
            more += 1
            # Later lines are still remembered, so a repeat of a cut line is not counted as more.
            seen.add(exact)
            continue
        seen.add(exact)
        kept.append(line)
        keys.append(frozenset(words))
    return Condensed(tuple(kept), more, repeats)


def _words(text: str) -> list[str]:
    flat = _STRETCHED.sub(r"\1", _NOT_WORD.sub(" ", _MENTION.sub(" ", text.casefold())))
    return flat.split()


def _similar(words: set[str], key: frozenset[str]) -> bool:
    if not words or not key:
        return False
    return len(words & key) / len(words | key) >= SAME_WORDS
