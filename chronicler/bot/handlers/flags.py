"""Flagged messages: what the Warden set aside for the streamer's review."""

from __future__ import annotations

from typing import Any

from chronicler.bot.context import Context
from chronicler.bot.registry import Registry
from chronicler.bot.replies import Embed, EmbedField, Reply, escape_chat, shorten
from chronicler.bot.streamer_api import StreamerApi
from chronicler.bot.times import range_name
from chronicler.contract.commands import Command

handlers = Registry()

FLAG_LIMIT = 15  # what one embed shows comfortably
TEXT_LIMIT = 300
WARDEN_RED = 0xC0392B


@handlers.handler(
    "flags", "list", examples=["show today's flagged messages", "any flags for @spambot9 this week?"]
)
async def list_flags(command: Command, ctx: Context, api: StreamerApi) -> Reply:
    """Show flagged messages with chatter, time, rule and text."""
    page = await api.flags(range=command.range, username=command.username, limit=FLAG_LIMIT)
    items: list[dict[str, Any]] = page.get("items") or []
    when = range_name(page.get("range"), command.range)
    who = f" from {escape_chat(command.username)}" if command.username else ""
    if not items:
        return Reply.text(f"Nothing flagged{who} {when}.")
    fields = [_field(flag, ctx) for flag in items]
    footer = "newest first"
    if page.get("next_cursor"):
        footer = f"the newest {len(items)}; ask for a shorter range or one chatter to see others"
    embed = Embed.listing(f"Flagged messages{who} {when}", fields, footer=footer, colour=WARDEN_RED)
    return Reply(embeds=(embed,))


def _field(flag: dict[str, Any], ctx: Context) -> EmbedField:
    """'20:14 · Display_Name · rule' over the quoted message and the reason."""
    name = escape_chat(str(flag.get("display_name") or flag.get("chatter_login") or "?"))
    login = str(flag.get("chatter_login") or "")
    if login and login.lower() != str(flag.get("display_name") or "").lower():
        name += f" ({escape_chat(login)})"
    text = escape_chat(shorten(" ".join(str(flag.get("text") or "").split()), TEXT_LIMIT), defang=True)
    value = f"> {text or '(empty)'}"
    if flag.get("reason"):
        value += f"\n*{escape_chat(shorten(str(flag['reason']), 200))}*"
    rule = escape_chat(str(flag.get("rule") or "flagged"))
    return EmbedField(f"{ctx.time(flag.get('sent_at'))} · {name} · {rule}", value)
