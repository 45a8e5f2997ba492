"""The console: the same conversation in a terminal, as the local streamer."""

from __future__ import annotations

import io

from chronicler.bot.auth import ProvidedAuthenticator
from chronicler.bot.console import GREETING, for_terminal, run_console
from chronicler.bot.conversation import Conversation
from chronicler.bot.replies import Embed, EmbedField, Reply, escape_chat
from tests.bot.fake_parser import PhraseParser


async def test_a_console_session_until_end_of_input(client, fake_api, clock):
    minted: list[str] = []

    async def token() -> str:
        minted.append(fake_api.token_for("pixel_wren"))
        return minted[-1]

    fake_api.flags["pixel_wren"] = [
        {
            "id": 1,
            "session_id": 1,
            "message_id": "m1",
            "chatter_login": "spambot9",
            "display_name": "SpamBot9",
            "text": "**free** nitro",
            "sent_at": "2024-04-30T20:14:00+00:00",
            "rule": "link_spam",
            "score": 0.9,
            "reason": "",
            "status": "open",
        }
    ]
    conversation = Conversation(client, PhraseParser(), ProvidedAuthenticator(token), clock=clock)
    stdout = io.StringIO()
    await run_console(conversation, stdin=io.StringIO("start chronicling\n\nshow flags\n"), stdout=stdout)
    lines = stdout.getvalue().splitlines()
    assert lines[0] == GREETING
    assert lines[1].startswith("Chronicling #pixel_wren since 20:03 — Warden")
    assert "== Flagged messages in this session ==" in lines
    assert "- #1 · 20:14 · SpamBot9 · link_spam · to review: > **free** nitro" in lines
    assert len(minted) == 1
    assert len(fake_api.interactions["pixel_wren"]) == 2  # recorded before run_console returned


def test_terminal_text_drops_discord_escapes_and_shows_text_files():
    reply = Reply(
        (f"**Linked** {escape_chat('pixel_wren @everyone')}",),
        (Embed("Chat", fields=(EmbedField("Messages", "12"),)),),
        (("ledger-7.md", b"# Ledger\n"), ("chart.png", b"\x89PNG")),
    )
    assert for_terminal(reply) == (
        "Linked pixel_wren @everyone\n\n== Chat ==\n- Messages: 12\n\n"
        "--- ledger-7.md ---\n# Ledger\n--- end of ledger-7.md ---\n\n"
        "[chart.png: 4 bytes, not shown]"
    )
