"""The same conversation in a terminal: read lines, print replies; Ctrl-D or Ctrl-C ends it.

On a terminal (stdin and stdout both ttys) the console prompts with prompt_toolkit: whatever else
prints while it waits for a line (the other parts' logs, relayed by the supervisor, and this process's
own log records) goes through the same `Terminal`, above the `you>` prompt, and never breaks what is
being typed; a status line under the prompt ("live: #channel · 1,234 msgs · 2 flags · API ok") is
updated in place. Anywhere else (piped input, tests, CI) it reads and writes plain lines.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import io
import logging
import os
import re
import sys
import threading
from collections.abc import AsyncIterator, Iterator
from typing import TextIO

from prompt_toolkit import PromptSession
from prompt_toolkit.application import create_app_session, run_in_terminal
from prompt_toolkit.input import create_input
from prompt_toolkit.output.vt100 import Vt100_Output

from chronicler.bot.conversation import Conversation
from chronicler.bot.replies import ZERO_WIDTH_SPACE, Reply

CONSOLE_USER = "console"
GREETING = "Chronicler console — talk as you would in a DM (try “help”). Ctrl-D or Ctrl-C quits."
PROMPT = "you> "
_ESCAPED = re.compile(r"\\([\\*_~`|>#\-\[\]()])")  # what replies.escape_markdown escapes
_BOLD = re.compile(r"\*\*(.+?)\*\*")
TEXT_FILES = (".md", ".txt", ".json", ".csv")
# What must not reach a terminal that is drawing a prompt: escape sequences, and control characters
# other than tab (a carriage return would send the cursor back over the prompt).
_ANSI = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-Z\\-_])")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


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


def printable(text: str) -> str:
    """`text` as it may be printed above a prompt: each line as a terminal would end up showing it
    (what follows its last carriage return: a progress bar's last state), with no escape sequences
    or other control characters left."""
    lines = (_ANSI.sub("", line).rstrip("\r").rpartition("\r")[2] for line in text.split("\n"))
    return "\n".join(_CONTROL.sub("", line) for line in lines)


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (ValueError, OSError):  # closed, or no file behind it
        return False


def _same_file(stream: object, fd: int) -> bool:
    """Whether `stream` writes to the file (the terminal) open as `fd`."""
    try:
        return os.path.samestat(os.fstat(stream.fileno()), os.fstat(fd))  # type: ignore[attr-defined]
    except (AttributeError, ValueError, OSError):  # no file behind it, or closed
        return False


class Terminal:
    """The terminal the console shares with everything else that prints: lines, and a status line.

    `echo` and `set_status` may be called from any thread. While the console prompts, lines go
    above the prompt and what is being typed, and the status line is redrawn in place under it;
    otherwise lines are written to `stdout` as they come, and no status line shows. `interactive`
    says whether there will be a prompt at all: stdin and stdout are both terminals, and `term`
    (default: $TERM) is not a dumb one, which cannot move its cursor (Emacs's shell).
    """

    def __init__(self, stdin: TextIO, stdout: TextIO, *, term: str | None = None) -> None:
        self.stdin = stdin
        self.stdout = stdout
        self.term = os.environ.get("TERM", "") if term is None else term
        dumb = self.term.lower() in ("dumb", "unknown")
        self.interactive = _is_terminal(stdin) and _is_terminal(stdout) and not dumb
        self._lock = threading.Lock()  # orders the lines; guards `_above`
        self._above: Prompt | None = None  # while prompting: what prints lines above it
        self._status: str | None = None

    def echo(self, text: str) -> None:
        """Print `text` (one line or several) above the prompt, or plainly when there is none."""
        with self._lock:
            if self._above is not None:
                self._above.print(printable(text))
            else:
                self.stdout.write(text + "\n")
                self.stdout.flush()

    @property
    def status(self) -> str | None:
        """What the status line says; None shows none."""
        return self._status

    def set_status(self, text: str | None) -> None:
        """Say `text` on the status line under the prompt (redrawn in place); None hides it."""
        with self._lock:
            self._status = None if text is None else printable(text).replace("\n", " ")
            above = self._above
        if above is not None:
            above.redraw()

    @contextlib.asynccontextmanager
    async def prompting(self) -> AsyncIterator[Prompt]:
        """Prompts on this terminal; meanwhile all that prints here goes above them.

        That is `echo`, from any thread, and whatever else writes to this same terminal through
        `sys.stdout`, `sys.stderr` or a stream handler of the root logger (this process's warnings
        and log records).
        """
        app_input = create_input(self.stdin)
        app_output = Vt100_Output.from_pty(self.stdout, term=self.term or None)
        with create_app_session(input=app_input, output=app_output):
            prompt = Prompt(self, PromptSession(input=app_input, output=app_output))
            with self._lock:
                self._above = prompt
            try:
                with _redirected(_LineWriter(self), self.stdout.fileno()):
                    yield prompt
            finally:
                with self._lock:
                    self._above = None  # later lines are written at once; the earlier ones, now:
                await prompt.drain()

    def _status_bar(self) -> str:
        return f" {self._status or ''}"


class Prompt:
    """The console's `you>` prompt, with the lines printed above it and the status line under it.

    Lines are printed from the event loop that runs the prompt, never from the thread that sent them:
    deciding there whether a prompt shows is what keeps a line from landing between a prompt
    starting and its first drawing. Lines that arrive while others are printed go out together, in
    one redrawing of the prompt.
    """

    def __init__(self, terminal: Terminal, session: PromptSession[str]) -> None:
        self._terminal = terminal
        self._session = session
        self._app = session.app
        self._loop = asyncio.get_running_loop()
        self._context = contextvars.copy_context()  # the app session's: `run_in_terminal` finds the app in it
        self._pending: list[str] = []
        self._printing: asyncio.Future[None] | None = None

    async def line(self) -> str:
        """The next line typed; EOFError for Ctrl-D on an empty line, KeyboardInterrupt for Ctrl-C."""
        self._show_status()
        # The loop's exception handler stays asyncio's (logged, so printed above the prompt) rather
        # than prompt_toolkit's, which asks for Enter. A SIGINT acts as Ctrl-C (see `cli.serve`).
        return await self._session.prompt_async(PROMPT, set_exception_handler=False)

    def print(self, text: str) -> None:
        """From any thread: print `text` soon, after the lines sent before it."""
        try:
            self._loop.call_soon_threadsafe(self._arrive, text, context=self._context)
        except RuntimeError:  # the loop has closed (the console stopped abruptly): no prompt shows
            self._pending.append(text)
            self._write()

    def redraw(self) -> None:
        """From any thread: draw the prompt and its status line again, when a prompt shows."""
        with contextlib.suppress(RuntimeError):  # the loop closed meanwhile: nothing shows
            self._loop.call_soon_threadsafe(self._show_status, context=self._context)

    def _show_status(self) -> None:
        """A status line under the prompt when there is a status, else none at all (not an empty one)."""
        terminal = self._terminal
        self._session.bottom_toolbar = terminal._status_bar if terminal.status is not None else None
        self._app.invalidate()

    async def drain(self) -> None:
        """Once no prompt shows any more: print every line sent so far."""
        arrived: asyncio.Future[None] = self._loop.create_future()
        self._loop.call_soon_threadsafe(arrived.set_result, None)  # after every line sent before
        await arrived
        if self._printing is not None:
            with contextlib.suppress(Exception):
                await asyncio.shield(self._printing)
        self._write()

    def _arrive(self, text: str) -> None:
        self._pending.append(text)
        if self._printing is None:
            self._print_pending()

    def _print_pending(self) -> None:
        if not self._app.is_running:
            self._write()
            return
        self._printing = asyncio.ensure_future(run_in_terminal(self._write))  # prompt hidden meanwhile
        self._printing.add_done_callback(self._printed)

    def _printed(self, printing: asyncio.Future[None]) -> None:
        self._printing = None
        if printing.cancelled() or printing.exception() is not None:
            self._write()  # as best we can
        elif self._pending:  # arrived meanwhile
            self._print_pending()

    def _write(self) -> None:
        lines, self._pending = self._pending, []
        if lines:
            stdout = self._terminal.stdout
            stdout.write("".join(line + "\n" for line in lines))
            stdout.flush()


class _LineWriter(io.TextIOBase):
    """A stream whose whole lines go to `Terminal.echo` (for `sys.stdout`, `sys.stderr`, log handlers)."""

    def __init__(self, terminal: Terminal) -> None:
        super().__init__()
        self._terminal = terminal
        self._partial = ""
        self._lock = threading.Lock()

    def write(self, text: str) -> int:
        with self._lock:
            *lines, self._partial = (self._partial + text).split("\n")
        for line in lines:
            self._terminal.echo(line)
        return len(text)

    def finish(self) -> None:
        """Print what is left of an unfinished line."""
        with self._lock:
            partial, self._partial = self._partial, ""
        if partial:
            self._terminal.echo(partial)

    def isatty(self) -> bool:
        return True


@contextlib.contextmanager
def _redirected(writer: _LineWriter, fd: int) -> Iterator[None]:
    """What `sys.stdout`, `sys.stderr` and the root logger's stream handlers would write to the
    terminal open as `fd`, sent to `writer` instead, until the block ends."""
    with contextlib.ExitStack() as undo:
        undo.callback(writer.finish)  # last, once nothing writes to it any more
        for name in ("stdout", "stderr"):
            original = getattr(sys, name)
            if _same_file(original, fd):
                setattr(sys, name, writer)
                undo.callback(setattr, sys, name, original)
        for handler in logging.getLogger().handlers:
            if isinstance(handler, logging.StreamHandler) and _same_file(handler.stream, fd):
                undo.callback(handler.setStream, handler.setStream(writer))
        yield


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
    conversation: Conversation,
    *,
    stdin: TextIO,
    stdout: TextIO,
    user_key: str = CONSOLE_USER,
    terminal: Terminal | None = None,
) -> None:
    """Converse until end of input (Ctrl-D); Ctrl-C (KeyboardInterrupt) is left to the caller.

    `terminal` is the one the rest of the process prints through (default: one on stdin and stdout).
    """
    terminal = terminal or Terminal(stdin, stdout)
    try:
        if terminal.interactive:
            await _at_the_prompt(conversation, terminal, user_key)
        else:
            await _line_by_line(conversation, terminal, user_key)
    finally:
        await conversation.aclose()


async def _at_the_prompt(conversation: Conversation, terminal: Terminal, user_key: str) -> None:
    """A prompt_toolkit prompt for each line; other output printed above it meanwhile."""
    terminal.echo(GREETING)
    async with terminal.prompting() as prompt:
        while True:
            try:
                line = await prompt.line()
            except EOFError:  # Ctrl-D on an empty line
                return
            reply = await conversation.handle(user_key, line)
            if reply is not None:
                terminal.echo(for_terminal(reply) + "\n")


async def _line_by_line(conversation: Conversation, terminal: Terminal, user_key: str) -> None:
    """Plain lines from stdin (a `you>` prompt when it is a terminal), replies printed after each."""
    stdout = terminal.stdout
    prompt = _is_terminal(terminal.stdin)
    terminal.echo(GREETING)
    lines = _Lines(terminal.stdin)
    while True:
        if prompt:
            stdout.write(PROMPT)
            stdout.flush()
        line = await lines.next()
        if line is None:
            break
        reply = await conversation.handle(user_key, line)
        if reply is not None:
            terminal.echo(for_terminal(reply) + "\n")
    if prompt:
        stdout.write("\n")
