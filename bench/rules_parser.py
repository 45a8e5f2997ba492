"""Benchmark the rules parser: accuracy on the DM corpus (tune and the held-out eval split, harmful
count, per language), latency on typical DMs and on the real chat corpus, and how often chat reads as a
command (the English log in full, then every real log in ../shared/data/chat counted by command).
Run from the repo root: .venv/bin/python -m bench.rules_parser"""

from __future__ import annotations

import csv
import statistics
import time
from collections import Counter
from pathlib import Path

from bench import _dm_data as corpus
from chronicler.contract.commands import Command
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


def _understood(command: Command, sample: corpus.Sample) -> bool:
    """True when the parser read the DM as the corpus means it (the intent, and its mode, zone, grant)."""
    if sample.label == "none":
        return command.interaction_type == "unknown"
    kind, _, action = sample.label.partition(".")
    if (command.interaction_type, command.action) != (kind, action or None):
        return False
    return all(
        getattr(command, slot) == sample.slots[slot] for slot in ("mode", "timezone") if slot in sample.slots
    )


def accuracy(parser: RuleParser, split: str, fills: int) -> tuple[float, int, dict[str, float], list[str]]:
    """(accuracy, harmless DMs that became a state-changing command, accuracy per language, misses)."""
    right, harmful, misses = 0, 0, []
    per: dict[str, list[int]] = {lang: [0, 0] for lang in corpus.LANGUAGES}
    samples = list(corpus.samples(split, seed=99, fills=fills))
    for sample in samples:
        result = parser.parse(sample.text)
        command = result.command
        if result.errors:
            misses.append(f"ERROR {sample.text!r}: {result.errors[0]}")
        ok = _understood(command, sample)
        right += ok
        per[sample.language][0] += ok
        per[sample.language][1] += 1
        if sample.label == "none" and command.changes_state:
            harmful += 1
            misses.append(f"HARMFUL {sample.text!r} -> {command.to_json()}")
        elif not ok:
            misses.append(f"{sample.label}: {sample.text!r} -> {command.to_json()}")
    by_language = {lang: ok / total for lang, (ok, total) in per.items() if total}
    return right / len(samples), harmful, by_language, misses


def _kind(command: Command) -> str:
    return f"{command.interaction_type}.{command.action}"


def main() -> None:
    parser = RuleParser()
    for split, fills in (("tune", 2), ("eval", 6)):
        share, harmful, by_language, misses = accuracy(parser, split, fills)
        languages = ", ".join(f"{lang} {value:.1%}" for lang, value in by_language.items())
        errors = sum(1 for miss in misses if miss.startswith("ERROR"))
        print(
            f"DM corpus {split}: {share:.1%} understood, {harmful} harmless DMs became actions, "
            f"{errors} parser errors ({languages})"
        )
    for text in DMS:
        parser.parse(text)  # warm the typo cache as a running bot would be
    wall, cpu = _measure(parser, DMS * 200)
    print(f"typical DMs ({len(DMS)} x 200): wall {_percentiles(wall)}; cpu {_percentiles(cpu)}")
    # The DMs the intent model answers (the rules alone do not): the slower path, measured on its own.
    rules_only = RuleParser(learned=False)
    learned = [
        s.text
        for s in corpus.samples("eval", seed=7, fills=2)
        if parser.parse(s.text).command.interaction_type != "unknown"
        and rules_only.parse(s.text).command.interaction_type == "unknown"
    ]
    wall, cpu = _measure(parser, learned * 3)
    print(f"DMs the model answers ({len(learned)} x 3): wall {_percentiles(wall)}; cpu {_percentiles(cpu)}")
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
    # Every other real log too (German, Chinese, small English channels): a chat line is no DM to the
    # bot, so what it changes is what a streamer pasting chat would see acted on. Counts only; the lines
    # are real people's words.
    total, changing = len(messages), Counter(_kind(c) for c in commands if c.changes_state)
    for log in sorted((DATA / "chat").glob("*.csv")):
        if log == chat:
            continue  # read above
        with log.open(encoding="utf-8", newline="") as f:
            lines = [row.get("message") or "" for row in csv.DictReader(f)]
        total += len(lines)
        changing.update(_kind(c) for c in (parser.parse(line).command for line in lines) if c.changes_state)
    print(
        f"every chat log ({total} lines): {sum(changing.values())} state-changing "
        f"({', '.join(f'{kind} {n}' for kind, n in changing.most_common()) or 'none'})"
    )


if __name__ == "__main__":
    main()
