"""Time `chronicler replay` on the shared real chat log, as a streamer runs it: the whole command.

Run from the repository root:

    .venv/bin/python -m bench.replay

Replays ../shared/data/chat/admiralbulldog_2019-04-30.csv (26,323 lines) into a throwaway
PostgreSQL, twice: the first pass stores everything, the second finds it all stored already. Each
run is a fresh `chronicler replay` process, so start-up (imports, opening the database) is counted,
and its summary is printed. Skips (exit 0) when ../shared/data is absent. Target: < 10 s a run.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench._support import throwaway_database
from chronicler.store import Database

REPO = Path(__file__).resolve().parents[1]
LOG = REPO / "../shared/data/chat/admiralbulldog_2019-04-30.csv"
CHANNEL = "replayed_channel"
TARGET_SECONDS = 10.0


def replay_once(url: str, data_dir: str) -> tuple[float, str]:
    """Seconds the whole command took, and what it printed."""
    env = {**os.environ, "DATABASE_URL": url, "DATA_DIR": data_dir}
    began = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "chronicler", "replay", str(LOG), "--channel", CHANNEL, "--no-progress"],
        env=env,
        cwd=data_dir,  # no .env of the repository is read
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.monotonic() - began
    if done.returncode != 0:
        raise SystemExit(f"replay failed ({done.returncode}): {done.stderr or done.stdout}")
    return seconds, done.stdout


def main() -> None:
    """Replay the real log twice and print the times against the target."""
    if not LOG.exists():
        print(f"skipped: {LOG} is not here")
        return
    with throwaway_database("replay") as url, tempfile.TemporaryDirectory() as data_dir:
        with Database(url, max_size=1) as db:
            db.insert("users", {"username": "bench", "password_hash": "x", "twitch_channel": CHANNEL})
        runs = []
        for label in ("first replay", "same log again"):
            seconds, output = replay_once(url, data_dir)
            runs.append(seconds)
            print(f"== {label}: {seconds:.1f} s")
            print(output.rstrip())
    worst = max(runs)
    verdict = "met" if worst < TARGET_SECONDS else "NOT met"
    print(f"target (< {TARGET_SECONDS:g} s for the whole command): {verdict} (worst {worst:.1f} s)")


if __name__ == "__main__":
    main()
