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
    when = times.range_name(stats.range, command.range)
    messages = stats.messages
    if messages == 0:
        return Reply.text(f"No chat {when}, so no numbers yet.")
    fields = [
        EmbedField("Messages", f"{messages:,}", inline=True),
        EmbedField("Chatters", f"{stats.chatters:,}", inline=True),
        EmbedField("New chatters", f"{stats.new_chatters:,}", inline=True),
        EmbedField("Busiest minute", f"{stats.peak_per_minute:,} messages", inline=True),
        EmbedField("Per minute", f"{stats.mean_per_minute:.1f} on average", inline=True),
    ]
    top = stats.top_chatters[:TOP_SHOWN]
    if top:
        ranking = "\n".join(
            f"{n}. {escape_chat(c.login)} — {c.messages:,}" for n, c in enumerate(top, start=1)
        )
        fields.append(EmbedField("Most talkative", ranking))
    return Reply(embeds=(Embed.listing(f"Chat {when}", fields, colour=SCRIBE_GOLD),))
