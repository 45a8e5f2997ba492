"""DM round trip: a DM's text through RuleParser → registry → API client → the real API → reply.

Starts everything for real on this machine: an embedded PostgreSQL in a temporary folder (or the
server in BENCH_DATABASE_URL), the migrated schema, the Flask API under waitress on 127.0.0.1, a
streamer linked to a Discord id with a link code, a session with some chat in it. Then times 1,000
DMs through `Conversation.handle` (the same path the Discord client takes, minus Discord), each
beside a `GET /health` round trip on the same connection pool, and prints both distributions.

The audit record of a DM is posted in the background, as in the bot; it is awaited between DMs,
outside the timing (DMs from one person are seconds apart). The rate limit is lifted: it is not
what is measured. Target: DM p50 < 20 ms and p99 < 60 ms.

    python -m bench.dm_roundtrip [--dms 1000]

Exits 2, naming them, when the API lacks an endpoint the bot calls.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import secrets
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import aiohttp
from waitress.server import create_server

from chronicler.accounts import Accounts
from chronicler.api import create_app
from chronicler.bot.api_client import ApiClient, ApiError, EndpointMissing
from chronicler.bot.auth import DiscordAuthenticator
from chronicler.bot.conversation import (
    API_DOWN,
    MISCONFIGURED,
    NOT_AVAILABLE,
    SIGN_IN_FAILED,
    SOMETHING_WRONG,
    Conversation,
)
from chronicler.bot.ratelimit import RateLimiter
from chronicler.config.settings import Settings
from chronicler.nlp.rules import RuleParser
from chronicler.store import Database, start_embedded, upgrade

TARGET_P50_MS, TARGET_P99_MS = 20.0, 60.0
DISCORD_ID = "123456789012345678"
DMS = (
    "show today's flagged messages",
    "session status",
    "stats for this week",
    "what were the clip candidates last stream?",
    "any blog ideas from this stream?",
    "which modes are on?",
    "flags for this session",
    "help",
)
# Every endpoint a DM above, or the conversation around it, calls. (method, path, needs a token)
ENDPOINTS = (
    ("GET", "/api/me"),
    ("GET", "/api/sessions/current"),
    ("GET", "/api/sessions?status=ended&limit=1"),
    ("GET", "/api/flags?range=today&limit=15"),
    ("GET", "/api/clips?range=last&limit=10"),
    ("GET", "/api/blog-seeds"),
    ("GET", "/api/stats?range=week"),
    ("GET", "/api/modes"),
    ("GET", "/api/notices"),
)
FAILURES = {API_DOWN, NOT_AVAILABLE, MISCONFIGURED, SIGN_IN_FAILED, SOMETHING_WRONG}
CHAT = [
    ("wren_fan", "that jump was insane"),
    ("lurker_42", "what game is this?"),
    ("speedy", "PB pace!!"),
    ("spambot9", "FREE NITRO at https://dlscord-gift.example/claim click now"),
    ("wren_fan", "clip it clip it"),
    ("newbie", "first time here, hi all"),
    ("spambot9", "buy followers cheap at bigfollows dot example"),
]


def main(argv: list[str] | None = None) -> int:
    """Set everything up, run the DMs, print the figures; 0 when the targets are met."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dms", type=int, default=1000)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    logging.getLogger("pgserver").setLevel(logging.ERROR)

    with tempfile.TemporaryDirectory(prefix="bench-dm-") as folder, database(Path(folder)) as db:
        settings = Settings(
            app_env="test",
            jwt_secret=secrets.token_urlsafe(48),
            bot_api_secret=secrets.token_urlsafe(48),
            bcrypt_rounds=4,
            data_dir=Path(folder) / "data",
            export_path=Path(folder) / "exports",
        )
        accounts = Accounts.from_settings(db, settings)
        user = accounts.register("pixel_wren", secrets.token_urlsafe(12), twitch_channel="pixel_wren")
        code, _ = accounts.create_link_code(user.id)
        with serving(create_app(settings, db=db), threads=settings.api_threads) as url:
            print(f"API on {url} (waitress, {settings.api_threads} threads), PostgreSQL at {db_where()}")
            return asyncio.run(run(url, settings, code, args.dms))


async def run(url: str, settings: Settings, code: str, dms: int) -> int:
    """Link, start a session, seed chat, then time the DMs and the health checks."""
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=8)) as http:
        client = ApiClient(http, url, bot_secret=settings.bot_api_secret)
        conversation = Conversation(
            client, RuleParser(), DiscordAuthenticator(client), limiter=RateLimiter(limit=10**9)
        )
        linked = await conversation.handle(DISCORD_ID, f"link {code}")
        assert linked is not None
        if not linked.plain_text().startswith("Linked!"):
            print(f"linking failed: {linked.plain_text()}")
            return 2
        token = (await client.token_for_discord(DISCORD_ID)).access_token
        if missing := await missing_endpoints(client, token):
            print("the API lacks endpoints the bot calls, so the bench cannot run:")
            for endpoint in missing:
                print(f"  {endpoint}")
            return 2
        started = await conversation.handle(DISCORD_ID, "start chronicling")
        print(f"start chronicling -> {started.plain_text() if started else None}")
        print(f"seeded {await seed_chat(client, token)} chat messages into the session\n")

        for text in DMS * 3:  # warm-up: connections, caches, the parser's tables
            await conversation.handle(DISCORD_ID, text)
            await conversation.aclose()

        dm_ms: list[float] = []
        health_ms: list[float] = []
        parse_ms: list[float] = []
        failed: list[str] = []
        parser = RuleParser()
        for n in range(dms):
            text = DMS[n % len(DMS)]
            began = time.perf_counter()
            await client.health()
            health_ms.append((time.perf_counter() - began) * 1000)

            began = time.perf_counter()
            reply = await conversation.handle(DISCORD_ID, text)
            dm_ms.append((time.perf_counter() - began) * 1000)
            await conversation.aclose()  # the background audit record, outside the timing
            if reply is None or any(reply.plain_text().startswith(f) for f in FAILURES):
                failed.append(f"{text!r} -> {reply.plain_text() if reply else None}")
            parse_ms.append(parser.parse(text).latency_ms)

    print(f"{dms:,} DMs, cycling through {len(DMS)} phrasings; times in ms")
    print(f"  {'':28} {'p50':>7} {'p90':>7} {'p99':>7} {'max':>7}")
    for label, values in (
        ("DM round trip (handle)", dm_ms),
        ("GET /health round trip", health_ms),
        ("RuleParser.parse alone", parse_ms),
    ):
        print(
            f"  {label:28} {pct(values, 50):7.2f} {pct(values, 90):7.2f} {pct(values, 99):7.2f} "
            f"{max(values):7.2f}"
        )
    if failed:
        print(f"\n{len(failed)} DMs got a failure reply, e.g. {failed[0]}")
    ok = not failed and pct(dm_ms, 50) < TARGET_P50_MS and pct(dm_ms, 99) < TARGET_P99_MS
    verdict = "met" if ok else "MISSED"
    print(f"\ntarget p50 < {TARGET_P50_MS:.0f} ms and p99 < {TARGET_P99_MS:.0f} ms: {verdict}")
    return 0 if ok else 1


async def missing_endpoints(client: ApiClient, token: str) -> list[str]:
    """The endpoints of ENDPOINTS (and the audit trail's) that this API does not have."""
    missing = []
    for method, path in ENDPOINTS:
        base, _, query = path.partition("?")
        params = dict(pair.split("=") for pair in query.split("&")) if query else None
        try:
            await client.request(method, base, token=token, params=params)
        except EndpointMissing:
            missing.append(f"{method} {base}")
        except ApiError:
            pass  # 404 no_active_session and the like: the route exists
    record = {
        "text": "bench",
        "parser": "rules",
        "model": None,
        "raw_output": None,
        "command": None,
        "retries": 0,
        "errors": [],
        "latency_ms": 0.0,
        "reply": "bench",
    }
    try:
        await client.request("POST", "/api/interactions", token=token, json_body=record)
    except EndpointMissing:
        missing.append("POST /api/interactions")
    except ApiError:
        pass
    return missing


async def seed_chat(client: ApiClient, token: str, rounds: int = 15) -> int:
    """Chat in the active session, through the API's message injection (0 when it is not there)."""
    sent = 0
    for n in range(rounds):
        for login, text in CHAT:
            body = {"username": login, "text": f"{text} ({n})", "message_id": f"bench-{n}-{sent}"}
            try:
                await client.request("POST", "/api/sessions/current/messages", token=token, json_body=body)
            except EndpointMissing:
                return sent
            sent += 1
    return sent


def pct(values: list[float], q: int) -> float:
    """The q-th percentile."""
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


@contextmanager
def database(folder: Path) -> Iterator[Database]:
    """A migrated database: BENCH_DATABASE_URL, or an embedded PostgreSQL in `folder`."""
    url = os.environ.get("BENCH_DATABASE_URL") or start_embedded(folder / "pg", database="bench_dm")
    upgrade(url)
    with Database(url, min_size=2, max_size=10) as db:
        yield db


def db_where() -> str:
    """Where the database runs, for the report."""
    if os.environ.get("BENCH_DATABASE_URL"):
        return "BENCH_DATABASE_URL"
    return "an embedded server (temp folder)"


@contextmanager
def serving(app: object, *, threads: int) -> Iterator[str]:
    """The WSGI app under waitress on a free 127.0.0.1 port, in a thread, for the duration."""
    server = create_server(app, host="127.0.0.1", port=0, threads=threads)
    thread = threading.Thread(target=server.run, name="waitress", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"
    finally:
        server.task_dispatcher.shutdown(timeout=5)  # finish requests in flight before the sockets go
        server.close()
        thread.join(timeout=5)


if __name__ == "__main__":
    sys.exit(main())
