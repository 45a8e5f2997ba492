"""Ledger data for the Scribe's tests: one small, realistic session and an empty one."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from chronicler.domain.scribe import (
    AgentLine,
    ChatterCount,
    FlagExample,
    FlagGroup,
    LedgerClip,
    LedgerData,
    LedgerNumbers,
    LedgerSeed,
    LedgerSession,
    NotableLine,
)

# 00:00 EST on the night New York moves its clocks forward (02:00 EST becomes 03:00 EDT).
DST_NIGHT = datetime(2024, 3, 10, 5, 0, tzinfo=UTC)


def at(start: datetime, *, minutes: float = 0, seconds: float = 0) -> datetime:
    """A moment `minutes` and `seconds` into the stream."""
    return start + timedelta(minutes=minutes, seconds=seconds)


def ledger(
    *, start: datetime = DST_NIGHT, hours: float = 4, timezone: str = "America/New_York", **overrides: object
) -> LedgerData:
    """A four-hour session over the DST change with something in every section."""
    minutes = int(hours * 60)
    per_minute = tuple(0 if 100 <= m < 130 else 20 + (m % 7) for m in range(minutes))
    data = LedgerData(
        session=LedgerSession(42, "pixel_wren", "Celeste any%", start, at(start, minutes=minutes), timezone),
        numbers=LedgerNumbers.from_per_minute(per_minute, chatters=312, first_time_chatters=27),
        per_minute=per_minute,
        top_chatters=(
            ChatterCount("moss_fan", "Moss_Fan", 410),
            ChatterCount("zhuk", "Жук", 220),
            ChatterCount("quietone", "QuietOne", 1),
        ),
        clips=(
            LedgerClip(
                at(start, minutes=61, seconds=5),
                at(start, minutes=62),
                0.93,
                "chat exploded",
                ("moss_fan: NO WAY", "zhuk: clip it"),
            ),
            LedgerClip(at(start, minutes=190), at(start, minutes=191), 0.61, "laughter", ("a: LUL",)),
        ),
        flag_groups=(
            FlagGroup(
                "spam_link",
                7,
                (
                    FlagExample(
                        "spambot_9",
                        "free followers at https://evil.example/x",
                        at(start, minutes=12),
                        "link from a first-time chatter",
                        0.97,
                    ),
                ),
            ),
            FlagGroup(
                "caps_flood",
                2,
                (FlagExample("loud", "AAAAAAA", at(start, minutes=30), "95% capitals", None),),
            ),
        ),
        agent_lines=(
            AgentLine("steward", at(start, minutes=45), "Reminder: be kind in chat."),
            AgentLine("hearthkeeper", at(start, minutes=5), "Welcome in, moss_fan!", "hi everyone"),
        ),
        notable=(NotableLine(at(start, minutes=70), "curious_cat", "how do you wavedash?", "question"),),
        blog_seeds=(LedgerSeed("Wavedash tech", "Chat kept asking how the wavedash works."),),
    )
    return replace(data, **overrides) if overrides else data


def empty_ledger(*, start: datetime = DST_NIGHT, timezone: str = "America/New_York") -> LedgerData:
    """A session that has only just started: no end time, no messages, nothing else."""
    return LedgerData(
        session=LedgerSession(7, "pixel_wren", None, start, None, timezone),
        numbers=LedgerNumbers(0, 0, 0, 0, 0.0),
        per_minute=(),
    )
