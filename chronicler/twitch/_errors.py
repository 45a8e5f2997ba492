"""The errors the Twitch side raises on purpose; user-fixable problems are kept apart from outages.

    TwitchError
    ├── TwitchAuthError          Twitch rejected the app or bot credentials, or a scope is missing
    ├── UnknownChannel           no Twitch channel has that login                  (also a LookupError)
    ├── InvalidChatMessage       outbound text Twitch would refuse, e.g. empty      (also a ValueError)
    ├── TwitchRequestRejected    Helix refused a request as malformed (4xx other than auth/rate limit)
    ├── SubscriptionRevoked      Twitch revoked a subscription the live source needs
    ├── TwitchUnavailable        Twitch is unreachable, failing (5xx) or rate limiting; retry later
    └── MalformedEvent           an EventSub payload we cannot decode             (also a ValueError)

The first four name something the operator can fix (configuration, a channel name, a message);
`TwitchUnavailable` is transient. twitchio and aiohttp exceptions are mapped to these at the
boundary with ``raise ... from`` so callers never need to import twitchio.
"""

from __future__ import annotations


class TwitchError(Exception):
    """Base of every error the Twitch integration raises on purpose."""


class TwitchAuthError(TwitchError):
    """The client id/secret, the bot's token or its scopes were refused: fix the configuration."""


class UnknownChannel(TwitchError, LookupError):
    """No Twitch user has this login."""

    def __init__(self, channel: str) -> None:
        super().__init__(f"no Twitch channel named {channel!r}")
        self.channel = channel


class InvalidChatMessage(TwitchError, ValueError):
    """Outbound chat text that Twitch would refuse (empty or blank)."""


class TwitchRequestRejected(TwitchError):
    """Helix answered 4xx for a reason other than credentials or rate limits."""

    def __init__(self, message: str, *, status: int) -> None:
        super().__init__(message)
        self.status = status


class SubscriptionRevoked(TwitchError):
    """Twitch revoked an EventSub subscription; `reason` is Twitch's status, e.g. authorization_revoked."""

    def __init__(self, subscription_type: str, reason: str) -> None:
        super().__init__(f"Twitch revoked the {subscription_type} subscription: {reason}")
        self.subscription_type = subscription_type
        self.reason = reason


class TwitchUnavailable(TwitchError):
    """Twitch could not be reached, failed, or asked us to slow down; the same call may work later."""


class MalformedEvent(TwitchError, ValueError):
    """An EventSub frame or event that is not shaped as Twitch documents it; it is logged and skipped."""
