"""Query latency with 10 million stored messages: GET /api/flags?range=today and /api/stats?range=week.

Builds 60 daily sessions (the last one today) of chat in PostgreSQL, server-side, with the
aggregates and about one flag per 500 messages, as the pipeline would have left them; then times
the two requests over real HTTP (the API under waitress, keep-alive) and prints p50/p95/p99.
Target: p95 under 50 ms for both.

    python -m bench.queries [--messages 10000000] [--requests 300]
"""

from __future__ import annotations

import argparse
import statistics
import threading
import time
from datetime import UTC, datetime, timedelta

import requests
from waitress.server import create_server

from bench._support import throwaway_database
from chronicler.accounts import Accounts
from chronicler.api import create_app
from chronicler.config.settings import Settings
from chronicler.store import Database

SESSIONS = 60


def fill(db: Database, user_id: int, messages: int) -> None:
    """Sessions, messages and flags, generated inside PostgreSQL.

    A trigger keeps the counts (migration 0006).
    """
    per_session = messages // SESSIONS
    today = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    for day in range(SESSIONS):
        started = today - timedelta(days=SESSIONS - 1 - day) + timedelta(minutes=5)
        ended = started + timedelta(hours=6)
        live = day == SESSIONS - 1
        session_id = db.insert(
            "stream_sessions",
            {
                "user_id": user_id,
                "channel": "bench_channel",
                "started_at": started,
                "status": "active" if live else "ended",
                "ended_at": None if live else ended,
            },
        )["id"]
        db.execute(
            """
            INSERT INTO chat_messages (session_id, channel, twitch_message_id, chatter_login, display_name,
                                       text, sent_at, first_message)
            SELECT %(sid)s, 'bench_channel', %(sid)s || '-' || n, 'chatter' || (n * 7919 %% 3000),
                   'Chatter', 'message number ' || n,
                   %(start)s + (n * 21600.0 / %(count)s) * interval '1 second',
                   n %% 97 = 0
            FROM generate_series(1, %(count)s) AS n
            """,
            {"sid": session_id, "start": started, "count": per_session},
        )
        db.execute(
            """
            INSERT INTO flags (user_id, session_id, twitch_message_id, chatter_login, display_name, text,
                               sent_at, rule, score, reason)
            SELECT %(uid)s, session_id, twitch_message_id, chatter_login, display_name, text, sent_at,
                   'viewer_selling', 0.9, 'sells viewers'
            FROM chat_messages WHERE session_id = %(sid)s AND hashtext(twitch_message_id) %% 500 = 0
            """,
            {"sid": session_id, "uid": user_id},
        )
    db.execute("ANALYZE")


def timed(session: requests.Session, url: str, headers: dict[str, str], count: int) -> list[float]:
    """Milliseconds per request."""
    times = []
    for _ in range(count):
        started = time.perf_counter()
        response = session.get(url, headers=headers)
        times.append((time.perf_counter() - started) * 1000)
        response.raise_for_status()
    return times


def report(name: str, times: list[float]) -> float:
    """Print percentiles; return p95."""
    cuts = statistics.quantiles(times, n=100)
    print(f"{name:<28} p50 {cuts[49]:6.1f} ms   p95 {cuts[94]:6.1f} ms   p99 {cuts[98]:6.1f} ms")
    return cuts[94]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--messages", type=int, default=10_000_000)
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()
    with throwaway_database("queries") as url, Database(url, max_size=8) as db:
        settings = Settings(jwt_secret="b" * 40, bot_api_secret="c" * 40, bcrypt_rounds=4, database_url=url)
        accounts = Accounts.from_settings(db, settings)
        user = accounts.register("bench_user", "bench password")
        started = time.perf_counter()
        fill(db, user.id, args.messages)
        stored = db.fetch_value("SELECT count(*) FROM chat_messages")
        print(
            f"{stored:,} messages, {db.count('flags'):,} flags in {SESSIONS} sessions "
            f"(filled in {time.perf_counter() - started:.0f} s)"
        )
        server = create_server(create_app(settings, db=db), host="127.0.0.1", port=0, threads=4)
        threading.Thread(target=server.run, daemon=True).start()
        base = f"http://127.0.0.1:{server.effective_port}"
        _user, pair = accounts.login("bench_user", "bench password")
        headers = {"Authorization": f"Bearer {pair.access_token}"}
        with requests.Session() as http:
            timed(http, f"{base}/health", {}, 20)  # warm up
            health = report("GET /health", timed(http, f"{base}/health", {}, args.requests))
            flags = report(
                "GET /api/flags?range=today",
                timed(http, f"{base}/api/flags?range=today", headers, args.requests),
            )
            stats = report(
                "GET /api/stats?range=week",
                timed(http, f"{base}/api/stats?range=week", headers, args.requests),
            )

    ok = flags < 50 and stats < 50
    print(f"target p95 < 50 ms: {'met' if ok else 'NOT met'} (health p95 {health:.1f} ms for scale)")


if __name__ == "__main__":
    main()
