"""The Discord summary embed: what it says, and that it always fits Discord's limits."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from chronicler.domain.scribe import (
    ChatterCount,
    FlagGroup,
    LedgerClip,
    LedgerSeed,
    embed_length,
    summarize,
)
from chronicler.domain.scribe.embed import (
    DESCRIPTION_LIMIT,
    FIELD_LIMIT,
    FIELD_NAME_LIMIT,
    FIELD_VALUE_LIMIT,
    FOOTER_RESERVE,
    TITLE_LIMIT,
    TOTAL_LIMIT,
)
from tests.domain.scribe.ledgers import DST_NIGHT, at, empty_ledger, ledger


def _fields(embed: dict) -> dict[str, str]:
    return {field["name"]: field["value"] for field in embed["fields"]}


def _within_limits(embed: dict) -> None:
    assert len(embed["title"]) <= TITLE_LIMIT
    assert len(embed["description"]) <= DESCRIPTION_LIMIT
    assert len(embed["fields"]) <= FIELD_LIMIT
    for field in embed["fields"]:
        assert len(field["name"]) <= FIELD_NAME_LIMIT and len(field["value"]) <= FIELD_VALUE_LIMIT
        assert field["value"]  # Discord refuses empty field values
    assert embed_length(embed) <= TOTAL_LIMIT - FOOTER_RESERVE


def test_the_summary_says_when_and_how_much() -> None:
    embed = summarize(ledger(), image="chart.png")

    assert embed["title"] == "Ledger · #pixel_wren · 2024-03-10"
    assert embed["description"] == "**Celeste any%**\nSun 10 Mar 2024, 00:00 EST → 05:00 EDT (4h 00m)"
    assert embed["image"] == {"url": "attachment://chart.png"}
    fields = _fields(embed)
    assert fields["Messages"] == "4,826"
    assert fields["Chatters"] == "312 (27 first-time)"
    assert fields["Top chatters"].startswith("1. **Moss_Fan**: 410\n2. **Жук**: 220")
    assert fields["Clip candidates (2)"].splitlines()[0] == "`01:01:05` chat exploded"  # best score first
    assert fields["Flags (9)"] == "spam_link: 7\ncaps_flood: 2"
    assert fields["Blog seeds"] == "• Wavedash tech"
    _within_limits(embed)


def test_an_empty_session_gets_a_short_valid_summary() -> None:
    embed = summarize(empty_ledger())

    assert embed["description"] == "Sun 10 Mar 2024, 00:00 EST → still live"
    assert _fields(embed)["Flags (0)"] == "Nothing was flagged."
    assert "image" not in embed
    _within_limits(embed)


def test_huge_ledgers_are_cut_to_fit() -> None:
    long = "x" * 5000
    data = ledger(
        top_chatters=tuple(ChatterCount(f"c{i}", long, i) for i in range(300)),
        clips=tuple(
            LedgerClip(at(DST_NIGHT, minutes=i), at(DST_NIGHT, minutes=i + 1), 0.5, long) for i in range(200)
        ),
        flag_groups=tuple(FlagGroup(f"rule_{i}_{long}", i, ()) for i in range(100)),
        blog_seeds=tuple(LedgerSeed(long, long) for _ in range(50)),
    )
    data = replace(data, session=replace(data.session, theme=long, channel=long))

    embed = summarize(data)

    _within_limits(embed)
    assert _fields(embed)["Clip candidates (200)"].endswith("… and 195 more")


def test_chat_text_in_the_summary_is_escaped() -> None:
    data = ledger(top_chatters=(ChatterCount("everyone", "@everyone [x](http://evil)", 3),))

    value = _fields(summarize(data))["Top chatters"]

    assert "@everyone" not in value and "\\[x](" in value and " [x](" not in value


def test_the_summary_timestamp_is_the_start() -> None:
    embed = summarize(ledger(start=DST_NIGHT + timedelta(minutes=1)))

    assert embed["timestamp"] == "2024-03-10T05:01:00+00:00"
