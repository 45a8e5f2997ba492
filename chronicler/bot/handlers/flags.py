"""Flagged messages: what the Warden set aside for the streamer's review."""

from __future__ import annotations

from chronicler.bot.context import Context
from chronicler.bot.registry import Registry
from chronicler.bot.replies import Embed, EmbedField, Reply, escape_chat, shorten
from chronicler.bot.streamer_api import StreamerApi
from chronicler.bot.times import range_name
from chronicler.contract.api import FlagOut
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
    items = page.items
    when = range_name(page.range, command.range)
    who = f" from {escape_chat(command.username)}" if command.username else ""
    if not items:
        return Reply.text(f"Nothing flagged{who} {when}.")
    fields = [_field(flag, ctx) for flag in items]
    footer = "newest first"
    if page.next_cursor:
        footer = f"the newest {len(items)}; ask for a shorter range or one chatter to see others"
    embed = Embed.listing(f"Flagged messages{who} {when}", fields, footer=footer, colour=WARDEN_RED)
    return Reply(embeds=(embed,))


def _field(flag: FlagOut, ctx: Context) -> EmbedField:
    """'20:14 · Display_Name · rule' over the quoted message and the reason."""
    name = escape_chat(flag.display_name or flag.chatter_login or "?")
    login = flag.chatter_login
    if login and login.lower() != flag.display_name.lower():
        name += f" ({escape_chat(login)})"
    text = escape_chat(shorten(" ".join(flag.text.split()), TEXT_LIMIT), defang=True)
    value = f"> {text or '(empty)'}"
    if flag.reason:
        value += f"\n*{escape_chat(shorten(flag.reason, 200))}*"
    rule = escape_chat(flag.rule or "flagged")
    return EmbedField(f"{ctx.time(flag.sent_at)} · {name} · {rule}", value)
