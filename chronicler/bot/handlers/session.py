"""Starting, stopping and checking on a chronicled stream."""

from __future__ import annotations

from chronicler.bot import times
from chronicler.bot.api_client import ApiUserError
from chronicler.bot.context import Context
from chronicler.bot.handlers._modes import modes_on
from chronicler.bot.registry import Registry
from chronicler.bot.replies import Reply, escape_chat
from chronicler.bot.streamer_api import StreamerApi
from chronicler.bot.wording import count, sentence
from chronicler.contract.api import SessionOut
from chronicler.contract.commands import Command
from chronicler.contract.errors import ErrorCode

handlers = Registry()


@handlers.handler(
    "session",
    "start",
    examples=["start chronicling tonight's stream", "start chronicling #pixel_wren, theme: speedruns"],
)
async def start(command: Command, ctx: Context, api: StreamerApi) -> Reply:
    """Start chronicling your channel's chat."""
    try:
        session = await api.start_session(command.channel, command.theme)
    except ApiUserError as exc:
        if exc.code is ErrorCode.SESSION_ACTIVE:
            return await _already_running(ctx, api)
        if exc.code is ErrorCode.NO_CHANNEL:
            return Reply.text(
                "Which channel should I chronicle? Say “start chronicling #your_channel”, "
                "or set it once with “set my channel to your_channel”."
            )
        raise
    lines = [
        f"Chronicling #{session.channel} since {ctx.time(session.started_at)}"
        + (f" — {modes_on(session.modes)}." if session.modes else ".")
    ]
    if session.theme:
        lines.append(f"Theme: {escape_chat(session.theme)}.")
    if session.modes.get("scribe"):
        lines.append("The Scribe will write the ledger when you say “stop chronicling”.")
    return Reply.text(" ".join(lines))


async def _already_running(ctx: Context, api: StreamerApi) -> Reply:
    """Which session runs already, when starting another was refused."""
    current = await api.current_session()
    where = f" #{current.channel} (since {ctx.time(current.started_at)})" if current else ""
    return Reply.text(f"I'm already chronicling{where}. Say “stop chronicling” first to start a new session.")


@handlers.handler("session", "stop", examples=["stop chronicling", "we're done for tonight, stop"])
async def stop(command: Command, ctx: Context, api: StreamerApi) -> Reply:
    """Stop chronicling; the Scribe then writes the ledger."""
    try:
        session = await api.end_session()
    except ApiUserError as exc:
        if exc.code is ErrorCode.NO_ACTIVE_SESSION:
            return Reply.text("I'm not chronicling anything right now, so there was nothing to stop.")
        raise
    text = f"Stopped chronicling #{session.channel}: {_span(session, ctx)}."
    if session.modes.get("scribe", True):
        text += " The Scribe is writing the ledger — ask “show the ledger” in a moment."
    return Reply.text(text)


@handlers.handler("session", "status", examples=["are you chronicling?", "session status"])
async def status(command: Command, ctx: Context, api: StreamerApi) -> Reply:
    """Say whether a stream is being chronicled, and how it is going."""
    current = await api.current_session()
    if current is not None:
        text = (
            f"Chronicling #{current.channel} since {ctx.time(current.started_at)} "
            f"({times.duration(current.started_at, None, ctx.now)}) — "
            f"{count(current.message_count, 'message')} so far"
        )
        if current.last_chat_at:
            text += f", last chat at {ctx.time(current.last_chat_at)}"
        text += "."
        if current.modes:
            text += f" {sentence(modes_on(current.modes))}"
        if current.theme:
            text += f" Theme: {escape_chat(current.theme)}."
        return Reply.text(text)
    recent = await api.sessions(status="ended", limit=1)
    if not recent:
        return Reply.text(
            "I'm not chronicling right now, and no stream has been chronicled yet. "
            "Say “start chronicling” when you go live."
        )
    last = recent[0]
    return Reply.text(f"I'm not chronicling right now. Last session: #{last.channel}, {_span(last, ctx)}.")


def _span(session: SessionOut, ctx: Context) -> str:
    """'20:03–23:10 (3 h 07 min), 12,345 messages'."""
    started, ended = session.started_at, session.ended_at
    return (
        f"{ctx.time(started)}–{ctx.time(ended)} ({times.duration(started, ended, ctx.now)}), "
        f"{count(session.message_count, 'message')}"
    )
