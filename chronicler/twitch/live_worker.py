"""The worker's live parts: EventSub chat sources and Helix sending, built from the settings.

Twitch's three addresses come from the settings (`TWITCH_EVENTSUB_URL`, `TWITCH_HELIX_URL`,
`TWITCH_AUTH_URL`), so the same worker runs against Twitch or a local mock without code changes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from chronicler.config.settings import Settings
from chronicler.store.sessions import StreamSession
from chronicler.twitch._helix import TwitchCredentials
from chronicler.twitch.live import LiveChatSource
from chronicler.twitch.sender import ChatSender
from chronicler.twitch.source import ChatSource

log = logging.getLogger(__name__)


def credentials(settings: Settings) -> TwitchCredentials:
    """The bot account's Twitch credentials from the settings."""
    return TwitchCredentials(
        client_id=settings.twitch_client_id or "",
        client_secret=settings.twitch_client_secret or "",
        bot_user_id=settings.twitch_bot_user_id or "",
        access_token=settings.twitch_access_token or "",
        refresh_token=settings.twitch_refresh_token,
    )


def live_sources(settings: Settings) -> Callable[[StreamSession], ChatSource]:
    """A live EventSub source per session, for the session's channel, at the configured Twitch URLs."""
    creds = credentials(settings)
    return lambda session: LiveChatSource(
        channel=session.channel,
        credentials=creds,
        helix_url=settings.twitch_helix_url,
        eventsub_url=settings.twitch_eventsub_url,
        id_url=settings.twitch_auth_url,
    )


class HelixOutbox:
    """Sends the chat outbox through Helix 'Send Chat Message', within Twitch's rate limits."""

    def __init__(self, sender: ChatSender) -> None:
        self._sender = sender

    async def send(self, channel: str, text: str) -> bool:
        """Send in the channel with this login, retrying what cannot have gone out; False when dropped."""
        result = await self._sender.deliver(channel, text)
        if not result.sent:
            log.warning("Twitch dropped a bot message in #%s: %s", channel, result.drop_reason)
        return result.sent

    async def aclose(self) -> None:
        """Log the sender out and close its connections."""
        await self._sender.aclose()


def live_sender(settings: Settings) -> ChatSender:
    """The bot account's chat sender, at the configured Twitch URLs."""
    return ChatSender(
        credentials=credentials(settings),
        helix_url=settings.twitch_helix_url,
        id_url=settings.twitch_auth_url,
        moderator=settings.twitch_bot_is_moderator,
    )


def live_outbox(settings: Settings) -> HelixOutbox:
    """The Helix outbox for the bot account in the settings."""
    return HelixOutbox(live_sender(settings))
