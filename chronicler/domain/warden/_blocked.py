"""The streamer's own blocked terms, with '*' wildcards, compiled into one pattern."""

from __future__ import annotations

import re
from collections.abc import Iterable

from chronicler.domain.warden._errors import ConfigError
from chronicler.domain.warden._normalize import normalize


class BlockedTerms:
    """Finds the first of the streamer's blocked terms in normalised text."""

    def __init__(self, terms: Iterable[str]) -> None:
        """Compile `terms`; '*' stands for any run of characters, case and look-alikes do not matter."""
        self._terms: list[str] = []
        parts: list[str] = []
        for term in terms:
            # Each piece between wildcards is normalised alone, so "a*b*c" keeps its wildcards.
            pieces = [normalize(piece) for piece in term.split("*")]
            if not "".join(pieces):
                raise ConfigError(
                    f"blocked term {term!r} is empty or only wildcards; it would match everything",
                    field="blocked_terms",
                )
            self._terms.append(term)
            parts.append(f"(?P<t{len(parts)}>{_term_pattern(pieces)})")
        self._pattern = re.compile("|".join(parts)) if parts else None

    def find(self, text: str) -> tuple[str, re.Match[str]] | None:
        """The term as the streamer wrote it and where it matched, or None."""
        if self._pattern is None:
            return None
        match = self._pattern.search(text)
        if match is None:
            return None
        return self._terms[int(match.lastgroup[1:])], match  # type: ignore[index]


def _term_pattern(pieces: list[str]) -> str:
    """["free v", "bucks"] -> a pattern; a term that starts or ends with a letter does so at a word edge."""
    body = ".*?".join(re.escape(piece) for piece in pieces)
    start = r"(?<!\w)" if pieces[0][:1].isalnum() else ""
    end = r"(?!\w)" if pieces[-1][-1:].isalnum() else ""
    return start + body + end
