"""The bot's outbound chat: Helix "Send Chat Message" (POST /helix/chat/messages) within Twitch's limits.

Twitch allows a chatter 20 messages per 30 seconds in a channel, 100 where it is a moderator (or the
broadcaster). `ChatSender` keeps one `SlidingWindowLimiter` per channel and waits for a slot before
each send, so a burst queues up instead of being refused. Text is capped at Twitch's 500 characters.

Whether the bot moderates a channel is `moderator`: "yes" (everywhere), "no" (only its own channel),
or "auto": asked of Helix ("Get Moderated Channels", scope ``user:read:moderated_channels``) before
the first message to a channel and again every `moderator_refresh` seconds. A failed lookup (missing
scope, Twitch unreachable) leaves the 20 allowance and is logged once.

Errors: blank text raises `InvalidChatMessage`; refused credentials or a missing ``user:write:chat``
scope raise `TwitchAuthError`; any other refused request raises `TwitchRequestRejected`; an
unreachable or failing Twitch raises `TwitchUnavailable` (a 429: `TwitchRateLimited`, with the time
Twitch's bucket refills); a request that may have reached Twitch without an answer coming back (a
timeout reading it, a connection dropped mid-request) raises `SendOutcomeUnknown`. A message Twitch
accepts but drops (AutoMod, channel settings...) is not an error: it comes back as
``SendResult(sent=False, drop_reason=...)``.

`send` makes one attempt; `deliver` retries what cannot have been sent, under `SendRetry`:

* 429: wait until Ratelimit-Reset (at most `max_rate_limit_wait`), then try again;
* 5xx, or Twitch unreachable before the request left (refused, DNS, connect timeout): wait as
  `backoff` says, then try again;
* anything else is final: a refusal will be refused again, and `SendOutcomeUnknown` or a dropped
  message (``sent=False``) is never sent a second time, since chat would show it twice.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Literal

from chronicler.contract.logins import normalize_login
from chronicler.runtime.backoff import Backoff
from chronicler.twitch._errors import (
    InvalidChatMessage,
    SendOutcomeUnknown,
    TwitchAuthError,
    TwitchError,
    TwitchRateLimited,
    TwitchRequestRejected,
    TwitchUnavailable,
)
from chronicler.twitch._helix import (
    HELIX_URL,
    ID_URL,
    AccessTokens,
    HelixClient,
    TwitchCredentials,
    fresh_credentials,
    may_have_arrived,
    twitch_errors,
)
from chronicler.twitch.ratelimit import SlidingWindowLimiter

__all__ = [
    "MAX_MESSAGE_LENGTH",
    "ChatSender",
    "InvalidChatMessage",
    "ModeratorMode",
    "SendOutcomeUnknown",
    "SendResult",
    "SendRetry",
    "TwitchAuthError",
    "TwitchCredentials",
    "TwitchError",
    "TwitchRateLimited",
    "TwitchRequestRejected",
    "TwitchUnavailable",
]

log = logging.getLogger(__name__)

MAX_MESSAGE_LENGTH = 500
WRITE_CHAT_SCOPE = "user:write:chat"
MODERATED_CHANNELS_SCOPE = "user:read:moderated_channels"
_ELLIPSIS = "…"

ModeratorMode = Literal["auto", "yes", "no"]

# Ratelimit-Reset has whole seconds and Twitch's clock is not ours: retry a little after it.
RESET_MARGIN = 0.5


@dataclass(frozen=True)
class SendRetry:
    """How `ChatSender.deliver` tries again: attempts in all, waits after failures, the longest 429 wait."""

    attempts: int = 5
    backoff: Backoff = Backoff(first=1.0, maximum=30.0)
    max_rate_limit_wait: float = 60.0

    def __post_init__(self) -> None:
        if self.attempts < 1:
            raise ValueError("SendRetry needs at least one attempt")


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
        moderator: ModeratorMode = "no",
        moderator_refresh: float = 3600.0,
        retry: SendRetry = SendRetry(),
        request_timeout: float = 10.0,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], float] = time.time,
        sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
        tokens: AccessTokens | None = None,
    ) -> None:
        if moderator not in ("auto", "yes", "no"):
            raise ValueError(f"moderator must be 'auto', 'yes' or 'no', not {moderator!r}")
        self._credentials = credentials
        self._tokens = tokens  # the stored bot grant ("connect twitch"); None: the .env tokens
        self._helix_url = helix_url
        self._id_url = id_url
        self._limit = limit
        self._moderator_limit = moderator_limit
        self._window = window
        self._retry = retry
        self._request_timeout = request_timeout
        self._clock = clock
        self._wall_clock = wall_clock  # Ratelimit-Reset is a Unix time, so it is read against this
        self._sleep = sleep
        # The broadcaster's own channel gets the moderator allowance too.
        self._moderator_in: set[str] = {*moderator_channels, credentials.bot_user_id}
        self._moderator = moderator
        self._moderator_refresh = moderator_refresh
        # Channels whose status is given, not looked up: the bot's own and those passed in.
        self._moderator_known = frozenset(self._moderator_in)
        self._moderator_checked: dict[str, float] = {}  # channel id -> clock reading of the last lookup
        self._moderator_lookup = asyncio.Lock()
        self._lookup_failed_logged = False
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
        if self._moderator == "auto":
            await self._look_up_moderator(helix, channel_id)
        waited = await self.limiter(channel_id).wait_for_slot()
        bot = self._credentials.bot_user_id
        await helix.keep_fresh(self._tokens)  # outside: a failure here never posted anything
        try:
            try:
                with twitch_errors(f"send a chat message to channel {channel_id}"):
                    response = await helix.http.post_chat_message(
                        broadcaster_id=channel_id, sender_id=bot, message=text, token_for=bot
                    )
            except TwitchAuthError as exc:
                # A 401 is answered before anything is posted: refresh, and send once more.
                await helix.after_refusal(self._tokens, exc)
                with twitch_errors(f"send a chat message to channel {channel_id}"):
                    response = await helix.http.post_chat_message(
                        broadcaster_id=channel_id, sender_id=bot, message=text, token_for=bot
                    )
        except TwitchUnavailable as exc:
            if may_have_arrived(exc):
                raise SendOutcomeUnknown(
                    f"no answer from Twitch about a chat message to channel {channel_id}, which it may "
                    f"have posted: {exc}"
                ) from exc
            raise
        return _result(response, truncated=truncated, waited=waited)

    async def deliver(self, channel: str, text: str) -> SendResult:
        """Send `text` in the channel with this login, retrying only what cannot have gone out.

        Raises the last error when the attempts run out or an error is final (see the module).
        """
        attempts = self._retry.attempts
        for attempt in range(1, attempts + 1):
            try:
                return await self.send(await self.channel_id(channel), text)
            except TwitchUnavailable as exc:
                # Twitch answered 429 or 5xx, or could not be reached at all: the message is not in chat.
                # (SendOutcomeUnknown is no TwitchUnavailable, so a message that may be there is never
                # sent again.)
                if attempt == attempts:
                    raise
                wait = self._wait_after(exc, attempt)
                log.warning(
                    "could not send a chat message in #%s (%s); attempt %d of %d in %.1f s",
                    channel,
                    exc,
                    attempt + 1,
                    attempts,
                    wait,
                )
                await self._sleep(wait)
        raise AssertionError("unreachable: SendRetry has at least one attempt")

    async def channel_id(self, login: str) -> str:
        """The broadcaster id of a channel login (looked up once, then remembered)."""
        key = normalize_login(login)
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

    def _wait_after(self, exc: TwitchUnavailable, failures: int) -> float:
        """Seconds until the next attempt: until Twitch's bucket refills after a 429, else the backoff's."""
        if isinstance(exc, TwitchRateLimited) and exc.reset_at is not None:
            until_reset = max(0.0, exc.reset_at - self._wall_clock()) + RESET_MARGIN
            # Capped: a far-off (or garbled) reset must not hold the whole outbox for long.
            return min(until_reset, self._retry.max_rate_limit_wait)
        return self._retry.backoff.delay(failures)

    def _allowance(self, channel_id: str) -> int:
        moderator = self._moderator == "yes" or channel_id in self._moderator_in
        return self._moderator_limit if moderator else self._limit

    async def _look_up_moderator(self, helix: HelixClient, channel_id: str) -> None:
        """Ask Helix whether the bot moderates the channel, unless known or asked recently."""
        if channel_id in self._moderator_known or self._fresh(channel_id):
            return
        async with self._moderator_lookup:
            if self._fresh(channel_id):
                return  # another send looked it up while this one waited
            checked = self._moderator_checked.get(channel_id)
            now = self._clock()
            try:
                moderator = await helix.moderates(channel_id)
            except TwitchError as exc:
                self._lookup_failed(channel_id, exc)
                moderator = False  # the safe allowance: Twitch drops what goes over the real one
            else:
                if checked is None or moderator != (channel_id in self._moderator_in):
                    log.info(
                        "the bot %s channel %s: at most %d messages per %g s",
                        "moderates" if moderator else "does not moderate",
                        channel_id,
                        self._moderator_limit if moderator else self._limit,
                        self._window,
                    )
            self._moderator_checked[channel_id] = now
            self.set_moderator(channel_id, moderator)

    def _fresh(self, channel_id: str) -> bool:
        checked = self._moderator_checked.get(channel_id)
        return checked is not None and self._clock() - checked < self._moderator_refresh

    def _lookup_failed(self, channel_id: str, exc: TwitchError) -> None:
        # Once is enough: the same cause (usually the missing scope) would repeat for every channel.
        if self._lookup_failed_logged:
            log.debug("could not tell whether the bot moderates channel %s: %s", channel_id, exc)
            return
        self._lookup_failed_logged = True
        if isinstance(exc, TwitchAuthError):
            remedy = f"give the bot's token the {MODERATED_CHANNELS_SCOPE} scope"
        else:
            remedy = f"it asks again after {self._moderator_refresh:g} s"
        log.warning(
            "could not tell whether the bot moderates channel %s (%s); sending at most %d messages per "
            "%g s there: %s, or set TWITCH_BOT_IS_MODERATOR to yes or no",
            channel_id,
            exc,
            self._limit,
            self._window,
            remedy,
        )

    async def _logged_in(self) -> HelixClient:
        async with self._login:
            if self._closed:
                raise RuntimeError("ChatSender is closed")
            if self._helix is None:
                self._helix = await HelixClient.open(
                    await fresh_credentials(self._credentials, self._tokens),
                    helix_url=self._helix_url,
                    id_url=self._id_url,
                    scopes=(WRITE_CHAT_SCOPE,),
                    request_timeout=self._request_timeout,
                )
            return self._helix


def _result(response: Any, *, truncated: bool, waited: float) -> SendResult:
    """The SendResult for a Send Chat Message response body."""
    try:
        data = response["data"][0]
        sent = data["is_sent"]
    except (KeyError, IndexError, TypeError) as exc:
        # Twitch answered 2xx, so it took the message; whether it posted it, this body does not say.
        raise SendOutcomeUnknown(f"Twitch answered Send Chat Message with {response!r}") from exc
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
