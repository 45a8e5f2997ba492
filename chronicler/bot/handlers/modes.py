"""Turning the five modes on and off, and how long the idle modes wait."""

from __future__ import annotations

from chronicler.bot.context import Context
from chronicler.bot.handlers._modes import DUTIES, MODE_ORDER, title
from chronicler.bot.registry import Registry
from chronicler.bot.replies import Reply
from chronicler.bot.streamer_api import StreamerApi
from chronicler.contract.api import ModeOut
from chronicler.contract.commands import Command

handlers = Registry()


@handlers.handler("mode", "list", examples=["which modes are on?", "list modes"])
async def list_modes(command: Command, ctx: Context, api: StreamerApi) -> Reply:
    """List the modes, whether each is on, and what it does."""
    modes = {m.mode: m for m in await api.modes()}
    lines = [_line(modes[name]) for name in MODE_ORDER if name in modes]
    lines += [_line(m) for name, m in modes.items() if name not in MODE_ORDER]
    return Reply.text("\n".join(["Your modes (changes apply from the next session):", *lines]))


def _line(mode: ModeOut) -> str:
    """'• **Warden** is on — flags spam and scams for your review.'"""
    name = mode.mode
    state = "on" if mode.enabled else "off"
    line = f"• **{title(name)}** is {state} — {DUTIES.get(name, 'a mode')}"
    if name == "hearthkeeper" and mode.idle_minutes:
        line += f" after {mode.idle_minutes} min of quiet"
    return line + "."


@handlers.handler("mode", "enable", examples=["turn on the warden", "enable the hearthkeeper"])
async def enable(command: Command, ctx: Context, api: StreamerApi) -> Reply:
    """Turn a mode on."""
    return await _switch(command, api, on=True)


@handlers.handler("mode", "disable", examples=["turn off the steward", "disable the librarian"])
async def disable(command: Command, ctx: Context, api: StreamerApi) -> Reply:
    """Turn a mode off."""
    return await _switch(command, api, on=False)


async def _switch(command: Command, api: StreamerApi, *, on: bool) -> Reply:
    """Turn the command's mode on or off; the reply says what it is now."""
    assert command.mode is not None  # the contract requires it
    mode = await api.update_mode(command.mode, enabled=on)
    name = title(mode.mode or command.mode)
    if mode.enabled:
        return Reply.text(
            f"The {name} is on: it {DUTIES.get(command.mode, 'works')}. This applies from the next session."
        )
    return Reply.text(f"The {name} is off. This applies from the next session.")


@handlers.handler("mode", "configure", examples=["let the hearthkeeper wait 20 minutes of quiet"])
async def configure(command: Command, ctx: Context, api: StreamerApi) -> Reply:
    """Change how many quiet minutes a mode waits before it speaks."""
    assert command.mode is not None and command.idle_minutes is not None  # the contract requires both
    mode = await api.update_mode(command.mode, idle_minutes=command.idle_minutes)
    minutes = mode.idle_minutes or command.idle_minutes
    return Reply.text(
        f"The {title(command.mode)} now waits {minutes} minute{'s' * (minutes != 1)} of quiet "
        "before it speaks."
    )
