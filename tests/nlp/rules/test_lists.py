"""Read-only lists: flags (with a chatter), clips, blog posts and stats, with ranges."""

from __future__ import annotations

from typing import Any

import pytest

from tests.nlp.rules.conftest import Parse


def flags(**slots: Any) -> dict[str, Any]:
    """The JSON of a flags list."""
    return {"interaction_type": "flags", "action": "list", **slots}


def clips(**slots: Any) -> dict[str, Any]:
    """The JSON of a clips list."""
    return {"interaction_type": "clips", "action": "list", **slots}


def blog(**slots: Any) -> dict[str, Any]:
    """The JSON of a blog list."""
    return {"interaction_type": "blog", "action": "list", **slots}


def stats(**slots: Any) -> dict[str, Any]:
    """The JSON of a stats request."""
    return {"interaction_type": "stats", "action": "show", **slots}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("show today's flagged messages", flags(range="today")),
        ("show flags", flags()),
        ("flags?", flags()),
        ("any flags today?", flags(range="today")),
        ("what got flagged yesterday", flags(range="yesterday")),
        ("flagged messages this week", flags(range="week")),
        ("show the spam from last stream", flags(range="last")),
        ("who got flagged so far", flags(range="current")),
        ("show me all flags ever", flags(range="all")),
        ("all flags", flags(range="all")),
        ("flags from all time please", flags(range="all")),
        ("falgs from tonight", flags(range="current")),  # typo
        ("pull up the flags rn", flags(range="current")),  # "rn": right now, the stream in progress
        ("list flags from @xqc_fan99", flags(username="xqc_fan99")),
        ("flags from xqc_fan99", flags(username="xqc_fan99")),
        ("flags from xqc_fan99 today", flags(range="today", username="xqc_fan99")),
        ("xqc_fan99's flags", flags(username="xqc_fan99")),
        ("what did @spammer123 say that got flagged", flags(username="spammer123")),
        ("what did spammer123 say that got flagged", flags(username="spammer123")),
        ("did @Spammer123 get flagged last stream?", flags(range="last", username="spammer123")),
    ],
)
def test_flags(parse: Parse, text: str, expected: dict[str, Any]) -> None:
    assert parse(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("clips", clips()),
        ("show clips", clips()),
        ("what were the clip candidates last stream?", clips(range="last")),
        ("any good clips tonight?", clips(range="current")),
        ("highlights from yesterday", clips(range="yesterday")),
        ("show me the clippable moments this week", clips(range="week")),
        ("clips from all time", clips(range="all")),
        ("gimme the clip candidates from the previous stream", clips(range="last")),
        ("list clips today", clips(range="today")),
        ("cilps from last stream", clips(range="last")),  # typo
        ("what are the best clips so far?", clips(range="current")),
    ],
)
def test_clips(parse: Parse, text: str, expected: dict[str, Any]) -> None:
    assert parse(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("blog", blog()),
        ("show the blog posts", blog()),
        ("any blog posts this week?", blog(range="week")),
        ("list blogs from yesterday", blog(range="yesterday")),
        ("show me the writeups", blog()),
        ("blog post from last stream?", blog(range="last")),
        ("what did the scribe write today? show the blog", blog(range="today")),
        ("show the bolg posts", blog()),  # typo
        ("all blog posts ever", blog(range="all")),
        ("the write-ups from tonight", blog(range="current")),
    ],
)
def test_blog(parse: Parse, text: str, expected: dict[str, Any]) -> None:
    assert parse(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("stats", stats()),
        ("show stats for tonight", stats(range="current")),
        ("how many messages today?", stats(range="today")),
        ("how many chatters last stream", stats(range="last")),
        ("stats this week", stats(range="week")),
        ("show me all time stats", stats(range="all")),
        ("statistics so far", stats(range="current")),
        ("chat activity yesterday?", stats(range="yesterday")),
        ("give me the numbers for yesterday", stats(range="yesterday")),
        ("show the sttas", stats()),  # typo
    ],
)
def test_stats(parse: Parse, text: str, expected: dict[str, Any]) -> None:
    assert parse(text) == expected


def test_two_ranges_are_asked_about(parse: Parse) -> None:
    assert parse("flags from today and yesterday") == {
        "interaction_type": "unknown",
        "action": None,
        "question": "Which one do you mean: today or yesterday?",
    }


def test_two_lists_at_once_are_asked_about(parse: Parse) -> None:
    result = parse("show the flags and the clips")
    assert result["interaction_type"] == "unknown"
    assert result["question"] == (
        "I can do one thing at a time: 'show the flags' or 'show the clip candidates'?"
    )


def test_clip_that_only_offers_the_candidates(parse: Parse) -> None:
    assert parse("clip that!")["question"] == "Did you mean to show the clip candidates?"


def test_a_state_verb_is_not_a_list_request(parse: Parse) -> None:
    assert parse("stop the spam")["interaction_type"] == "unknown"


def test_a_list_the_rules_half_saw_gives_way_to_the_model_sure_of_another(parse: Parse) -> None:
    # "moment" is a clips word; the question is whether chronicling runs.
    assert parse("is chronicling active at the moment?") == {
        "interaction_type": "session",
        "action": "status",
    }
