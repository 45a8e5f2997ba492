"""Interpreter-wide tuning for a process whose whole job is ingesting chat."""

from __future__ import annotations

import gc
import sys


def tune_for_ingest() -> None:
    """Make a process that ingests chat spend its time on chat (measured with bench/ingest.py).

    Chat makes many short-lived objects and keeps few: full collections walking every long-lived
    object (modules, settings, detector state) were a third of the ingest time, so what exists at
    start-up is frozen and the young generation collected less often. And the thread that flushes
    to PostgreSQL gives up the GIL at every round trip: a shorter switch interval gets it back
    sooner each time, so PostgreSQL waits less for the next batch (22-29k msg/s against 19-21k at
    the default 5 ms, three runs each).
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 50, 100)
    sys.setswitchinterval(0.0005)
