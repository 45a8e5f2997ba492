"""Turning the five modes on and off, and how long the idle modes wait."""

from __future__ import annotations

from chronicler.bot.api_client import ApiUserError
from chronicler.bot.context import Context
from chronicler.bot.handlers._modes import DUTIES, MODE_ORDER, title
from chronicler.bot.registry import Registry
from chronicler.bot.replies import Reply
from chronicler.bot.streamer_api import StreamerApi
from chronicler.contract.api import ModeOut
from chronicler.contract.commands import Command
from chronicler.contract.errors import ErrorCode

handlers = Registry()


@handlers.handler("mode", "list", examples=["which modes are on?", "list modes"])
async def list_modes(command: Command, ctx: Context, api: StreamerApi) -> Reply:
    """List the modes, whether each is on, and what it does."""
    modes = {m.mode: m for m in await api.modes()}
    lines = [_line(modes[name]) for name in MODE_ORDER if name in modes]
    lines += [_line(m) for name, m in modes.items() if name not in MODE_ORDER]
    header = "Your modes (a change applies at once, to the stream being chronicled too):"
    return Reply.text("\n".join([header, *lines]))


def _line(mode: ModeOut) -> str:
    """'• **Warden** is on — flags spam and scams for your review.' (and when tonight differs)."""
    name = mode.mode
    state = "on" if mode.enabled else "off"
    line = f"• **{title(name)}** is {state} — {DUTIES.get(name, 'a mode')}"
    if name == "hearthkeeper" and mode.idle_minutes:
        line += f" after {mode.idle_minutes} min of quiet"
    if mode.session_enabled is not None and mode.session_enabled != mode.enabled:
        line += f" (but {'on' if mode.session_enabled else 'off'} for tonight)"
    return line + "."


@handlers.handler(
    "mode", "enable", examples=["turn on the warden", "enable the hearthkeeper just for tonight"]
)
async def enable(command: Command, ctx: Context, api: StreamerApi) -> Reply:
    """Turn a mode on, from now on or for tonight only."""
    return await _switch(command, ctx, api, on=True)


@handlers.handler(
    "mode",
    "disable",
    examples=["turn off the steward", "mute the steward for tonight", "disable the librarian"],
)
async def disable(command: Command, ctx: Context, api: StreamerApi) -> Reply:
    """Turn a mode off, from now on or for tonight only (back next stream)."""
    return await _switch(command, ctx, api, on=False)


async def _switch(command: Command, ctx: Context, api: StreamerApi, *, on: bool) -> Reply:
    """Turn the command's mode on or off, tonight or always; the reply says which."""
    assert command.mode is not None  # the contract requires it
    name = title(command.mode)
    tonight = command.scope == "tonight"
    try:
        mode = await api.update_mode(command.mode, enabled=on, scope="tonight" if tonight else None)
    except ApiUserError as exc:
        if tonight and exc.code is ErrorCode.NO_ACTIVE_SESSION:
            state = "on" if on else "off"
            return Reply.text(ctx.say("no_tonight", state=state, mode_lower=command.mode))
        raise
    if tonight:
        if mode.enabled == on:  # tonight is as the saved setting says: so is the next stream
            return Reply.text(ctx.say("mode_tonight_as_saved", mode=name, state="on" if on else "off"))
        return Reply.text(ctx.say("mode_on_tonight" if on else "mode_off_tonight", mode=name))
    live = ctx.say("tonight_included") if mode.session_enabled is not None else ""
    if on:
        duty = DUTIES.get(command.mode, "works")
        return Reply.text(ctx.say("mode_on_always", mode=name, tonight=live, duty=duty))
    return Reply.text(ctx.say("mode_off_always", mode=name, tonight=live))


@handlers.handler("mode", "configure", examples=["let the hearthkeeper wait 20 minutes of quiet"])
async def configure(command: Command, ctx: Context, api: StreamerApi) -> Reply:
    """Change how many quiet minutes a mode waits before it speaks."""
    assert command.mode is not None and command.idle_minutes is not None  # the contract requires both
    mode = await api.update_mode(command.mode, idle_minutes=command.idle_minutes)
    minutes = mode.idle_minutes or command.idle_minutes
    plural = minutes != 1
    return Reply.text(
        ctx.say(
            "mode_waits",
            mode=title(command.mode),
            minutes=minutes,
            plural="s" * plural,
            plural_de="n" * plural,
        )
    )
