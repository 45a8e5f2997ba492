"""Chat numbers over a range: messages, chatters, the busiest minute, the most talkative."""

from __future__ import annotations

from chronicler.bot import times
from chronicler.bot.context import Context
from chronicler.bot.registry import Registry
from chronicler.bot.replies import Embed, EmbedField, Reply, escape_chat
from chronicler.bot.streamer_api import StreamerApi
from chronicler.contract.commands import Command

handlers = Registry()

TOP_SHOWN = 5
SCRIBE_GOLD = 0xB7950B


@handlers.handler("stats", "show", examples=["stats for this week", "how busy was chat last stream?"])
async def show_stats(command: Command, ctx: Context, api: StreamerApi) -> Reply:
    """Show chat numbers: messages, chatters, new chatters, peak and mean per minute, top chatters."""
    stats = await api.stats(range=command.range)
    when = times.range_name(stats.get("range"), command.range)
    messages = int(stats.get("messages") or 0)
    if messages == 0:
        return Reply.text(f"No chat {when}, so no numbers yet.")
    fields = [
        EmbedField("Messages", f"{messages:,}", inline=True),
        EmbedField("Chatters", f"{int(stats.get('chatters') or 0):,}", inline=True),
        EmbedField("New chatters", f"{int(stats.get('new_chatters') or 0):,}", inline=True),
        EmbedField("Busiest minute", f"{int(stats.get('peak_per_minute') or 0):,} messages", inline=True),
        EmbedField("Per minute", f"{float(stats.get('mean_per_minute') or 0):.1f} on average", inline=True),
    ]
    top = (stats.get("top_chatters") or [])[:TOP_SHOWN]
    if top:
        ranking = "\n".join(
            f"{n}. {escape_chat(str(c.get('login')))} — {int(c.get('messages') or 0):,}"
            for n, c in enumerate(top, start=1)
        )
        fields.append(EmbedField("Most talkative", ranking))
    return Reply(embeds=(Embed.listing(f"Chat {when}", fields, colour=SCRIBE_GOLD),))
