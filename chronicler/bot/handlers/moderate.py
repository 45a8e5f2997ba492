"""Requests to moderate chat ("timeout X", "ban X"): answered politely, never carried out.

The Chronicler flags; it never deletes, times out or bans. The reply points to Twitch's own
commands and to the flags to review, and calls no API.
"""

from __future__ import annotations

from chronicler.bot.context import Context
from chronicler.bot.registry import Registry
from chronicler.bot.replies import Reply, escape_chat
from chronicler.contract.commands import Command

handlers = Registry()


@handlers.handler("moderate", None, examples=["timeout spambot9", "ban that guy"])
async def moderate(command: Command, ctx: Context, api: object) -> Reply:
    """Explain that I flag, never moderate: Twitch's /timeout and /ban are yours to use."""
    who = f" ({escape_chat(command.username)})" if command.username else ""
    target = f" {escape_chat(command.username)}" if command.username else ""
    return Reply.text(ctx.say("moderate", who=who, target=target))
