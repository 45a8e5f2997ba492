"""One loop of named jobs, each with its own interval, and one place that catches and logs their errors.

A job that fails transiently (`ServiceUnavailable`: the database or Discord is down) backs off: its
next try waits twice its interval, doubling with each failure in a row, never more than
`MAX_RETRY_DELAY`. Any other exception is a bug: it is logged with its trace and the job runs again
at its usual interval, since waiting longer would not fix it and would only hide it.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from chronicler.runtime.backoff import Backoff, is_transient

log = logging.getLogger(__name__)

MAX_RETRY_DELAY = 300.0  # seconds: the longest a transiently failing job waits between tries


@dataclass
class Job:
    """A named piece of periodic work; `run()` returns how many things it did (for the log)."""

    name: str
    interval: float  # seconds between the end of one run and the start of the next
    run: Callable[[], int]
    next_at: float = field(default=0.0, compare=False)  # monotonic time of the next run; 0 = at once
    failures: int = field(default=0, compare=False)  # transient failures in a row, for the back-off

    @property
    def backoff(self) -> Backoff:
        """The waits after transient failures: twice the interval, doubling, up to MAX_RETRY_DELAY."""
        return Backoff(first=2 * self.interval, maximum=MAX_RETRY_DELAY)


class Scheduler:
    """Runs due jobs one after another; a failing job is logged and tried again later, never fatal."""

    def __init__(self, jobs: list[Job], *, clock: Callable[[], float] = time.monotonic) -> None:
        names = [job.name for job in jobs]
        if len(set(names)) != len(names):
            raise ValueError(f"job names must be unique: {names}")
        self.jobs = jobs
        self._clock = clock

    def run_due(self) -> float:
        """Run every job that is due; return seconds until the next one is."""
        for job in self.jobs:
            if self._clock() >= job.next_at:
                self._run(job)
        return max(0.0, min(job.next_at for job in self.jobs) - self._clock())

    def run_forever(self, stop: threading.Event) -> None:
        """Run jobs as they fall due until `stop` is set."""
        log.info("scheduler running: %s", ", ".join(f"{j.name} every {j.interval:g}s" for j in self.jobs))
        while not stop.is_set():
            stop.wait(min(self.run_due(), 1.0))

    def _run(self, job: Job) -> None:
        started = self._clock()
        try:
            done = job.run()
        except Exception as exc:
            # The one place errors of jobs land, logged with the job's name; only an outage backs off.
            if is_transient(exc):
                job.failures += 1
                delay = job.backoff.delay(job.failures)
                log.warning(
                    "job %s: %s (%d in a row); next try in %.0f s", job.name, exc, job.failures, delay
                )
            else:
                job.failures = 0
                delay = job.interval
                log.exception("job %s failed (a bug, not an outage); next run in %.0f s", job.name, delay)
            job.next_at = self._clock() + delay
            return
        job.failures = 0
        job.next_at = self._clock() + job.interval
        if done:
            log.info("job %s: %d done in %.0f ms", job.name, done, (self._clock() - started) * 1000)
