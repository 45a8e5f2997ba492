"""Migrations wait for one another, and a process that died while migrating never blocks the next start."""

from __future__ import annotations

import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from chronicler.contract.errors import ServiceUnavailable
from chronicler.store.migrations import pending, upgrade

# A process that takes a migration lock, says so, and waits (to be killed or told to go).
HOLD = """
import sys
from yoyo import get_backend
from chronicler.store import migrations
url, which = sys.argv[1], sys.argv[2]
if which == "yoyo":  # yoyo's own lock: a row in a table, as every earlier version took it
    lock = get_backend(migrations._yoyo_url(url)).lock()
else:
    lock = migrations._migrating(url, 60)
with lock:
    print("holding", flush=True)
    sys.stdin.readline()
"""


@contextmanager
def holder(url: str, which: str) -> Iterator[subprocess.Popen[str]]:
    """Another process holding `which` migration lock on `url` until the test ends it."""
    process = subprocess.Popen(
        [sys.executable, "-c", HOLD, url, which], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout is not None and process.stdout.readline().strip() == "holding"
        yield process
    finally:
        process.kill()
        process.communicate()


@pytest.mark.parametrize("which", ["yoyo", "ours"])
def test_a_process_killed_while_it_held_the_lock_does_not_stop_the_next_start(fresh_url, which):
    with holder(fresh_url, which) as process:
        process.send_signal(signal.SIGKILL)  # no finally, no exit handler: the lock is left as it was
        process.wait()
    assert upgrade(fresh_url)  # every migration applied, at once: yoyo's row made this fail after 10 s
    assert pending(fresh_url) == []


def test_a_start_that_waits_too_long_for_another_migration_says_so_and_changes_nothing(fresh_url):
    with holder(fresh_url, "ours"), pytest.raises(ServiceUnavailable, match="another process .* migrating"):
        upgrade(fresh_url, lock_wait_s=0.5)
    assert pending(fresh_url)  # nothing was applied behind the other process's back


def test_a_start_goes_on_once_the_other_process_is_done(fresh_url):
    with holder(fresh_url, "ours") as process:
        process.communicate("\n", timeout=30)  # it lets go as an ordinary exit does
    assert upgrade(fresh_url, lock_wait_s=5)
