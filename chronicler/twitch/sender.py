"""The bot's outbound chat: Helix "Send Chat Message" (POST /helix/chat/messages) within Twitch's limits.

Twitch allows a chatter 20 messages per 30 seconds in a channel, 100 where it is a moderator (or the
broadcaster). `ChatSender` keeps one `SlidingWindowLimiter` per channel and waits for a slot before
each send, so a burst queues up instead of being refused. Text is capped at Twitch's 500 characters.

Errors: blank text raises `InvalidChatMessage`; refused credentials or a missing ``user:write:chat``
scope raise `TwitchAuthError`; any other refused request raises `TwitchRequestRejected`; an
unreachable or failing Twitch raises `TwitchUnavailable`. A message Twitch accepts but drops (AutoMod,
channel settings...) is not an error: it comes back as ``SendResult(sent=False, drop_reason=...)``.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from types import TracebackType
from typing import Any

from chronicler.twitch._errors import (
    InvalidChatMessage,
    TwitchAuthError,
    TwitchError,
    TwitchRequestRejected,
    TwitchUnavailable,
)
from chronicler.twitch._helix import HELIX_URL, ID_URL, HelixClient, TwitchCredentials, twitch_errors
from chronicler.twitch.ratelimit import SlidingWindowLimiter

__all__ = [
    "MAX_MESSAGE_LENGTH",
    "ChatSender",
    "InvalidChatMessage",
    "SendResult",
    "TwitchAuthError",
    "TwitchCredentials",
    "TwitchError",
    "TwitchRequestRejected",
    "TwitchUnavailable",
]

MAX_MESSAGE_LENGTH = 500
WRITE_CHAT_SCOPE = "user:write:chat"
_ELLIPSIS = "…"


@dataclass(frozen=True)
class SendResult:
    """What became of one outbound message."""

    sent: bool
    message_id: str | None = None  # Twitch's id for the message, when sent
    drop_reason: str | None = None  # Twitch's code and explanation, when not sent
    truncated: bool = False  # the text was cut to MAX_MESSAGE_LENGTH
    waited: float = 0.0  # seconds spent waiting for the rate limit


class ChatSender:
    """Sends chat messages as the bot, per-channel rate limited; logs in on first use, close with `aclose`."""

    def __init__(
        self,
        *,
        credentials: TwitchCredentials,
        helix_url: str = HELIX_URL,
        id_url: str = ID_URL,
        limit: int = 20,
        moderator_limit: int = 100,
        window: float = 30.0,
        moderator_channels: Iterable[str] = (),
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
    ) -> None:
        self._credentials = credentials
        self._helix_url = helix_url
        self._id_url = id_url
        self._limit = limit
        self._moderator_limit = moderator_limit
        self._window = window
        self._clock = clock
        self._sleep = sleep
        # The broadcaster's own channel gets the moderator allowance too.
        self._moderator_in: set[str] = {*moderator_channels, credentials.bot_user_id}
        self._limiters: dict[str, SlidingWindowLimiter] = {}
        self._helix: HelixClient | None = None
        self._channel_ids: dict[str, str] = {}
        self._login = asyncio.Lock()
        self._closed = False

    async def __aenter__(self) -> ChatSender:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()

    def set_moderator(self, channel_id: str, moderator: bool = True) -> None:
        """Record whether the bot moderates this channel, which sets its message allowance."""
        if moderator:
            self._moderator_in.add(channel_id)
        else:
            self._moderator_in.discard(channel_id)
        limiter = self._limiters.get(channel_id)
        if limiter is not None:
            limiter.limit = self._allowance(channel_id)

    def limiter(self, channel_id: str) -> SlidingWindowLimiter:
        """The rate limiter for one channel (broadcaster id)."""
        limiter = self._limiters.get(channel_id)
        if limiter is None:
            limiter = SlidingWindowLimiter(
                self._allowance(channel_id), self._window, clock=self._clock, sleep=self._sleep
            )
            self._limiters[channel_id] = limiter
        return limiter

    async def send(self, channel_id: str, text: str) -> SendResult:
        """Send `text` to the channel whose broadcaster id is `channel_id`, waiting for a rate-limit slot."""
        if not channel_id or not channel_id.strip():
            raise InvalidChatMessage("a chat message needs a channel (broadcaster id)")
        if not text or not text.strip():
            raise InvalidChatMessage("cannot send an empty chat message")
        truncated = len(text) > MAX_MESSAGE_LENGTH
        if truncated:
            text = text[: MAX_MESSAGE_LENGTH - len(_ELLIPSIS)] + _ELLIPSIS
        helix = await self._logged_in()
        waited = await self.limiter(channel_id).wait_for_slot()
        bot = self._credentials.bot_user_id
        with twitch_errors(f"send a chat message to channel {channel_id}"):
            response = await helix.http.post_chat_message(
                broadcaster_id=channel_id, sender_id=bot, message=text, token_for=bot
            )
        return _result(response, truncated=truncated, waited=waited)

    async def channel_id(self, login: str) -> str:
        """The broadcaster id of a channel login (looked up once, then remembered)."""
        key = login.strip().lower()
        if key not in self._channel_ids:
            helix = await self._logged_in()
            self._channel_ids[key] = await helix.user_id(key)
        return self._channel_ids[key]

    async def aclose(self) -> None:
        """Log out and close connections; sending afterwards is an error."""
        self._closed = True
        if self._helix is not None:
            helix, self._helix = self._helix, None
            await helix.aclose()

    def _allowance(self, channel_id: str) -> int:
        return self._moderator_limit if channel_id in self._moderator_in else self._limit

    async def _logged_in(self) -> HelixClient:
        async with self._login:
            if self._closed:
                raise RuntimeError("ChatSender is closed")
            if self._helix is None:
                self._helix = await HelixClient.open(
                    self._credentials,
                    helix_url=self._helix_url,
                    id_url=self._id_url,
                    scopes=(WRITE_CHAT_SCOPE,),
                )
            return self._helix


def _result(response: Any, *, truncated: bool, waited: float) -> SendResult:
    """The SendResult for a Send Chat Message response body."""
    try:
        data = response["data"][0]
        sent = data["is_sent"]
    except (KeyError, IndexError, TypeError) as exc:
        raise TwitchUnavailable(f"Twitch answered Send Chat Message with {response!r}") from exc
    reason = data.get("drop_reason")
    if isinstance(reason, dict):
        reason = f"{reason.get('code', 'dropped')}: {reason.get('message', '')}".rstrip(": ")
    return SendResult(
        sent=bool(sent),
        message_id=data.get("message_id") or None,
        drop_reason=str(reason) if reason else None,
        truncated=truncated,
        waited=waited,
    )
