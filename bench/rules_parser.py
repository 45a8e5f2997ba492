"""Benchmark the rules parser: latency on typical DMs and on the real chat corpus, and how often chat
reads as a command. Run from the repo root: .venv/bin/python bench/rules_parser.py"""

from __future__ import annotations

import csv
import statistics
import time
from pathlib import Path

from chronicler.nlp.rules import RuleParser

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
DMS = [
    "start chronicling #pixel_wren",
    "stop chronicling",
    "show today's flags",
    "and yesterday's?",
    "what were the clip candidates last stream?",
    "resend the ledger",
    "turn off the steward",
    "set hearthkeeper to 20 minutes",
    "which modes are on?",
    "thanks!",
    "don't stop yet",
    "set my webhook to https://discord.com/api/webhooks/123/abc",
    "link ABCD-1234",
    "help",
]


def _percentiles(samples: list[float]) -> str:
    samples = sorted(samples)
    pick = lambda q: samples[min(len(samples) - 1, int(q * len(samples)))]  # noqa: E731
    return (
        f"p50 {pick(0.5):.3f} ms, p90 {pick(0.9):.3f} ms, p99 {pick(0.99):.3f} ms, max {samples[-1]:.3f} ms"
    )


def _measure(parser: RuleParser, texts: list[str]) -> tuple[list[float], list[float]]:
    wall, cpu = [], []
    for text in texts:
        w, c = time.perf_counter(), time.thread_time()
        parser.parse(text)
        cpu.append((time.thread_time() - c) * 1000)
        wall.append((time.perf_counter() - w) * 1000)
    return wall, cpu


def main() -> None:
    parser = RuleParser()
    for text in DMS:
        parser.parse(text)  # warm the typo cache as a running bot would be
    wall, cpu = _measure(parser, DMS * 200)
    print(f"typical DMs ({len(DMS)} x 200): wall {_percentiles(wall)}; cpu {_percentiles(cpu)}")
    chat = DATA / "chat" / "admiralbulldog_2019-04-30.csv"
    if not chat.exists():
        print("shared chat log absent: corpus figures skipped")
        return
    with chat.open(encoding="utf-8", newline="") as f:
        messages = [row["message"] for row in csv.DictReader(f)]
    wall, cpu = _measure(parser, messages)
    print(
        f"chat corpus ({len(messages)} lines, cold cache): wall {_percentiles(wall)}; cpu {_percentiles(cpu)}"
    )
    commands = [parser.parse(m).command for m in messages]
    read_only = sum(1 for c in commands if c.interaction_type != "unknown" and not c.changes_state)
    changed = [m for m, c in zip(messages, commands, strict=False) if c.changes_state]
    print(
        f"chat read as commands: {read_only} read-only, {len(changed)} state-changing; "
        f"mean {statistics.fmean(cpu):.3f} ms cpu per line"
    )


if __name__ == "__main__":
    main()
