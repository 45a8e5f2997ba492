"""“connect twitch” and “disconnect twitch”: the link and code, each grant explained, refusals plainly."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from chronicler.bot.api_client import ApiUserError
from chronicler.bot.context import Context
from chronicler.bot.handlers import build_registry
from chronicler.bot.streamer_api import StreamerApi
from chronicler.contract.api import TwitchConnectOut, TwitchStatusOut, UserOut
from chronicler.contract.commands import Command
from chronicler.contract.errors import ErrorCode


class TwitchOnly(StreamerApi):
    """A hand-written stand-in for the API's Twitch routes (nothing else is called)."""

    def __init__(self, refuse: ApiUserError | None = None) -> None:
        self.refuse = refuse
        self.asked: list[tuple[str, Any]] = []

    async def connect_twitch(self, grant: str | None = None) -> TwitchConnectOut:
        self.asked.append(("connect", grant))
        if self.refuse:
            raise self.refuse
        chosen = grant or "broadcaster"
        return TwitchConnectOut(
            grant=chosen,
            status="waiting",
            verification_uri="https://www.twitch.tv/activate?public=true&device-code=ABCD0001",
            user_code="ABCD0001",
            expires_at="2026-12-06T21:00:00+00:00",
            scopes=["channel:bot"],
        )

    async def disconnect_twitch(self, grant: str) -> TwitchStatusOut:
        self.asked.append(("disconnect", grant))
        if self.refuse:
            raise self.refuse
        return TwitchStatusOut(bot=None, broadcaster=None, env_tokens=False)


async def _run(command: Command, api: StreamerApi) -> str:
    async def no_link(code: str) -> UserOut:
        raise AssertionError("never links")

    profile = UserOut(
        id=1,
        username="pixel_wren",
        twitch_channel=None,
        timezone="UTC",
        webhook_url=None,
        discord_linked=False,
        created_at="2024-04-01T12:00:00+00:00",
    )
    ctx = Context("console", profile, datetime.now(UTC), build_registry(), link=no_link)
    reply = await build_registry().dispatch(command, ctx, api)
    return reply.plain_text()


async def test_connect_shows_the_link_and_code_and_explains_the_channel_grant():
    api = TwitchOnly()
    text = await _run(Command(interaction_type="twitch", action="connect"), api)
    assert "https://www.twitch.tv/activate" in text and "ABCD0001" in text
    assert "your channel" in text and "channel:bot" in text and "I'll DM you" in text
    assert api.asked == [("connect", None)]


async def test_connecting_the_bot_account_says_to_sign_in_as_the_bot():
    text = await _run(Command(interaction_type="twitch", action="connect", grant="bot"), TwitchOnly())
    assert "bot account" in text and "user:write:chat" in text and "connect twitch” again" in text


async def test_a_refusal_is_said_plainly():
    refused = ApiUserError(403, ErrorCode.FORBIDDEN, "the bot account was connected by another streamer here")
    text = await _run(Command(interaction_type="twitch", action="connect", grant="bot"), TwitchOnly(refused))
    assert text.startswith("The bot account was connected by another streamer here")


async def test_disconnect_revokes_or_says_there_is_nothing():
    api = TwitchOnly()
    text = await _run(Command(interaction_type="twitch", action="disconnect"), api)
    assert "revoked" in text and api.asked == [("disconnect", "broadcaster")]
    missing = ApiUserError(404, ErrorCode.NOT_FOUND, "no Twitch broadcaster grant is connected")
    text = await _run(Command(interaction_type="twitch", action="disconnect"), TwitchOnly(missing))
    assert text.startswith("Nothing to disconnect")
