"""Times the Scribe's ledger on a synthetic six-hour, 250,000-message session.

Run from the repo root:  .venv/bin/python -m bench.ledger [--messages N] [--seed S] [--out DIR]

Steps timed: per-minute counts over every message time, markdown, JSON (to_json + json.dumps),
the PNG chart and the Discord summary. The first pass is cold (matplotlib loads its fonts on the
first chart); the second is warm, as in the long-running scheduler. Memory is reported two ways:
tracemalloc's peak of Python allocations made during one ledger pass (a separate, untimed pass,
since tracing slows everything down), and the process's ru_maxrss (everything, synthetic data included).
Target: under 2 s and under 300 MB.
"""

from __future__ import annotations

import argparse
import importlib
import json
import resource
import sys
import time
import tracemalloc
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
from psycopg.types.json import Jsonb

HOURS = 6
CHATTERS = 3_000
CLIPS = 30
FLAGS = 300
TARGET_S, TARGET_MB = 2.0, 300


def main(argv: list[str] | None = None) -> int:
    """Build the session, time the ledger twice, and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=250_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, help="also write ledger.md, ledger.json and chart.png here")
    parser.add_argument(
        "--no-sql", action="store_true", help="skip the run that gathers the ledger from PostgreSQL"
    )
    args = parser.parse_args(argv)

    began = time.perf_counter()
    scribe = importlib.import_module("chronicler.domain.scribe")
    print(f"import core.scribe (numpy, matplotlib): {time.perf_counter() - began:6.3f} s (not in totals)")

    began = time.perf_counter()
    session = synthetic_session(scribe, messages=args.messages, seed=args.seed)
    print(f"synthetic session built:               {time.perf_counter() - began:6.3f} s (not in totals)")
    print(
        f"  {args.messages:,} messages, {CHATTERS:,} chatters, {len(session['clips'])} clips, "
        f"{sum(group.count for group in session['flag_groups'])} flags over {HOURS} h\n"
    )

    totals = [run_ledger(scribe, session, label=label, out=args.out) for label in ("cold", "warm")]

    tracemalloc.start()
    run_ledger(scribe, session, label=None)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    maxrss_mb = _maxrss_mb()
    print(f"peak memory, tracemalloc (Python allocations during one ledger pass): {peak / 2**20:7.1f} MB")
    print(f"peak memory, ru_maxrss (whole process, synthetic data included):      {maxrss_mb:7.1f} MB")
    if not args.no_sql:
        totals.append(run_from_database(session))
        maxrss_mb = _maxrss_mb()
        print(f"peak memory, ru_maxrss after the PostgreSQL run:                      {maxrss_mb:7.1f} MB")
    ok = max(totals) < TARGET_S and maxrss_mb < TARGET_MB
    print(f"\ntarget < {TARGET_S} s and < {TARGET_MB} MB: {'met' if ok else 'MISSED'}")
    return 0 if ok else 1


def run_ledger(scribe: Any, session: dict[str, Any], *, label: str | None, out: Path | None = None) -> float:
    """One full ledger from message times to PNG; prints each step when `label` is given."""
    timings: list[tuple[str, float]] = []

    def step(name: str, work: Callable[[], Any]) -> Any:
        began = time.perf_counter()
        result = work()
        timings.append((name, time.perf_counter() - began))
        return result

    start, end = session["start"], session["end"]
    per_minute = step("per_minute_counts", lambda: scribe.per_minute_counts(session["times"], start, end))
    data = step(
        "assemble LedgerData",
        lambda: scribe.LedgerData(
            session=scribe.LedgerSession(
                1, "bench_channel", "Six hours of everything", start, end, "America/New_York"
            ),
            numbers=scribe.LedgerNumbers.from_per_minute(
                per_minute, chatters=session["chatters"], first_time_chatters=session["first_time"]
            ),
            per_minute=per_minute,
            top_chatters=session["top_chatters"],
            clips=session["clips"],
            flag_groups=session["flag_groups"],
            agent_lines=session["agent_lines"],
            notable=session["notable"],
            blog_seeds=session["blog_seeds"],
        ),
    )
    markdown = step("render_markdown", lambda: scribe.render_markdown(data))
    document = step("to_json + json.dumps", lambda: json.dumps(scribe.to_json(data)))
    png = step("render_chart", lambda: scribe.render_chart(data))
    step("summarize", lambda: scribe.summarize(data, image="chart.png"))
    total = sum(seconds for _, seconds in timings)
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        (out / "ledger.md").write_text(markdown, encoding="utf-8")
        (out / "ledger.json").write_text(document, encoding="utf-8")
        (out / "chart.png").write_bytes(png)
    if label is not None:
        print(f"{label} pass:")
        for name, seconds in timings:
            print(f"  {name:<24} {seconds:6.3f} s")
        print(
            f"  {'total':<24} {total:6.3f} s   (markdown {len(markdown):,} chars, "
            f"JSON {len(document):,} chars, PNG {len(png):,} bytes)\n"
        )
    return total


def run_from_database(session: dict[str, Any]) -> float:
    """The product's path: the session stored by the pipeline's recorder, then `core.ledgers.make_ledger`
    (SQL over the aggregates, markdown, JSON, chart, the three files and the stored row), timed."""
    import tempfile

    from bench._support import throwaway_database
    from chronicler.domain.chat import ChatMessage
    from chronicler.pipeline import ChatRecorder, Decisions, SessionRef
    from chronicler.store import Database
    from chronicler.store.ledgers import make_ledger

    with throwaway_database("ledger") as url, Database(url) as db, tempfile.TemporaryDirectory() as folder:
        user_id = db.insert("users", {"username": "bench", "password_hash": "x"})["id"]
        session_id = db.insert(
            "stream_sessions",
            {
                "user_id": user_id,
                "channel": "bench",
                "theme": "a long night",
                "started_at": session["start"],
                "status": "ended",
                "ended_at": session["end"],
            },
        )["id"]
        recorder = ChatRecorder(db, SessionRef(session_id, user_id, "bench"))
        began = time.perf_counter()
        for n, (at, author) in enumerate(zip(session["times"], session["authors"].tolist(), strict=True)):
            recorder.add(ChatMessage(f"m{n}", "bench", f"chatter_{author}", "a chat line", at), Decisions())
            if n % 20_000 == 19_999:
                recorder.flush()
        recorder.flush()
        for clip in session["clips"]:
            db.insert(
                "clip_candidates",
                {
                    "user_id": user_id,
                    "session_id": session_id,
                    "start_at": clip.start,
                    "end_at": clip.end,
                    "score": clip.score,
                    "reason": clip.reason,
                    "samples": Jsonb(list(clip.samples)),
                },
                returning=None,
            )
        print(f"\nstored through the recorder (not timed): {time.perf_counter() - began:6.3f} s")
        timings = []
        for label in ("cold", "warm"):
            began = time.perf_counter()
            make_ledger(db, session_id, Path(folder))
            timings.append(time.perf_counter() - began)
            print(
                f"{label}: make_ledger from PostgreSQL (SQL + markdown + JSON + chart + files + row): "
                f"{timings[-1]:6.3f} s"
            )
    return max(timings)


def synthetic_session(scribe: Any, *, messages: int, seed: int) -> dict[str, Any]:
    """A plausible stream: a warm-up, a busy middle with waves, a BRB lull, spikes, a wind-down."""
    rng = np.random.default_rng(seed)
    minutes = HOURS * 60
    start = datetime(2024, 3, 9, 23, 30, tzinfo=UTC)
    end = start + timedelta(minutes=minutes)

    m = np.arange(minutes)
    rate = np.interp(m, [0, 20, 300, 360], [0.2, 1.0, 1.0, 0.3]) * (1 + 0.35 * np.sin(m / 17))
    rate[150:172] *= 0.02  # "be right back": a quiet stretch
    rate[250:268] *= 0.05
    spikes = np.sort(rng.choice(np.r_[25:148, 175:248, 270:350], size=CLIPS, replace=False))
    for at in spikes:
        rate[at : at + 3] = np.maximum(rate[at : at + 3], rng.uniform(2.5, 4.0))
    counts = rng.multinomial(messages, rate / rate.sum())
    offsets = np.repeat(m * 60.0, counts) + rng.uniform(0, 60, size=messages)
    times = [start + timedelta(seconds=float(seconds)) for seconds in offsets]

    # Zipf-ish activity: a few regulars write most of the chat.
    weights = 1 / np.arange(1, CHATTERS + 1) ** 1.1
    authors = rng.choice(CHATTERS, size=messages, p=weights / weights.sum())
    by_author = Counter(authors.tolist())
    top = tuple(scribe.ChatterCount(f"chatter_{i}", f"Chatter_{i}", n) for i, n in by_author.most_common(10))

    def at(minute: float) -> datetime:
        return start + timedelta(minutes=float(minute))

    # Scores as the Librarian gives them (2 and up; weaker ones never reach a ledger), peaks in the window.
    kinds = ("funny", "hype", "shock", "sad", "wholesome")
    clips = tuple(
        scribe.LedgerClip(
            at(minute),
            at(minute + 2.5),
            float(rng.uniform(2.0, 8.0)),
            f"{kinds[n % len(kinds)].capitalize()}: 120 chatters at 3.1x the usual; 70% of messages reacting",
            tuple(f"chatter_{rng.integers(CHATTERS)}: LUL that was *amazing* #{k}" for k in range(5)),
            peak=at(minute + float(rng.uniform(0.3, 1.5))),
            kind=kinds[n % len(kinds)],
        )
        for n, minute in enumerate(spikes)
    )
    rules = ("spam_link", "caps_flood", "repeated_message", "slur_filter", "bot_pattern")
    flag_minutes = np.sort(rng.uniform(0, minutes, size=FLAGS))
    flag_rules = rng.choice(len(rules), size=FLAGS, p=[0.4, 0.25, 0.2, 0.05, 0.1])
    flag_groups = tuple(
        scribe.FlagGroup(
            rule,
            int((flag_rules == r).sum()),
            tuple(
                scribe.FlagExample(
                    f"spammer_{i}",
                    "cheap viewers at https://example.invalid/x [go](http://evil)",
                    at(flag_minutes[i]),
                    "matched rule",
                    float(rng.uniform(0.6, 1.0)),
                )
                for i in np.flatnonzero(flag_rules == r)
            ),
        )
        for r, rule in enumerate(rules)
    )
    agent_lines = tuple(
        scribe.AgentLine(
            "hearthkeeper" if k % 3 else "steward",
            at(k * 3 + 1),
            "Welcome in! The run is at chapter 7.",
            "what chapter is this?" if k % 2 else None,
        )
        for k in range(120)
    )
    # Half of them the same question again: the ledger folds those (issue 18's ten "what did i miss").
    notable = tuple(
        scribe.NotableLine(
            at(k * 6 + 2),
            f"chatter_{k}",
            "what did i miss?" if k % 2 else f"how do you do trick {k} of the wavedash so fast?",
            "question",
        )
        for k in range(60)
    )
    seeds = tuple(
        scribe.LedgerSeed(f"Topic {k}", "What chat asked most about, written up.") for k in range(8)
    )
    return {
        "start": start,
        "end": end,
        "times": times,
        "chatters": len(by_author),
        "first_time": 412,
        "top_chatters": top,
        "clips": clips,
        "flag_groups": flag_groups,
        "agent_lines": agent_lines,
        "notable": notable,
        "blog_seeds": seeds,
        "authors": authors,
    }


def _maxrss_mb() -> float:
    # Linux reports kilobytes, macOS bytes.
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / 2**20 if sys.platform == "darwin" else rss / 2**10


if __name__ == "__main__":
    sys.exit(main())
