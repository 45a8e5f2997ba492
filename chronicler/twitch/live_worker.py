"""The worker's live parts: EventSub chat sources and Helix sending, built from the settings."""

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
    """A live EventSub source per session, for the session's channel."""
    creds = credentials(settings)
    return lambda session: LiveChatSource(channel=session.channel, credentials=creds)


class HelixOutbox:
    """Sends the chat outbox through Helix 'Send Chat Message', within Twitch's rate limits."""

    def __init__(self, sender: ChatSender) -> None:
        self._sender = sender

    async def send(self, channel: str, text: str) -> bool:
        """Send in the channel with this login; False when Twitch dropped the message."""
        result = await self._sender.send(await self._sender.channel_id(channel), text)
        if not result.sent:
            log.warning("Twitch dropped a bot message in #%s: %s", channel, result.drop_reason)
        return result.sent


def live_outbox(settings: Settings) -> HelixOutbox:
    """The Helix outbox for the bot account in the settings."""
    return HelixOutbox(
        ChatSender(credentials=credentials(settings), moderator=settings.twitch_bot_is_moderator)
    )
