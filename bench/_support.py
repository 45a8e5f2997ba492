"""What the benchmarks share: a throwaway migrated PostgreSQL and memory readings."""

from __future__ import annotations

import os
import resource
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psutil

from chronicler.store import start_embedded, upgrade


@contextmanager
def throwaway_database(name: str) -> Iterator[str]:
    """BENCH_DATABASE_URL, or a fresh embedded PostgreSQL (product defaults) in a temporary folder."""
    url = os.environ.get("BENCH_DATABASE_URL")
    if url:
        upgrade(url)
        yield url
        return
    folder = Path(tempfile.mkdtemp(prefix=f"chronicler-bench-{name}-"))
    url = start_embedded(folder, database=f"bench_{name}", delete_on_exit=True)
    upgrade(url)
    yield url


def rss_mb() -> float:
    """This process's resident memory now, in MB."""
    return psutil.Process().memory_info().rss / 1e6


def peak_rss_mb() -> float:
    """This process's peak resident memory so far, in MB (Linux reports ru_maxrss in KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3
