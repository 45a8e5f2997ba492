"""The errors the Twitch side raises on purpose; user-fixable problems are kept apart from outages.

Every one is a `TwitchError`; each also hangs under its kind in the product's one error tree (drawn in
`chronicler.contract.errors`):

- `TwitchAuthError` (a UserError): the app's or the bot's credentials or scopes were refused;
- `UnknownChannel` (a NotFound, `field` channel, also a LookupError): no channel has that login;
- `InvalidChatMessage` (an InvalidInput, also a ValueError): outbound text Twitch would refuse;
- `TwitchUnavailable` (a ServiceUnavailable, so transient): unreachable, failing (5xx) or rate limiting;
  `TwitchRateLimited` below it is Helix's 429, with the time its bucket refills;
- `SendOutcomeUnknown` (not transient): a chat message may or may not have gone out, so it is never
  sent again;
- `TwitchRequestRejected` (`http_status`: Helix's 4xx), `SubscriptionRevoked` and `MalformedEvent`
  (also a ValueError) are internal failures: nothing the operator typed can fix them.

twitchio and aiohttp exceptions are mapped to these at the boundary with ``raise ... from`` so callers
never need to import twitchio.
"""

from __future__ import annotations

from chronicler.contract.errors import ChroniclerError, InvalidInput, NotFound, ServiceUnavailable, UserError


class TwitchError(ChroniclerError):
    """Base of every error the Twitch integration raises on purpose."""


class TwitchAuthError(TwitchError, UserError):
    """The client id/secret, the bot's token or its scopes were refused: fix the configuration."""


class UnknownChannel(TwitchError, NotFound, LookupError):
    """No Twitch user has this login."""

    def __init__(self, channel: str) -> None:
        super().__init__(f"no Twitch channel named {channel!r}", field="channel")
        self.channel = channel


class InvalidChatMessage(TwitchError, InvalidInput, ValueError):
    """Outbound chat text that Twitch would refuse (empty or blank)."""


class TwitchRequestRejected(TwitchError):
    """Helix answered 4xx for a reason other than credentials or rate limits."""

    def __init__(self, message: str, *, http_status: int) -> None:
        super().__init__(message)
        self.http_status = http_status  # Helix's answer; `status` stays what the API would answer


class SubscriptionRevoked(TwitchError):
    """Twitch revoked an EventSub subscription; `reason` is Twitch's status, e.g. authorization_revoked."""

    def __init__(self, subscription_type: str, reason: str) -> None:
        super().__init__(f"Twitch revoked the {subscription_type} subscription: {reason}")
        self.subscription_type = subscription_type
        self.reason = reason


class TwitchUnavailable(TwitchError, ServiceUnavailable):
    """Twitch could not be reached, failed, or asked us to slow down; the same call may work later."""


class TwitchRateLimited(TwitchUnavailable):
    """Helix answered 429; `reset_at` is when its bucket refills (Unix epoch seconds), None if unsaid."""

    def __init__(self, message: str, *, reset_at: float | None = None) -> None:
        super().__init__(message)
        self.reset_at = reset_at


class SendOutcomeUnknown(TwitchError):
    """A chat message reached, or may have reached, Twitch but no answer came: it may be in chat already.

    Deliberately not transient: trying again could post the message twice.
    """


class MalformedEvent(TwitchError, ValueError):
    """An EventSub frame or event that is not shaped as Twitch documents it; it is logged and skipped."""
