"""The markdown ledger: its sections, its times, and chat text that cannot break out of it."""

from __future__ import annotations

import re
from dataclasses import replace

from chronicler.domain.scribe import (
    AgentLine,
    ChatterCount,
    FlagExample,
    FlagGroup,
    LedgerClip,
    NotableLine,
    render_markdown,
)
from chronicler.domain.scribe.markdown import EXAMPLE_CHARS, MAX_EXAMPLES_PER_RULE, MAX_TOP_CHATTERS
from tests.domain.scribe.ledgers import DST_NIGHT, at, empty_ledger, ledger


def _section(markdown: str, title: str) -> str:
    """The body of one '## ' section."""
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", markdown, re.S | re.M)
    assert match, f"no section {title!r} in:\n{markdown}"
    return match[1]


def test_every_section_is_there_in_order() -> None:
    markdown = render_markdown(ledger())

    headings = re.findall(r"^## (.+)$", markdown, re.M)
    assert headings == [
        "Numbers",
        "Top chatters",
        "Clip candidates",
        "Flags",
        "What the Hearthkeeper and Steward said",
        "Notable discussion",
        "Blog seeds",
        "Quiet stretches",
    ]
    assert markdown.startswith("# Ledger · #pixel_wren\n")


def test_header_shows_local_times_across_the_dst_change() -> None:
    # 00:00 EST to 04:00 wall-clock... which is 05:00 EDT, because 02:00 EST became 03:00 EDT.
    markdown = render_markdown(ledger(hours=4))

    assert "**Theme:** Celeste any%" in markdown
    assert "**Started:** Sun 10 Mar 2024, 00:00 EST" in markdown
    assert "**Ended:** Sun 10 Mar 2024, 05:00 EDT" in markdown
    assert "**Duration:** 4h 00m" in markdown
    assert "America/New_York" in markdown


def test_other_time_zones_render_the_same_moment_differently() -> None:
    markdown = render_markdown(ledger(timezone="Europe/Berlin"))

    assert "**Started:** Sun 10 Mar 2024, 06:00 CET" in markdown


def test_numbers() -> None:
    data = ledger()
    numbers = _section(render_markdown(data), "Numbers")

    assert sum(data.per_minute) == 4826 and len(data.per_minute) == 240
    assert "- Messages: 4,826" in numbers
    assert "- Chatters: 312 (27 first-time)" in numbers
    assert "- Messages per minute: peak 26, mean 20.1" in numbers  # 4,826 / 240


def test_top_chatters_show_display_names_and_logins_when_they_differ() -> None:
    chatters = _section(render_markdown(ledger()), "Top chatters")

    assert "1. **Moss_Fan**: 410 messages" in chatters  # same name but for case: no login repeated
    assert "2. **Жук** (zhuk): 220 messages" in chatters
    assert "3. **QuietOne**: 1 message\n" in chatters


def test_clips_have_offsets_local_times_scores_and_samples() -> None:
    clips = _section(render_markdown(ledger()), "Clip candidates")

    assert "### 1. 01:01:05 into the stream (01:01 EST) · score 0.93" in clips
    assert "the window runs 01:01:05 – 01:02:00" in clips
    # 190 minutes in is 03:10 EDT: the clocks went forward in between.
    assert "### 2. 03:10:00 into the stream (04:10 EDT) · score 0.61" in clips
    assert "> moss_fan: NO WAY" in clips


def test_flags_are_grouped_by_rule_most_first_with_examples() -> None:
    flags = _section(render_markdown(ledger()), "Flags")

    assert "9 flags from 2 rules." in flags
    assert flags.index("### spam_link: 7") < flags.index("### caps_flood: 2")
    assert (
        "- 00:12:00 **spambot_9**: free followers at hxxps://evil.example/x "
        "_(link from a first-time chatter, score 0.97)_"
    ) in flags
    assert "_… and 6 more flags_" in flags  # 7 flagged, 1 example given
    assert "- 00:30:00 **loud**: AAAAAAA _(95% capitals)_" in flags


def test_agents_are_split_by_mode_in_time_order() -> None:
    agents = _section(render_markdown(ledger()), "What the Hearthkeeper and Steward said")

    assert agents.index("### Hearthkeeper: 1 line") < agents.index("### Steward: 1 line")
    assert "- 00:05:00 Welcome in, moss_fan! _(replying to “hi everyone”)_" in agents
    assert "- 00:45:00 Reminder: be kind in chat." in agents


def test_notable_blog_seeds_and_quiet_stretches() -> None:
    markdown = render_markdown(ledger())

    notable = _section(markdown, "Notable discussion")
    assert "- 01:10:00 _question_ **curious_cat**: how do you wavedash?" in notable
    assert "- **Wavedash tech**: Chat kept asking how the wavedash works." in _section(markdown, "Blog seeds")
    assert "- 01:40:00 – 02:10:00 (30 minutes)" in _section(markdown, "Quiet stretches")


def test_a_chatter_cannot_ping_everyone_or_hide_a_link() -> None:
    data = ledger(
        top_chatters=(ChatterCount("everyone", "@everyone", 5),),
        notable=(
            NotableLine(
                at(DST_NIGHT, minutes=1), "trickster", "[free skins](http://evil.example) @here", "link"
            ),
        ),
        flag_groups=(
            FlagGroup(
                "mentions",
                1,
                (
                    FlagExample(
                        "trickster",
                        "<@123456> <@&999> **bold** __u__ ~~s~~ ||spoiler|| `code` > quote # h",
                        at(DST_NIGHT, minutes=2),
                        "mass mention",
                    ),
                ),
            ),
        ),
    )
    markdown = render_markdown(data)

    assert "@everyone" not in markdown and "@here" not in markdown
    assert "@\u200beveryone" in markdown and "@\u200bhere" in markdown
    assert "[free skins](http" not in markdown
    # Only the opening bracket is escaped: without it there is no link, and no backslash elsewhere.
    assert "\\[free skins](hxxp://evil.example)" in markdown
    assert "<@" not in markdown
    assert (
        "<\u200b@123456> <\u200b@&999> \\*\\*bold\\*\\* \\_\\_u\\_\\_ \\~~s\\~~ "
        "\\||spoiler\\|| \\`code\\` > quote # h"
    ) in markdown


def test_chat_text_cannot_start_a_new_markdown_block() -> None:
    data = ledger(
        notable=(
            NotableLine(
                at(DST_NIGHT, minutes=1), "sneaky", "hi\n# Fake heading\r\n> fake quote\u2028- item", "odd"
            ),
        )
    )
    markdown = render_markdown(data)

    assert "**sneaky**: hi # Fake heading > fake quote - item" in markdown
    assert "\n# Fake" not in markdown and "\n> fake" not in markdown


def test_long_chat_text_is_capped() -> None:
    data = ledger(notable=(NotableLine(at(DST_NIGHT, minutes=1), "essayist", "word " * 500, "wall"),))
    line = next(line for line in render_markdown(data).splitlines() if "essayist" in line)

    text = line.split("**essayist**: ", 1)[1]
    assert len(text) == EXAMPLE_CHARS and text.endswith("…")


def test_long_lists_are_capped_and_say_how_much_was_left_out() -> None:
    many = tuple(ChatterCount(f"c{i}", f"c{i}", 100 - i) for i in range(MAX_TOP_CHATTERS + 3))
    examples = tuple(
        FlagExample(f"s{i}", "spam", at(DST_NIGHT, minutes=i), "spam")
        for i in range(MAX_EXAMPLES_PER_RULE + 4)
    )
    markdown = render_markdown(ledger(top_chatters=many, flag_groups=(FlagGroup("spam", 40, examples),)))

    assert f"{MAX_TOP_CHATTERS}. **c{MAX_TOP_CHATTERS - 1}**" in markdown
    assert f"**c{MAX_TOP_CHATTERS}**" not in markdown
    assert "_… and 3 more chatters_" in markdown
    assert "_… and 35 more flags_" in markdown  # 40 flagged, 5 shown


def test_an_empty_running_session_renders_sensibly() -> None:
    markdown = render_markdown(empty_ledger())

    assert "**Started:** Sun 10 Mar 2024, 00:00 EST" in markdown
    assert "**Ended:** still live" in markdown
    assert "Duration" not in markdown and "Theme" not in markdown
    assert "_No chat messages yet._" in markdown
    assert "_No clip candidates._" in markdown
    assert "_Nothing was flagged._" in markdown
    assert "_Neither said anything this session._" in markdown
    assert "Top chatters" not in markdown and "Quiet stretches" not in markdown
    assert markdown.endswith("\n") and "\n\n\n" not in markdown


def test_an_ended_session_without_messages_says_so_without_yet() -> None:
    data = empty_ledger()
    ended = replace(data.session, ended_at=at(DST_NIGHT, minutes=3))
    data = replace(data, session=ended, per_minute=(0, 0, 0))

    markdown = render_markdown(data)

    assert "_No chat messages._" in markdown
    assert "**Duration:** 3m 00s" in markdown


def test_offsets_past_a_day_and_before_the_start() -> None:
    data = ledger(
        hours=26,
        clips=(
            LedgerClip(
                at(DST_NIGHT, minutes=25 * 60 + 1, seconds=2), at(DST_NIGHT, minutes=25 * 60 + 2), 0.5, "late"
            ),
        ),
        agent_lines=(AgentLine("steward", at(DST_NIGHT, seconds=-5), "Going live soon!"),),
    )

    markdown = render_markdown(data)

    assert "### 1. 25:01:02 into the stream" in markdown and "runs 25:01:02 – 25:02:00" in markdown
    assert "- -00:00:05 Going live soon!" in markdown


def test_clips_are_listed_best_first_with_their_kind_peak_and_time_into_the_stream() -> None:
    start = DST_NIGHT
    data = ledger(
        clips=(
            LedgerClip(at(start, minutes=10), at(start, minutes=11), 2.5, "Hype: early"),
            LedgerClip(
                at(start, minutes=83, seconds=45),
                at(start, minutes=84, seconds=30),
                6.75,
                "Funny: chat laughed (KEKW)",
                peak=at(start, minutes=84, seconds=10),
                kind="funny",
            ),
        )
    )

    clips = _section(render_markdown(data), "Clip candidates")

    assert clips.index("### 1. 01:23:45 into the stream") < clips.index("### 2. 00:10:00 into the stream")
    assert "· funny · score 6.75" in clips
    # The heading names the kind, so the reason does not open with it again.
    assert "Chat peaked at 01:24:10; the window runs 01:23:45 – 01:24:30. chat laughed (KEKW)" in clips
    # A record without a peak is marked where chat took off, the reaction lag after its start.
    assert "Chat peaked at 00:10:25" in clips


def test_near_identical_questions_are_folded_and_what_was_cut_is_counted() -> None:
    start = DST_NIGHT
    asked = [
        NotableLine(at(start, minutes=n), f"late{n}", text, "question")
        for n, text in enumerate(
            ["what did i miss?", "What did I miss", "what did i misssss??", "@streamer what did i miss"] * 3
        )
    ]
    words = [f"topic{n}" for n in range(45)]
    others = [
        NotableLine(at(start, minutes=20 + n), f"asker{n}", f"{words[n]} or {words[n + 1]}?", "question")
        for n in range(40)
    ]
    notable = _section(render_markdown(ledger(notable=(*asked, *others))), "Notable discussion")

    assert notable.count("what did i miss") + notable.count("What did I miss") == 1
    assert notable.count("\n- ") == 30 + 1  # thirty lines, then what was cut
    assert (
        "… and 11 more lines after these, and 11 near-identical lines folded into the first of each"
        in notable
    )


def test_counts_from_the_caller_are_added_to_what_the_scribe_folds() -> None:
    data = ledger(notable_more=5, notable_repeats=2)

    notable = _section(render_markdown(data), "Notable discussion")

    assert "… and 5 more lines after these, and 2 near-identical lines folded" in notable


def test_ordinary_chat_punctuation_gets_no_backslashes() -> None:
    line = NotableLine(
        at(DST_NIGHT, minutes=1), "snake_case", "is this (really) the @boss_fight? #1", "question"
    )

    markdown = render_markdown(ledger(notable=(line,)))

    assert "**snake_case**: is this (really) the @boss_fight? #1" in markdown
    assert "\\(" not in markdown and "\\@" not in markdown and "\\_" not in markdown
