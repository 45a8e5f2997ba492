"""DM conversations end to end: dpytest → discord.py client → built-in parser → the real API → PostgreSQL."""

from __future__ import annotations

import pytest
import requests

from chronicler.accounts import Accounts
from chronicler.bot.conversation import API_DOWN
from chronicler.bot.handlers.link import NOT_LINKED
from chronicler.nlp.rules import RuleParser
from tests.conftest import BOT_SECRET


@pytest.fixture
def api_url(live_api: str) -> str:
    """The real API instead of the fake."""
    return live_api


@pytest.fixture
def bot_secret() -> str:
    return BOT_SECRET


@pytest.fixture
def parser() -> RuleParser:
    """The real built-in parser instead of the phrasebook."""
    return RuleParser()


@pytest.fixture
def streamer(accounts: Accounts) -> int:
    return accounts.register("pixel_wren", "correct horse", twitch_channel="pixel_wren").id


@pytest.fixture
def link_code(accounts: Accounts, streamer: int) -> str:
    return accounts.create_link_code(streamer)[0]


def _inject_spam(api_url: str, accounts: Accounts, user_id: int) -> None:
    token, _ = accounts.access.issue(user_id)
    response = requests.post(
        f"{api_url}/api/sessions/current/messages",
        timeout=10,
        headers={"Authorization": f"Bearer {token}"},
        json={
            "username": "streamboo_seller",
            "first_message": True,
            "text": "Wanna become famous? Buy followers, primes and viewers on streamboo .com",
        },
    )
    assert response.json()["flagged"], response.text


async def test_link_start_list_flags_stop(dm, link_code, api_url, accounts, streamer, db, conversation):
    [linked] = await dm.say(f"link {link_code}")
    assert "pixel\\_wren" in linked.content
    [started] = await dm.say("start chronicling tonight's stream")
    assert started.content.startswith("Chronicling #pixel_wren since ")
    assert "Warden, Librarian, Hearthkeeper and Steward on" in started.content
    _inject_spam(api_url, accounts, streamer)
    [flags] = await dm.say("show today's flagged messages")
    embed = flags.embeds[0]
    shown = " ".join(
        [embed.title or "", embed.description or "", *(f"{f.name} {f.value}" for f in embed.fields)]
    )
    assert "streamboo" in shown and "viewer_selling" in shown.replace("\\", "")
    [stopped] = await dm.say("stop")
    assert stopped.content.startswith("Stopped chronicling #pixel_wren")
    assert db.select_one("stream_sessions", {"user_id": streamer})["status"] == "ended"
    # Every DM is in the audit trail, with the parser and the reply (recorded in the background).
    await conversation.aclose()
    trail = db.select("interactions", {"user_id": streamer}, order_by="id")
    assert [t["text"] for t in trail][-3:] == [
        "start chronicling tonight's stream",
        "show today's flagged messages",
        "stop",
    ]
    assert trail[0]["text"] == "link ***"  # the code itself is never stored
    assert all(t["parser"] == "rules" and t["reply"] for t in trail[-3:])


async def test_an_unlinked_user_learns_how_to_link(dm, streamer, db):
    [reply] = await dm.say("start chronicling")
    assert reply.content == NOT_LINKED
    assert "password" not in reply.content.lower()
    assert db.count("stream_sessions") == 0


async def test_a_wrong_link_code_is_refused_kindly(dm, streamer):
    [reply] = await dm.say("link ZZZZZ-ZZZZZ")
    assert "password" not in reply.content.lower()
    assert "code" in reply.content.lower()


async def test_api_down_gets_a_friendly_message(make_bot, http, closed_url, parser):
    from discord.ext.test import backend

    from chronicler.bot.api_client import ApiClient
    from chronicler.bot.auth import DiscordAuthenticator
    from chronicler.bot.conversation import Conversation
    from tests.bot.conftest import Dm

    client = ApiClient(http, closed_url, bot_secret=BOT_SECRET, timeout_s=2)
    conversation = Conversation(client, parser, DiscordAuthenticator(client))
    await make_bot(conversation)
    user = backend.make_user("down_user", "0002")
    dm = Dm(user, await user.create_dm())
    [reply] = await dm.say("start chronicling")
    assert reply.content == API_DOWN
