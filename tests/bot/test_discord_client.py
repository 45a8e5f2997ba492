"""DM conversations through the real discord.py client, with dpytest standing in for Discord.

The API behind the conversation is whatever `api_url` points at (the fake by default). The first
flows assert only what the real API would answer too, so they run against it unchanged with
`api_url`, `bot_secret` and `link_code` overridden (pixel_wren, channel #pixel_wren); tests that
arrange data through `fake_api` are for the fake only.
"""

from __future__ import annotations

import discord.ext.test as dpytest
from discord.ext.test import backend

from chronicler.bot.api_client import ApiClient
from chronicler.bot.auth import DiscordAuthenticator
from chronicler.bot.conversation import API_DOWN, Conversation
from chronicler.bot.discord_client import default_intents, to_messages
from chronicler.bot.handlers.link import NOT_LINKED
from chronicler.bot.replies import Embed, EmbedField, Reply
from chronicler.contract.commands import Command
from tests.bot.conftest import sent_by_bot
from tests.bot.fake_parser import PhraseParser


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
    assert embed.fields[0].name == "20:14 · SpamBot9 · link\\_spam"
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
