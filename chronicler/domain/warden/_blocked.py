"""The streamer's own blocked terms, with '*' wildcards, matched in time linear in the message.

A term is literal pieces with gaps between them ("free v*bucks" is "free v", a gap, "bucks"). These
were once compiled into one regex with '.*?' for each gap, and a term such as 'ab*ab*ab*ab*ab*c'
backtracked for seconds on a long line of 'abab…' (it froze the API, health check included, for
10.9 s). Here each piece is found with `str.find`, earliest first: a match that starts at the first
place it can start needs no other start tried, because the pieces after it only have less room from
a later one. Terms are bounded in number and length when they are set.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from chronicler.domain.warden._errors import ConfigError
from chronicler.domain.warden._normalize import normalize

MAX_TERMS = 200
MAX_TERM_LENGTH = 100
MAX_WILDCARDS = 8  # per term: with 200 terms, a message costs at most ~1,800 str.find calls


@dataclass(frozen=True)
class _Term:
    """One blocked term: its pieces in order, and whether it must start or end at a word edge."""

    written: str
    pieces: tuple[str, ...]
    word_start: bool  # it starts with a letter or digit: "ass" must not match inside "classy"
    word_end: bool

    def find(self, text: str) -> tuple[int, int] | None:
        """Where the term first matches in `text` (start of its first piece, end of its last), or None."""
        first, *rest = self.pieces
        start = self._first_start(text, first, must_end=not rest)
        if start is None:
            return None
        if not rest:
            return start, start + len(first)
        at = start + len(first)
        for piece in rest[:-1]:
            at = text.find(piece, at)
            if at < 0:
                return None
            at += len(piece)
        last = rest[-1]
        at = text.find(last, at)
        while at >= 0:
            if not self.word_end or not _word_char(text, at + len(last)):
                return start, at + len(last)
            at = text.find(last, at + 1)
        return None

    def _first_start(self, text: str, piece: str, *, must_end: bool) -> int | None:
        """The first place `piece` starts at a word edge (and, for a term of one piece, ends at one)."""
        at = text.find(piece)
        while at >= 0:
            starts = not self.word_start or not _word_char(text, at - 1)
            ends = not must_end or not self.word_end or not _word_char(text, at + len(piece))
            if starts and ends:
                return at
            at = text.find(piece, at + 1)
        return None


class BlockedTerms:
    """Finds the first of the streamer's blocked terms in normalised text."""

    def __init__(self, terms: Iterable[str]) -> None:
        """Check and prepare `terms`; '*' is any run of characters; case and look-alikes do not matter."""
        self._terms: list[_Term] = []
        for term in terms:
            if len(self._terms) == MAX_TERMS:
                raise ConfigError(f"at most {MAX_TERMS} blocked terms", field="blocked_terms")
            if len(term) > MAX_TERM_LENGTH:
                raise ConfigError(
                    f"blocked term {term[:20]!r}… is longer than {MAX_TERM_LENGTH} characters",
                    field="blocked_terms",
                )
            if term.count("*") > MAX_WILDCARDS:
                raise ConfigError(
                    f"blocked term {term[:20]!r} has more than {MAX_WILDCARDS} wildcards",
                    field="blocked_terms",
                )
            # Each piece between wildcards is normalised alone, so "a*b*c" keeps its wildcards.
            written_pieces = [normalize(piece) for piece in term.split("*")]
            pieces = tuple(piece for piece in written_pieces if piece)
            if not pieces:
                raise ConfigError(
                    f"blocked term {term!r} is empty or only wildcards; it would match everything",
                    field="blocked_terms",
                )
            self._terms.append(
                _Term(
                    written=term,
                    pieces=pieces,
                    word_start=written_pieces[0][:1].isalnum(),
                    word_end=written_pieces[-1][-1:].isalnum(),
                )
            )

    def find(self, text: str) -> tuple[str, tuple[int, int]] | None:
        """The term as the streamer wrote it and where it matched (the leftmost of all), or None."""
        best: tuple[str, tuple[int, int]] | None = None
        for term in self._terms:
            span = term.find(text)
            if span is not None and (best is None or span[0] < best[1][0]):
                best = (term.written, span)
        return best


def usable_terms(terms: Iterable[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The terms the matcher takes (the first MAX_TERMS that pass its checks), and the others.

    For terms stored before the limits existed: a session must still start, without those.
    """
    kept: list[str] = []
    dropped: list[str] = []
    for term in terms:
        try:
            BlockedTerms([term])
        except ConfigError:
            dropped.append(term)
            continue
        (kept if len(kept) < MAX_TERMS else dropped).append(term)
    return tuple(kept), tuple(dropped)


def _word_char(text: str, at: int) -> bool:
    """Whether `text[at]` is a letter, digit or underscore (outside the text: no)."""
    if at < 0 or at >= len(text):
        return False
    char = text[at]
    return char.isalnum() or char == "_"
