"""The job loop: an outage backs off, a bug is logged with its trace and runs again at its usual interval."""

from __future__ import annotations

import logging
from collections.abc import Callable

import pytest

from chronicler.contract.errors import ServiceUnavailable
from chronicler.scheduler.loop import MAX_RETRY_DELAY, Job, Scheduler


class Clock:
    """Monotonic seconds that move only when a test says so."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def scripted(*outcomes: Exception | int) -> Callable[[], int]:
    """A job body that raises or returns each outcome in turn."""
    queue = list(outcomes)

    def run() -> int:
        outcome = queue.pop(0)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    return run


def _tick(scheduler: Scheduler, clock: Clock, job: Job) -> float:
    """Move the clock to the job's next run, run what is due, and return how long until the one after."""
    clock.now = job.next_at
    scheduler.run_due()
    return job.next_at - clock.now


def test_an_outage_backs_off_doubling_up_to_the_cap_and_a_success_resets_it() -> None:
    down = ServiceUnavailable("the database is unreachable")
    clock = Clock()
    job = Job("deliver", 40.0, scripted(down, down, down, down, down, 1, down))
    scheduler = Scheduler([job], clock=clock)

    waits = [_tick(scheduler, clock, job) for _ in range(7)]

    assert waits == [80.0, 160.0, MAX_RETRY_DELAY, MAX_RETRY_DELAY, MAX_RETRY_DELAY, 40.0, 80.0]


def test_a_bug_is_logged_with_its_trace_and_runs_again_at_its_usual_interval(
    caplog: pytest.LogCaptureFixture,
) -> None:
    clock = Clock()
    broken = Job("broken", 30.0, scripted(*[KeyError("webhook_url")] * 3))
    healthy = Job("healthy", 30.0, scripted(1, 1, 1))
    scheduler = Scheduler([broken, healthy], clock=clock)

    waits = [_tick(scheduler, clock, broken) for _ in range(3)]

    assert waits == [30.0, 30.0, 30.0]  # never faster, never slower: waiting does not fix a bug
    assert broken.failures == 0 and healthy.next_at == clock.now + 30.0  # the loop kept running the rest
    traced = [r for r in caplog.records if r.levelno == logging.ERROR and "broken" in r.getMessage()]
    assert len(traced) == 3 and all(r.exc_info and r.exc_info[0] is KeyError for r in traced)


def test_a_bug_after_an_outage_does_not_inherit_its_back_off() -> None:
    down = ServiceUnavailable("Discord is down")
    clock = Clock()
    job = Job("deliver", 10.0, scripted(down, down, RuntimeError("bug"), down))
    scheduler = Scheduler([job], clock=clock)

    waits = [_tick(scheduler, clock, job) for _ in range(4)]

    assert waits == [20.0, 40.0, 10.0, 20.0]


def test_an_outage_is_logged_as_a_warning_without_a_trace(caplog: pytest.LogCaptureFixture) -> None:
    clock = Clock()
    job = Job("deliver", 5.0, scripted(ServiceUnavailable("the database is unreachable")))

    Scheduler([job], clock=clock).run_due()

    [record] = [r for r in caplog.records if "deliver" in r.getMessage()]
    assert record.levelno == logging.WARNING and record.exc_info is None
    assert "the database is unreachable (1 in a row); next try in 10 s" in record.getMessage()
