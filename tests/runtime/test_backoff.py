"""The backoff helper: delays grow and stop at the cap; only transient errors are tried again."""

from __future__ import annotations

import pytest

from chronicler.contract.errors import InvalidInput, ServiceUnavailable
from chronicler.runtime.backoff import Backoff, retry, retry_async


def test_delays_double_from_the_first_and_stop_at_the_cap():
    policy = Backoff(first=1.0, maximum=10.0)
    assert [policy.delay(n) for n in range(0, 7)] == [0.0, 1.0, 2.0, 4.0, 8.0, 10.0, 10.0]
    assert policy.delay(10_000) == 10.0


def test_a_transient_failure_is_tried_again_after_the_policy_s_delays():
    outcomes = [ServiceUnavailable("down"), ServiceUnavailable("down"), "ok"]
    slept: list[float] = []

    def call() -> str:
        outcome = outcomes.pop(0)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    assert retry(call, policy=Backoff(first=0.5, maximum=5.0), attempts=5, sleep=slept.append) == "ok"
    assert slept == [0.5, 1.0]


def test_a_non_transient_error_is_raised_at_once():
    calls: list[int] = []

    def call() -> None:
        calls.append(1)
        raise InvalidInput("no", field="x")

    with pytest.raises(InvalidInput):
        retry(call, policy=Backoff(first=1.0, maximum=1.0), attempts=5, sleep=lambda s: None)
    assert len(calls) == 1


def test_the_last_transient_error_is_raised_when_attempts_run_out():
    def call() -> None:
        raise ServiceUnavailable("still down")

    with pytest.raises(ServiceUnavailable, match="still down"):
        retry(call, policy=Backoff(first=1.0, maximum=1.0), attempts=3, sleep=lambda s: None)


async def test_the_async_form_retries_the_same_way():
    outcomes: list[object] = [ServiceUnavailable("down"), 7]
    slept: list[float] = []

    async def call() -> object:
        outcome = outcomes.pop(0)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    async def sleep(seconds: float) -> None:
        slept.append(seconds)

    assert await retry_async(call, policy=Backoff(first=2.0, maximum=9.0), attempts=2, sleep=sleep) == 7
    assert slept == [2.0]
