"""The same conversation in a terminal: read lines from stdin, print replies; Ctrl-D or Ctrl-C ends it."""

from __future__ import annotations

import asyncio
import re
import threading
from typing import TextIO

from chronicler.bot.conversation import Conversation
from chronicler.bot.replies import ZERO_WIDTH_SPACE, Reply

CONSOLE_USER = "console"
GREETING = "Chronicler console — talk as you would in a DM (try “help”). Ctrl-D or Ctrl-C quits."
_ESCAPED = re.compile(r"\\([\\*_~`|>#\-\[\]()])")  # what replies.escape_markdown escapes
_BOLD = re.compile(r"\*\*(.+?)\*\*")
TEXT_FILES = (".md", ".txt", ".json", ".csv")


def for_terminal(reply: Reply) -> str:
    """The reply as a terminal shows it: Discord's escapes and bold markers removed, text files inline."""
    parts = [*reply.chunks, *(embed.plain_text() for embed in reply.embeds)]
    for name, data in reply.files:
        if name.endswith(TEXT_FILES):
            content = data.decode("utf-8", errors="replace").rstrip()
            parts.append(f"--- {name} ---\n{content}\n--- end of {name} ---")
        else:
            parts.append(f"[{name}: {len(data):,} bytes, not shown]")
    text = "\n\n".join(parts)
    # Bold first: our own **markers** are bare, while escaped chat asterisks are never two in a row.
    return _ESCAPED.sub(r"\1", _BOLD.sub(r"\1", text)).replace(ZERO_WIDTH_SPACE, "")


class _Lines:
    """Lines of a blocking stream, read by a daemon thread so Ctrl-C never waits for Enter."""

    def __init__(self, stream: TextIO) -> None:
        self._queue: asyncio.Queue[str | None] = asyncio.Queue()
        self._loop = asyncio.get_running_loop()
        self._stream = stream
        threading.Thread(target=self._pump, name="console-stdin", daemon=True).start()

    def _pump(self) -> None:
        try:
            for line in iter(self._stream.readline, ""):
                self._loop.call_soon_threadsafe(self._queue.put_nowait, line)
            self._loop.call_soon_threadsafe(self._queue.put_nowait, None)
        except RuntimeError:  # the loop closed while we were reading: nobody is listening any more
            return

    async def next(self) -> str | None:
        """The next line, or None at end of input."""
        return await self._queue.get()


async def run_console(
    conversation: Conversation, *, stdin: TextIO, stdout: TextIO, user_key: str = CONSOLE_USER
) -> None:
    """Converse until end of input; Ctrl-C (KeyboardInterrupt) is left to the caller."""
    interactive = stdin.isatty()
    stdout.write(GREETING + "\n")
    lines = _Lines(stdin)
    try:
        while True:
            if interactive:
                stdout.write("you> ")
                stdout.flush()
            line = await lines.next()
            if line is None:
                break
            reply = await conversation.handle(user_key, line)
            if reply is not None:
                stdout.write(for_terminal(reply) + "\n\n")
                stdout.flush()
    finally:
        await conversation.aclose()
    if interactive:
        stdout.write("\n")
