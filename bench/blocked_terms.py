"""Worst cases of the Warden's blocked terms: a 500-character message against adversarial settings.

Each row is a streamer configuration built to make wildcard matching slow (the old regex translation
backtracked for seconds on some), and the slowest of several message shapes, as the median of many
judgements of one message by a whole Warden. The last row adds the most patterns the streamer's
confirmed flags can teach, and one shape is spam the learned model reads in full. Target: at most
1 ms a message.

    python -m bench.blocked_terms
"""

from __future__ import annotations

import statistics
import time
from datetime import UTC, datetime

from chronicler.domain.chat import ChatMessage
from chronicler.domain.warden import Warden, WardenConfig
from chronicler.domain.warden._blocked import MAX_TERMS, MAX_WILDCARDS, BlockedTerms
from chronicler.domain.warden._config import MAX_LEARNED_PATTERNS

LENGTH = 500
_ALL_WILDCARDS = tuple("x*" * MAX_WILDCARDS + f"{n:03d}" for n in range(MAX_TERMS))
CONFIGS: dict[str, WardenConfig] = {
    "nested wildcards": WardenConfig(blocked_terms=("ab*ab*ab*ab*ab*c",)),
    "most wildcards a term may have": WardenConfig(
        blocked_terms=("*".join("a" * (MAX_WILDCARDS + 1)) + "b",)
    ),
    "200 terms, each all wildcards": WardenConfig(blocked_terms=_ALL_WILDCARDS),
    "200 plain terms": WardenConfig(blocked_terms=tuple(f"spoiler{n}" for n in range(MAX_TERMS))),
    "and the most learned patterns": WardenConfig(
        blocked_terms=_ALL_WILDCARDS,
        learned_patterns=tuple(
            "add me on discord*" + "x*" * (MAX_WILDCARDS - 1) + f"{n:03d}"
            for n in range(MAX_LEARNED_PATTERNS)
        ),
    ),
}
MESSAGES = {
    "abab…": ("ab" * LENGTH)[:LENGTH],
    "aaaa…": "a" * LENGTH,
    "x x x…": ("x " * LENGTH)[:LENGTH],
    "chat": ("what a play, that was amazing " * 20)[:LENGTH],
    "spam": ("hey i dropped a follow, add me on discord x x robin_22 for cheap viewers " * 8)[:LENGTH],
}


def _message(text: str, n: int) -> ChatMessage:
    """A first-time chatter's message (every check runs for it)."""
    return ChatMessage(
        message_id=f"m{n}",
        channel="bench",
        chatter_login="someone",
        text=text,
        sent_at=datetime.now(UTC),
        first_message=True,
    )


def _median_ms(warden: Warden, text: str, runs: int = 200) -> float:
    """Median milliseconds to judge `text`, made unique each run (the Warden caches what it read)."""
    times = []
    for n in range(runs):
        message = _message(f"{text[: LENGTH - 5]} {n:04d}", n)
        started = time.perf_counter()
        warden.check(message)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def _median_find_ms(terms: BlockedTerms, text: str, runs: int = 200) -> float:
    """Median milliseconds for the blocked-terms matcher alone to search `text`."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        terms.find(text)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    """Print the slowest message shape per configuration."""
    print(f"blocked terms, a {LENGTH}-character message: slowest shape per configuration (target <= 1 ms)")
    for name, config in CONFIGS.items():
        warden = Warden(config)
        worst = max((_median_ms(warden, text), shape) for shape, text in MESSAGES.items())
        # The matcher alone on the raw shapes too: the Warden normalises first, which may shorten them.
        terms_only = BlockedTerms(config.blocked_terms)
        raw = max((_median_find_ms(terms_only, text), shape) for shape, text in MESSAGES.items())
        verdict = "met" if max(worst[0], raw[0]) <= 1.0 else "NOT met"
        print(
            f"  {name:<32} Warden {worst[0]:6.3f} ms (on '{worst[1]}'), "
            f"matcher alone {raw[0]:6.3f} ms (on '{raw[1]}')  {verdict}"
        )


if __name__ == "__main__":
    main()
