"""Clip candidates: the moments the Librarian saw chat light up."""

from __future__ import annotations

from typing import Any

from chronicler.bot import times
from chronicler.bot.context import Context
from chronicler.bot.registry import Registry
from chronicler.bot.replies import Embed, EmbedField, Reply, escape_chat, shorten
from chronicler.bot.streamer_api import StreamerApi
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
    items: list[dict[str, Any]] = page.get("items") or []
    when = times.range_name(page.get("range"), command.range)
    if not items:
        return Reply.text(f"No clip candidates {when}.")
    fields = [_field(clip, ctx) for clip in items]
    footer = "newest first" + ("; there are more in a shorter range" if page.get("next_cursor") else "")
    embed = Embed.listing(f"Clip candidates {when}", fields, footer=footer, colour=LIBRARIAN_BLUE)
    return Reply(embeds=(embed,))


def _field(clip: dict[str, Any], ctx: Context) -> EmbedField:
    """'20:41 · 1:23:45 into the stream · score 0.87' over the reason and a few of chat's lines."""
    name = f"{ctx.time(clip.get('start'))} · {times.offset(clip.get('offset_seconds'))} into the stream"
    if isinstance(clip.get("score"), int | float):
        name += f" · score {clip['score']:.2f}"
    lines = [escape_chat(shorten(str(clip.get("reason") or "chat lit up"), 200))]
    lines += [
        f"> {escape_chat(shorten(' '.join(str(s).split()), 90), defang=True)}"
        for s in (clip.get("samples") or [])[:SAMPLES_SHOWN]
    ]
    return EmbedField(name, "\n".join(lines))
