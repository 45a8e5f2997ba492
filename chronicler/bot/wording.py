"""Small pieces of English the replies share: lists, counts, sentences."""

from __future__ import annotations

from collections.abc import Sequence


def and_list(words: Sequence[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} and {words[-1]}"


def count(number: int, noun: str, plural: str | None = None) -> str:
    """'1 message', '12,345 messages'."""
    return f"{number:,} {noun if number == 1 else plural or noun + 's'}"


def sentence(text: str) -> str:
    """A message from the API as a sentence: capital first letter, final full stop."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."
