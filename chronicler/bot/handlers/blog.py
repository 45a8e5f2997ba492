"""Blog seeds: topics chat kept coming back to, proposed as posts."""

from __future__ import annotations

from chronicler.bot import times
from chronicler.bot.context import Context
from chronicler.bot.registry import Registry
from chronicler.bot.replies import Embed, EmbedField, Reply, escape_chat, shorten
from chronicler.bot.streamer_api import StreamerApi
from chronicler.bot.wording import count
from chronicler.contract.commands import Command

handlers = Registry()

LIBRARIAN_BLUE = 0x2E86C1


@handlers.handler(
    "blog", "list", examples=["any blog ideas from last stream?", "show blog seeds for this week"]
)
async def list_blog_seeds(command: Command, ctx: Context, api: StreamerApi) -> Reply:
    """Show blog post ideas drawn from what chat talked about."""
    page = await api.blog_seeds(range=command.range)
    items = page.items
    when = times.range_name(page.range, command.range)
    if not items:
        return Reply.text(f"No blog ideas {when} — chat did not dwell on one topic long enough.")
    fields = [
        EmbedField(
            escape_chat(shorten(seed.topic or "?", 200)),
            f"{escape_chat(shorten(seed.description, 700))}\n"
            f"*{count(seed.related_count, 'related message')}*".strip(),
        )
        for seed in items
    ]
    return Reply(embeds=(Embed.listing(f"Blog ideas {when}", fields, colour=LIBRARIAN_BLUE),))
