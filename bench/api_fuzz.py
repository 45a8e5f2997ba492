"""The API under abuse at length: seeded hostile requests from the OpenAPI document, every answer judged.

Builds the API on a throwaway PostgreSQL (or BENCH_DATABASE_URL), creates one streamer, and sends
`--requests` requests made by tests/api/_fuzz.py with `--seed` through Flask's test client (in
process). Prints the counts by operation and status, how many 5xx were found (the target is 0) and
every problem (an undeclared status, an error that is not an ErrorOut, a body off its schema).
Exits 1 when there is any.

    python -m bench.api_fuzz [--requests 5000] [--seed 18] [--verbose]
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import time
from pathlib import Path

from bench._support import throwaway_database
from chronicler.accounts import Accounts
from chronicler.api import create_app
from chronicler.config.settings import Settings
from chronicler.store import Database
from tests.api._fuzz import NO_ROUTE, Fuzzer, Keys, run

JWT_SECRET = "bench-jwt-secret-that-is-long-enough-0123456789"
BOT_SECRET = "bench-bot-secret-that-is-long-enough-0123456789"


def main() -> int:
    """Run the fuzzer and print what it found; 1 when anything broke the document."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--requests", type=int, default=5_000)
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--verbose", action="store_true", help="print every request as it is sent")
    args = parser.parse_args()
    # The API logs each 500 with its trace; the report below says what matters without the noise.
    logging.basicConfig(level=logging.CRITICAL)
    folder = Path(tempfile.mkdtemp(prefix="chronicler-bench-fuzz-"))
    settings = Settings(
        app_env="test",
        jwt_secret=JWT_SECRET,
        bot_api_secret=BOT_SECRET,
        bcrypt_rounds=4,  # the product's 12 would make every login a quarter of a second
        data_dir=folder / "data",
        export_path=folder / "exports",
    )
    with throwaway_database("api_fuzz") as url, Database(url, min_size=1, max_size=4) as db:
        app = create_app(settings, db=db)
        user = Accounts.from_settings(db, settings).register(
            "pixel_wren", "correct horse", twitch_channel="pixel_wren"
        )
        spec = app.test_client().get("/api/openapi.json").get_json()
        fuzzer = Fuzzer(spec, Keys.of(settings, user.id, "pixel_wren", "correct horse"), seed=args.seed)
        show = (lambda case: print(case.describe(), flush=True)) if args.verbose else None
        started = time.monotonic()
        report = run(app, fuzzer, requests=args.requests, on_case=show)
        elapsed = time.monotonic() - started
    print(report.table())
    print()
    rate = report.requests / elapsed
    print(f"requests: {report.requests} in {elapsed:.1f} s ({rate:.0f}/s), seed {args.seed}")
    print(f"operations reached: {len({name for name, _ in report.counts} - {NO_ROUTE})}")
    print(f"5xx found: {report.server_errors}")
    print(f"problems: {len(report.problems)}")
    for problem in report.problems:
        print(f"  {problem}")
    return 1 if report.problems or report.server_errors else 0


if __name__ == "__main__":
    sys.exit(main())
