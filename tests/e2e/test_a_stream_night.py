"""A whole stream night: DMs on Discord, chat over EventSub, the bot speaking in chat, the ledger on Discord.

dpytest drives the real discord.py client; the built-in parser; the real API over HTTP on PostgreSQL; the
Twitch worker reading a replayed chat log through twitchio from a fake Twitch and sending through its
fake Helix; the scheduler's jobs; a fake Discord webhook receiving the ledger.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiohttp
import pytest
from discord.ext.test import backend

from chronicler.accounts import Accounts
from chronicler.bot.api_client import ApiClient
from chronicler.bot.auth import DiscordAuthenticator
from chronicler.bot.conversation import Conversation
from chronicler.nlp.rules import RuleParser
from chronicler.scheduler import SchedulerConfig, build_scheduler
from chronicler.scheduler.jobs import IdleCheck
from chronicler.store.mode_settings import update_mode
from chronicler.twitch.live_worker import HelixOutbox
from chronicler.twitch.replay import read_log
from chronicler.twitch.sender import ChatSender
from chronicler.twitch.worker import ChatWorker
from tests.bot.conftest import Dm
from tests.conftest import BOT_SECRET
from tests.fakes.discord_webhook import FakeDiscordWebhook
from tests.twitch.conftest import CHANNEL, make_source
from tests.waiting import until

LOG = """time,username,message
2026-11-20 20:00:01,cozy_owl,hi chat! excited for tonight
2026-11-20 20:00:04,moss_fern,the lantern level again?
2026-11-20 20:00:06,streamboo_seller,Wanna become famous? Buy followers primes and viewers on streamboo .com
2026-11-20 20:00:09,cozy_owl,that jump scare got me KEKW
2026-11-20 20:00:12,pebble_bard,CLIP IT
2026-11-20 20:00:15,moss_fern,what game is this by the way?
"""


@pytest.fixture
def settings(settings):
    """This night's streamer posts ledgers to a local fake Discord."""
    return settings.model_copy(update={"allow_local_webhooks": True})


async def test_a_stream_night(
    db, database_url, settings, accounts: Accounts, fake, credentials, make_bot, live_api, tmp_path: Path
):
    user_id = accounts.register("pixel_wren", "correct horse", twitch_channel=CHANNEL).id
    update_mode(db, user_id, "hearthkeeper", {"idle_minutes": 1})
    with FakeDiscordWebhook() as discord:
        accounts.allow_local_webhooks = True
        accounts.update_profile(user_id, {"webhook_url": discord.url})

        # -- the Twitch worker, on the fake Twitch ------------------------------------------------
        sender = ChatSender(credentials=credentials, helix_url=fake.helix_url, id_url=fake.id_url)
        worker = ChatWorker(
            db,
            database_url,
            outbox=HelixOutbox(sender),
            bot_login="chronicler_bot",
            flush_interval=0.05,
            source_factory=lambda s: make_source(fake, credentials, channel=s.channel),
        )
        working = asyncio.create_task(worker.run())
        async with aiohttp.ClientSession() as http:
            client = ApiClient(http, live_api, bot_secret=BOT_SECRET, timeout_s=10)
            conversation = Conversation(client, RuleParser(), DiscordAuthenticator(client))
            await make_bot(conversation)
            user = backend.make_user("wren_discord", "0001")
            dm = Dm(user, await user.create_dm())
            try:
                # -- Discord: link and start ----------------------------------------------------------
                code, _ = accounts.create_link_code(user_id)
                await dm.say(f"link {code}")
                [started] = await dm.say("start chronicling tonight's stream")
                assert started.content.startswith("Chronicling #pixel_wren since ")

                # -- Twitch: a chat log replayed over EventSub --------------------------------------
                await fake.wait_for_subscriptions(4)
                log = tmp_path / "night.csv"
                log.write_text(LOG)
                replayed = list(read_log(log, channel=CHANNEL))
                for message in replayed:
                    await fake.send_chat(
                        CHANNEL,
                        message.chatter_login,
                        message.text,
                        message_id=message.message_id,
                        first=message.first_message,
                    )
                await until(lambda: db.count("chat_messages") == len(replayed))
                assert [f["chatter_login"] for f in db.select("flags")] == ["streamboo_seller"]

                # -- a quiet gap: the Hearthkeeper speaks once, through Helix -----------------------
                later = datetime.now(UTC) + timedelta(minutes=3)
                idle = IdleCheck(db, clock=lambda: later)
                assert [idle() for _ in range(3)] == [1, 0, 0]
                [action] = db.select("agent_actions", {"mode": "hearthkeeper"})
                prompt = action["text"]
                await until(lambda: db.count("chat_outbox", {"status": "sent"}) == db.count("chat_outbox"))
                sent = [m["message"] for m in fake.sent_messages]
                assert sent.count(prompt) == 1  # beside it, perhaps the Steward's answer to "what game"

                # -- Discord: stop; the ledger reaches the webhook once, chart attached --------------
                [stopped] = await dm.say("stop")
                assert stopped.content.startswith("Stopped chronicling #pixel_wren")
                session_id = db.select_one("stream_sessions", {"user_id": user_id})["id"]
                await until(
                    lambda: db.select_one("stream_sessions", {"id": session_id})["finalized_at"] is not None
                )
                daemon = build_scheduler(
                    db, SchedulerConfig(export_path=settings.export_path, allow_local_webhooks=True)
                )
                for _ in range(3):
                    for job in daemon.jobs:
                        job.next_at = 0.0
                    await asyncio.to_thread(daemon.run_due)
                [message] = discord.messages
                assert message.file("chart.png").data.startswith(b"\x89PNG")
                ledger_md = message.file("ledger.md").data.decode()
                assert "streamboo" in ledger_md and prompt[:20] in ledger_md.replace("\\", "")
                assert db.select_one("ledger_deliveries", {})["status"] == "delivered"
            finally:
                await conversation.aclose()
                working.cancel()
                await asyncio.gather(working, return_exceptions=True)
                await sender.aclose()
