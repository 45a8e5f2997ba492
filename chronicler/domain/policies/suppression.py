"""ResponseSuppression: the bot keeps quiet while humans are busy talking to each other."""

from __future__ import annotations

from datetime import datetime

from chronicler.contract.errors import InvalidInput
from chronicler.domain.policies.activity import ChatActivity

DEFAULT_ACTIVE_THRESHOLD = 5.0


class ResponseSuppression:
    """Silence at or above `active_threshold_per_minute` human messages in the last minute.

    At 5 messages a minute (the default) chat is a conversation, and a bot joining in gets in
    the way; below it, a friendly answer is welcome. The threshold itself counts as busy.
    """

    def __init__(self, active_threshold_per_minute: float = DEFAULT_ACTIVE_THRESHOLD) -> None:
        if not active_threshold_per_minute > 0:
            raise InvalidInput(
                "the active-chat threshold must be above 0 messages per minute",
                field="active_threshold_per_minute",
            )
        self.active_threshold_per_minute = float(active_threshold_per_minute)

    def should_stay_silent(self, activity: ChatActivity, now: datetime) -> bool:
        """True when chat is busy enough that the bot should not speak."""
        return activity.messages_per_minute(now) >= self.active_threshold_per_minute
