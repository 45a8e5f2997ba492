"""The ledger's short summary as a Discord embed, kept inside Discord's embed limits."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from chronicler.domain.hearing import unheard_summary
from chronicler.domain.scribe import _clock
from chronicler.domain.scribe._text import safe, truncate
from chronicler.domain.scribe.data import LedgerData

# Discord's documented embed limits.
TITLE_LIMIT = 256
DESCRIPTION_LIMIT = 4096
FIELD_LIMIT = 25
FIELD_NAME_LIMIT = 256
FIELD_VALUE_LIMIT = 1024
TOTAL_LIMIT = 6000
# Left free for the footer the delivery adds (the idempotency key), so stamping never breaks the limit.
FOOTER_RESERVE = 200

ITEMS_PER_FIELD = 5
ITEM_CHARS = 120
COLOR = 0x5865F2


def summarize(data: LedgerData, *, image: str | None = None) -> dict[str, Any]:
    """A short embed: when, the numbers, top chatters, best clips, flags and blog seeds.

    `image` names an attached file (e.g. "chart.png") to show inside the embed.
    """
    session = data.session
    zone = session.zone
    start = session.started_at
    local_start = start.astimezone(zone)
    title = f"Ledger · #{safe(session.channel, 60)} · {local_start:%Y-%m-%d}"

    when = f"{_clock.local_time(start, zone)} → "
    if session.ended_at is None:
        when += "still live"
    else:
        when += f"{_clock.clock(session.ended_at, zone)} ({_clock.duration(session.ended_at - start)})"
    description = [when]
    if session.theme:
        description.insert(0, f"**{safe(session.theme, 200)}**")
    if data.unheard is not None:
        unheard = data.unheard
        description.append(unheard_summary(unheard.seconds, unheard.gaps, unheard.reasons))

    numbers = data.numbers
    fields: list[dict[str, Any]] = [
        _field("Messages", f"{numbers.messages:,}", inline=True),
        _field("Chatters", f"{numbers.chatters:,} ({numbers.first_time_chatters:,} first-time)", inline=True),
        _field(
            "Per minute",
            f"peak {numbers.peak_per_minute:,} · mean {numbers.mean_per_minute:,.1f}",
            inline=True,
        ),
    ]
    if data.top_chatters:
        fields.append(
            _field(
                "Top chatters",
                _listing(
                    (
                        f"{rank}. **{safe(chatter.display_name or chatter.login, 40)}**: {chatter.messages:,}"
                        for rank, chatter in enumerate(data.top_chatters, start=1)
                    ),
                    len(data.top_chatters),
                ),
            )
        )
    if data.clips:
        best = sorted(data.clips, key=lambda clip: -clip.score)
        fields.append(
            _field(
                f"Clip candidates ({len(data.clips)})",
                _listing(
                    (
                        f"`{_clock.offset(clip.start, start)}` {safe(clip.reason, ITEM_CHARS)}"
                        for clip in best
                    ),
                    len(best),
                ),
            )
        )
    total_flags = sum(group.count for group in data.flag_groups)
    groups = sorted(data.flag_groups, key=lambda group: -group.count)
    fields.append(
        _field(
            f"Flags ({total_flags:,})",
            _listing((f"{safe(group.rule, 60)}: {group.count:,}" for group in groups), len(groups))
            or "Nothing was flagged.",
        )
    )
    if data.blog_seeds:
        fields.append(
            _field(
                "Blog seeds",
                _listing(
                    (f"• {safe(seed.topic, ITEM_CHARS)}" for seed in data.blog_seeds), len(data.blog_seeds)
                ),
            )
        )

    embed: dict[str, Any] = {
        "title": truncate(title, TITLE_LIMIT),
        "description": truncate("\n".join(description), DESCRIPTION_LIMIT),
        "color": COLOR,
        "timestamp": start.isoformat(),
        "fields": fields[:FIELD_LIMIT],
    }
    if image:
        embed["image"] = {"url": f"attachment://{image}"}
    return _fit_total(embed)


def embed_length(embed: dict[str, Any]) -> int:
    """The characters Discord counts towards an embed's 6000 total."""
    return (
        len(embed.get("title", ""))
        + len(embed.get("description", ""))
        + sum(len(field["name"]) + len(field["value"]) for field in embed.get("fields", ()))
        + len(embed.get("footer", {}).get("text", ""))
        + len(embed.get("author", {}).get("name", ""))
    )


def _field(name: str, value: str, *, inline: bool = False) -> dict[str, Any]:
    return {
        "name": truncate(name, FIELD_NAME_LIMIT),
        "value": truncate(value, FIELD_VALUE_LIMIT),
        "inline": inline,
    }


def _listing(lines: Iterable[str], total: int) -> str:
    """Up to ITEMS_PER_FIELD whole lines that fit a field value, then how many were left out."""
    kept: list[str] = []
    size = 0
    for line in lines:
        # Room is kept for the "… and N more" line, so lines are never cut mid-markup.
        if len(kept) == ITEMS_PER_FIELD or size + len(line) + 1 > FIELD_VALUE_LIMIT - 40:
            break
        kept.append(line)
        size += len(line) + 1
    if total > len(kept):
        kept.append(f"… and {total - len(kept):,} more")
    return "\n".join(kept)


def _fit_total(embed: dict[str, Any]) -> dict[str, Any]:
    budget = TOTAL_LIMIT - FOOTER_RESERVE
    # The last fields are the least important; drop them before touching the description.
    while embed_length(embed) > budget and len(embed["fields"]) > 3:
        embed["fields"].pop()
    overflow = embed_length(embed) - budget
    if overflow > 0:
        embed["description"] = truncate(embed["description"], max(len(embed["description"]) - overflow, 0))
    return embed
