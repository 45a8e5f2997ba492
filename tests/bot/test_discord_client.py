"""DM conversations through the real discord.py client, with dpytest standing in for Discord.

The API behind the conversation is whatever `api_url` points at (the fake by default). The first
flows assert only what the real API would answer too, so they run against it unchanged with
`api_url`, `bot_secret` and `link_code` overridden (pixel_wren, channel #pixel_wren); tests that
arrange data through `fake_api` are for the fake only.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator

import discord.ext.test as dpytest
import pytest
from discord.ext.test import backend

from chronicler.bot.api_client import ApiClient
from chronicler.bot.auth import DiscordAuthenticator
from chronicler.bot.conversation import API_DOWN, Conversation
from chronicler.bot.discord_client import ChroniclerBot, default_intents, to_messages
from chronicler.bot.handlers.link import NOT_LINKED
from chronicler.bot.replies import Embed, EmbedField, Reply
from chronicler.contract.commands import Command
from tests.bot.conftest import sent_by_bot
from tests.bot.fake_parser import PhraseParser
from tests.waiting import until


async def test_link_start_list_flags_stop(dm, link_code):
    [linked] = await dm.say(f"link {link_code}")
    assert linked.content.startswith("Linked! This Discord account now speaks for **pixel\\_wren**")
    assert dm.typing == [dm.channel.id]

    [started] = await dm.say("start chronicling")
    assert started.content.startswith("Chronicling #pixel_wren since ")
    assert "Warden, Librarian, Hearthkeeper and Steward on" in started.content

    [flags] = await dm.say("show today's flagged messages")
    assert flags.content == "Nothing flagged today." or flags.embeds[0].title == "Flagged messages today"

    [stopped] = await dm.say("stop chronicling")
    assert stopped.content.startswith("Stopped chronicling #pixel_wren: ")
    assert len(dm.typing) == 4


async def test_an_unlinked_user_learns_how_to_link(dm):
    [reply] = await dm.say("start chronicling")
    assert reply.content == NOT_LINKED
    assert "password" not in reply.content.lower()


async def test_flags_arrive_as_an_embed(dm, fake_api, link_code):
    fake_api.flags["pixel_wren"] = [
        {
            "id": 1,
            "session_id": 1,
            "message_id": "m1",
            "chatter_login": "spambot9",
            "display_name": "SpamBot9",
            "text": "free nitro @everyone",
            "sent_at": "2024-04-30T20:14:00+00:00",
            "rule": "link_spam",
            "score": 0.9,
            "reason": "scam",
            "status": "open",
        }
    ]
    await dm.say(f"link {link_code}")
    [reply] = await dm.say("show today's flagged messages")
    [embed] = reply.embeds
    assert embed.title == "Flagged messages today"
    assert embed.fields[0].name == "#1 · 20:14 · SpamBot9 · link\\_spam · to review"
    assert "@\u200beveryone" in embed.fields[0].value


async def test_a_long_reply_arrives_in_several_messages(dm, fake_api, link_code, parser):
    markdown = "# Ledger\n\n" + "\n".join(f"- chatter_{n} sent {n} messages" for n in range(120))
    fake_api.ledgers["pixel_wren"] = {
        "session_id": 7,
        "markdown": markdown,
        "markdown_path": None,
        "json_path": None,
        "chart_path": None,
    }
    parser.phrases["show the ledger"] = Command(interaction_type="ledger", action="show")
    await dm.say(f"link {link_code}")
    replies = await dm.say("show the ledger")
    assert len(replies) == 2 and all(len(r.content) <= 2000 for r in replies)
    assert "\n".join(r.content for r in replies) == markdown


async def test_api_down_gets_a_friendly_message(make_bot, http, closed_url):
    client = ApiClient(http, closed_url, bot_secret="s" * 40)
    conversation = Conversation(client, PhraseParser(), DiscordAuthenticator(client))
    await make_bot(conversation)
    user = backend.make_user("wren_discord", "0001")
    await dpytest.message("start chronicling", channel=await user.create_dm(), member=user)
    [reply] = sent_by_bot()
    assert reply.content == API_DOWN


async def test_guild_messages_are_ignored(dm, parser):
    guild_channel = dpytest.get_config().channels[0]
    await dpytest.message("start chronicling", channel=guild_channel, member=dm.user)
    assert sent_by_bot() == []
    assert parser.calls == [] and dm.typing == []


async def test_other_bots_are_ignored(dm):
    other = backend.make_user("another_bot", "0002")
    other.bot = True
    await dpytest.message("help", channel=await other.create_dm(), member=other)
    assert sent_by_bot() == []


@pytest.fixture
async def notifying_bot(client: ApiClient, conversation: Conversation) -> AsyncIterator[ChroniclerBot]:
    """A bot on dpytest whose notice loop asks the API under test every 50 ms."""
    bot = ChroniclerBot(conversation, api=client, notices_every=0.05)
    await bot._async_setup_hook()  # what login() would do: give the client its event loop
    dpytest.configure(bot)
    await bot.setup_hook()  # what login() does next: starts the notice loop
    yield bot
    await bot.stop_notices()  # what close() does first (dpytest has no gateway for the rest)
    await dpytest.empty_queue()


async def test_a_waiting_notice_is_dmed_to_the_linked_streamer_at_once(notifying_bot, fake_api):
    member = backend.make_user("wren_discord", "0001")
    channel = await member.create_dm()  # they DMed the bot to link
    fake_api.users["pixel_wren"].discord_user_id = str(member.id)
    fake_api.add_user("quiet_owl", channel="quiet_owl")  # not linked: keeps its notice for its next DM
    fake_api.notices["quiet_owl"] = ["Your ledger webhook answered 404."]
    fake_api.notices["pixel_wren"] = ["I have not heard chat in #pixel_wren since 21:04."]

    await until(lambda: not dpytest.sent_queue.empty(), timeout=5)
    [notice] = sent_by_bot()
    assert notice.content == "I have not heard chat in #pixel_wren since 21:04."
    assert notice.channel.id == channel.id
    assert fake_api.notices == {"pixel_wren": [], "quiet_owl": ["Your ledger webhook answered 404."]}

    calls = len(fake_api.calls("GET", "/api/bot/notices"))
    await until(lambda: len(fake_api.calls("GET", "/api/bot/notices")) >= calls + 2, timeout=5)
    assert sent_by_bot() == []  # delivered once


async def test_an_api_outage_is_logged_once_and_the_loop_goes_on(notifying_bot, fake_api, caplog):
    caplog.set_level(logging.INFO, logger="chronicler.bot.discord_client")
    member = backend.make_user("wren_discord", "0001")
    await member.create_dm()  # they DMed the bot to link
    fake_api.users["pixel_wren"].discord_user_id = str(member.id)
    fake_api.down = 503
    await until(lambda: len(fake_api.calls("GET", "/api/bot/notices")) >= 3, timeout=5)
    outage = [r for r in caplog.records if "cannot fetch notices" in r.getMessage()]
    assert len(outage) == 1

    fake_api.down = None
    fake_api.notices["pixel_wren"] = ["Chat in #pixel_wren is heard again."]
    await until(lambda: not dpytest.sent_queue.empty(), timeout=5)
    [notice] = sent_by_bot()
    assert notice.content == "Chat in #pixel_wren is heard again."
    assert any("answers again" in r.getMessage() for r in caplog.records)
    assert not notifying_bot._notices_task.done()


async def test_a_user_who_cannot_be_dmed_is_skipped(notifying_bot, fake_api, caplog):
    member = backend.make_user("wren_discord", "0001")
    await member.create_dm()
    fake_api.users["pixel_wren"].discord_user_id = "999999999999999999"  # nobody Discord can open a DM with
    fake_api.add_user("quiet_owl", channel="quiet_owl", discord_user_id=str(member.id))
    fake_api.notices["pixel_wren"] = ["lost in the post"]
    fake_api.notices["quiet_owl"] = ["Your ledger webhook answered 404."]
    await until(lambda: not dpytest.sent_queue.empty(), timeout=5)
    [notice] = sent_by_bot()
    assert notice.content == "Your ledger webhook answered 404."
    assert any(
        "cannot DM a notice to Discord user 999999999999999999" in r.getMessage() for r in caplog.records
    )
    assert not notifying_bot._notices_task.done()


def test_intents_cover_dms_and_their_text_only():
    intents = default_intents()
    assert intents.dm_messages and intents.message_content
    assert not intents.guild_messages and not intents.members and not intents.presences


def test_replies_become_messages_with_embeds_and_files_on_the_last():
    embed = Embed("Chat today", fields=(EmbedField("Messages", "12"),))
    reply = Reply(("first", "second"), (embed,), (("ledger-7.md", b"# Ledger"),))
    first, second = to_messages(reply)
    assert first == {"content": "first"}
    assert second["content"] == "second"
    assert [e.title for e in second["embeds"]] == ["Chat today"]
    [file] = second["files"]
    assert file.filename == "ledger-7.md" and file.fp.read() == b"# Ledger"


def test_embeds_are_packed_ten_and_6000_characters_to_a_message():
    small = [Embed(f"e{n}") for n in range(12)]
    assert [len(m["embeds"]) for m in to_messages(Reply(embeds=tuple(small)))] == [10, 2]
    big = [Embed("big", "x" * 4000) for _ in range(3)]
    assert [len(m["embeds"]) for m in to_messages(Reply(embeds=tuple(big)))] == [1, 1, 1]


def test_a_file_alone_is_one_message():
    [message] = to_messages(Reply(files=(("a.md", b"x"),)))
    assert set(message) == {"files"} and message["files"][0].filename == "a.md"
