"""The worker's live parts: EventSub chat sources and Helix sending, built from the settings.

Twitch's three addresses come from the settings (`TWITCH_EVENTSUB_URL`, `TWITCH_HELIX_URL`,
`TWITCH_AUTH_URL`), so the same worker runs against Twitch or a local mock without code changes.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any

from chronicler.config.settings import Settings
from chronicler.store import Database
from chronicler.store.sessions import StreamSession
from chronicler.store.twitch_grants import TwitchGrants, token_cipher
from chronicler.twitch._helix import TwitchCredentials
from chronicler.twitch.grants import GrantService
from chronicler.twitch.live import LiveChatSource
from chronicler.twitch.markers import HelixMarkers, SessionMarkers
from chronicler.twitch.oauth import TwitchOAuth
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


# -- "connect twitch": the bot's token from the stored grant ---------------------------------------


def grant_service(settings: Settings, db: Database, **options: Any) -> GrantService:
    """The device flows and hourly validation for the stored grants (TOKEN_ENCRYPTION_KEY must be set)."""
    if not settings.twitch_client_id or not settings.token_encryption_key:
        raise ValueError("connecting Twitch needs TWITCH_CLIENT_ID and TOKEN_ENCRYPTION_KEY")
    oauth = TwitchOAuth(
        client_id=settings.twitch_client_id,
        client_secret=settings.twitch_client_secret,
        id_url=settings.twitch_auth_url,
    )
    grants = TwitchGrants(db, token_cipher(settings.token_encryption_key))
    return GrantService(db, grants, oauth, **options)


def _bot_credentials(settings: Settings, grant_user_id: str) -> TwitchCredentials:
    return TwitchCredentials(
        client_id=settings.twitch_client_id or "",
        client_secret=settings.twitch_client_secret or "",
        bot_user_id=grant_user_id,
        access_token="",  # filled from the keeper at each log-in
    )


def granted_sources(
    settings: Settings, service: GrantService, bot_user_id: Callable[[], str]
) -> Callable[[StreamSession], ChatSource]:
    """A live source per session reading as the stored bot grant, its token kept fresh by `service`."""
    keeper = service.keeper("bot")
    return lambda session: LiveChatSource(
        channel=session.channel,
        credentials=_bot_credentials(settings, bot_user_id()),
        helix_url=settings.twitch_helix_url,
        eventsub_url=settings.twitch_eventsub_url,
        id_url=settings.twitch_auth_url,
        tokens=keeper,
    )


class GrantedOutbox:
    """The Helix outbox for the stored bot grant: a sender made on first use, remade if the bot changed."""

    def __init__(self, settings: Settings, service: GrantService, bot_user_id: Callable[[], str]) -> None:
        self._settings = settings
        self._keeper = service.keeper("bot")
        self._bot_user_id = bot_user_id
        self._outbox: HelixOutbox | None = None
        self._for: str | None = None

    async def send(self, channel: str, text: str) -> bool:
        """Send as the bot grant's account (see `HelixOutbox.send`)."""
        bot = await asyncio.to_thread(self._bot_user_id)
        if self._outbox is None or self._for != bot:
            if self._outbox is not None:
                await self._outbox.aclose()
            settings = self._settings
            sender = ChatSender(
                credentials=_bot_credentials(settings, bot),
                helix_url=settings.twitch_helix_url,
                id_url=settings.twitch_auth_url,
                moderator=settings.twitch_bot_is_moderator,
                tokens=self._keeper,
            )
            self._outbox, self._for = HelixOutbox(sender), bot
        return await self._outbox.send(channel, text)

    async def aclose(self) -> None:
        """Close the sender, if one was made."""
        if self._outbox is not None:
            await self._outbox.aclose()
            self._outbox = None


def granted_markers(settings: Settings, service: GrantService) -> Callable[[StreamSession], SessionMarkers]:
    """Stream markers for each session, made as its streamer's broadcaster grant (kept fresh by `service`).

    Whether the grant exists and carries channel:manage:broadcast is looked at when a strong candidate
    closes, so a grant connected during the stream counts from then on.
    """

    def factory(session: StreamSession) -> SessionMarkers:
        helix = HelixMarkers(
            service.keeper("broadcaster", session.user_id),
            client_id=settings.twitch_client_id or "",
            helix_url=settings.twitch_helix_url,
        )
        return SessionMarkers(session.id, session.channel, helix)

    return factory


def bot_user_id_of(grants: TwitchGrants) -> Callable[[], str]:
    """The bot grant's Twitch user id, read when asked ("" when none is connected yet)."""

    def read() -> str:
        grant = grants.bot()
        return grant.twitch_user_id if grant else ""

    return read
