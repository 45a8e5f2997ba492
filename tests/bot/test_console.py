"""The console: the same conversation in a terminal, as the local streamer."""

from __future__ import annotations

import asyncio
import io
import logging
import re
import termios
import threading
from collections.abc import Iterator

import aiohttp
import pytest

from chronicler.bot.api_client import ApiClient
from chronicler.bot.auth import ProvidedAuthenticator
from chronicler.bot.console import GREETING, Terminal, for_terminal, printable, run_console
from chronicler.bot.conversation import Conversation
from chronicler.bot.replies import Embed, EmbedField, Reply, escape_chat
from tests.bot.fake_parser import PhraseParser
from tests.bot.pty_terminal import PtyTerminal


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


# -- at a terminal -----------------------------------------------------------------------------


@pytest.fixture
def pty() -> Iterator[PtyTerminal]:
    terminal = PtyTerminal()
    yield terminal
    terminal.close()


def test_what_may_be_printed_above_a_prompt():
    assert printable("plain\tline") == "plain\tline"
    assert printable("\x1b[31mred\x1b[0m and \x1b]0;title\x07back") == "red and back"
    assert printable(" 10%|#   \r 50%|###  \r") == " 50%|###  "  # a progress bar's last state
    assert printable("one\r\ntwo\x07\x08") == "one\ntwo"


def test_off_a_terminal_lines_are_written_as_they_come():
    stdout = io.StringIO()
    terminal = Terminal(io.StringIO(), stdout, term="xterm")
    assert not terminal.interactive
    terminal.echo("worker    | 20:14:00 INFO  chronicling\r")
    terminal.set_status("live: #pixel_wren · 1 msg · 0 flags · API ok")  # no prompt: no status line
    assert stdout.getvalue() == "worker    | 20:14:00 INFO  chronicling\r\n"


def test_a_dumb_terminal_gets_plain_lines(pty):
    stdin, stdout = pty.streams()
    with stdin, stdout:
        assert Terminal(stdin, stdout, term="xterm-256color").interactive
        assert not Terminal(stdin, stdout, term="dumb").interactive


async def test_at_a_terminal_other_lines_go_above_the_prompt_and_never_break_what_is_typed(
    client, fake_api, clock, pty
):
    async def token() -> str:
        return fake_api.token_for("pixel_wren")

    parser = PhraseParser()
    conversation = Conversation(client, parser, ProvidedAuthenticator(token), clock=clock)
    stdin, stdout = pty.streams()
    terminal = Terminal(stdin, stdout, term="xterm")
    assert terminal.interactive
    handler = logging.StreamHandler(stdout)  # this process's log records, on the same terminal
    logging.getLogger().addHandler(handler)
    console = asyncio.create_task(run_console(conversation, stdin=stdin, stdout=stdout, terminal=terminal))
    try:
        greeted = await asyncio.to_thread(pty.until, re.escape(GREETING) + r"\n+you>")
        pty.type("show fl")
        typed = await asyncio.to_thread(pty.until, "show fl", after=greeted)

        # From another thread, as the supervisor relays the parts' lines.
        relay = threading.Thread(
            target=terminal.echo, args=("worker    | 20:14:00 INFO  #pixel_wren went live",)
        )
        relay.start()
        relay.join()
        logging.getLogger("chronicler.test").warning("the API is slow")
        terminal.set_status("live: #pixel_wren · 1,234 msgs · 2 flags · API ok")
        above = await asyncio.to_thread(
            pty.until, r"worker    \| 20:14:00 INFO  #pixel_wren went live\n", after=typed
        )
        logged = await asyncio.to_thread(pty.until, r"the API is slow\n", after=typed)
        await asyncio.to_thread(pty.until, "you> show fl", after=max(above, logged))  # drawn again below
        await asyncio.to_thread(pty.until, "live: #pixel_wren · 1,234 msgs · 2 flags · API ok", after=typed)

        pty.type("ags\r")
        await asyncio.to_thread(pty.until, "Nothing flagged in the last session.", after=typed)
        assert [text for text, _ in parser.calls] == ["show flags"]  # what was typed, whole

        pty.type("\x04")  # Ctrl-D on the empty prompt
        await asyncio.wait_for(console, timeout=10)
    finally:
        logging.getLogger().removeHandler(handler)
        console.cancel()
        stdin.close()
        stdout.close()
    assert handler.stream is stdout  # given back
    assert pty.text.count("the API is slow") == 1 and "Traceback" not in pty.text


def test_ctrl_c_at_the_prompt_is_left_to_the_caller(api_url, fake_api, pty):
    """Ctrl-C ends the console as a KeyboardInterrupt (the caller stops what it runs), terminal restored."""

    async def token() -> str:
        return fake_api.token_for("pixel_wren")

    stdin, stdout = pty.streams()
    before = termios.tcgetattr(stdin.fileno())
    raised: list[BaseException] = []

    async def console() -> None:
        async with aiohttp.ClientSession() as session:
            conversation = Conversation(
                ApiClient(session, api_url), PhraseParser(), ProvidedAuthenticator(token)
            )
            await run_console(
                conversation, stdin=stdin, stdout=stdout, terminal=Terminal(stdin, stdout, term="xterm")
            )

    def in_its_own_loop() -> None:  # a KeyboardInterrupt must not reach the tests' own loop
        try:
            asyncio.run(console())
        except BaseException as exc:  # what the caller would see
            raised.append(exc)

    with stdin, stdout:
        thread = threading.Thread(target=in_its_own_loop)
        thread.start()
        at = pty.until("you>")
        pty.type("stop chron")
        pty.until("stop chron", after=at)
        pty.type("\x03")
        thread.join(timeout=10)
        assert not thread.is_alive()
        assert termios.tcgetattr(stdin.fileno()) == before  # out of raw mode
    assert [type(exc) for exc in raised] == [KeyboardInterrupt]
