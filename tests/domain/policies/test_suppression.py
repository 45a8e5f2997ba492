"""ResponseSuppression: silent at or above the active-chat threshold."""

from __future__ import annotations

import pytest

from chronicler.contract.errors import InvalidInput
from chronicler.domain.policies import ChatActivity, ResponseSuppression
from tests.domain.librarian.chatlog import at


def _activity(messages: int) -> ChatActivity:
    activity = ChatActivity()
    for n in range(messages):
        activity.record(at(n))
    return activity


def test_below_the_threshold_the_bot_may_speak() -> None:
    assert ResponseSuppression().should_stay_silent(_activity(4), at(30)) is False


def test_at_the_threshold_the_bot_stays_silent() -> None:
    assert ResponseSuppression().should_stay_silent(_activity(5), at(30)) is True


def test_the_threshold_is_configurable() -> None:
    suppression = ResponseSuppression(active_threshold_per_minute=10)

    assert suppression.should_stay_silent(_activity(9), at(30)) is False


@pytest.mark.parametrize("threshold", [0, -1, float("nan")])
def test_a_threshold_that_is_not_positive_is_refused(threshold: float) -> None:
    with pytest.raises(InvalidInput) as caught:
        ResponseSuppression(threshold)

    assert caught.value.field == "active_threshold_per_minute"
