"""Clip candidates: the moments the Librarian saw chat light up."""

from __future__ import annotations

from chronicler.bot import times
from chronicler.bot.context import Context
from chronicler.bot.languages import said_range
from chronicler.bot.registry import Registry
from chronicler.bot.replies import Embed, EmbedField, Reply, escape_chat, shorten
from chronicler.bot.streamer_api import StreamerApi
from chronicler.contract.api import ClipOut
from chronicler.contract.commands import Command

handlers = Registry()

CLIP_LIMIT = 10
SAMPLES_SHOWN = 3
LIBRARIAN_BLUE = 0x2E86C1


@handlers.handler(
    "clips", "list", examples=["what were the clip candidates last stream?", "any clips today?"]
)
async def list_clips(command: Command, ctx: Context, api: StreamerApi) -> Reply:
    """Show clip candidates: when, how far into the stream, and what chat said."""
    page = await api.clips(range=command.range, limit=CLIP_LIMIT)
    # Best first, as in the ledger: the streamer looks at the strongest moments before the latest.
    items = sorted(page.items, key=lambda clip: (-clip.score, clip.start))
    when = said_range(page.range, command.range, ctx.language)
    if not items:
        return Reply.text(ctx.say("clips_none", when=when))
    fields = [_field(clip, ctx) for clip in items]
    footer = "best first" + ("; there are more in a shorter range" if page.next_cursor else "")
    embed = Embed.listing(ctx.say("clips_title", when=when), fields, footer=footer, colour=LIBRARIAN_BLUE)
    return Reply(embeds=(embed,))


def _field(clip: ClipOut, ctx: Context) -> EmbedField:
    """'20:41 · 1:23:45 into the stream · score 0.87' over the reason and a few of chat's lines."""
    offset = times.offset(clip.offset_seconds)
    name = f"{ctx.time(clip.start)} · {offset} into the stream · score {clip.score:.2f}"
    lines = [escape_chat(shorten(clip.reason or "chat lit up", 200))]
    lines += [
        f"> {escape_chat(shorten(' '.join(sample.split()), 90), defang=True)}"
        for sample in clip.samples[:SAMPLES_SHOWN]
    ]
    return EmbedField(name, "\n".join(lines))
