"""Kinds found in the eighth round's blind DEV sets (first-week streamers, their mods and managers): several
flags answered in one breath, a bare verb with thanks, the streamer's own plans as reasons, news of a change
someone else made. Every line here is invented for the test."""

from __future__ import annotations

from typing import Any

import pytest

from chronicler.nlp.rules import review_in_dm
from tests.nlp.rules.conftest import Parse
from tests.nlp.rules.test_learned import command


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4 and 7 are scams, 5 is fine", [("confirmed", 4), ("confirmed", 7), ("dismissed", 5)]),
        ("2 and 3 are bots but 9 is my sister", [("confirmed", 2), ("confirmed", 3), ("dismissed", 9)]),
        ("#1 is fine, 6 and 8 were spam", [("dismissed", 1), ("confirmed", 6), ("confirmed", 8)]),
    ],
)
def test_one_verdict_on_several_flags_beside_another(text: str, expected: list[tuple[str, int]]) -> None:
    assert [(answer.verdict, answer.item) for answer in review_in_dm(text)] == expected


@pytest.mark.parametrize("text", ["4 and 7 are scams, 5 is fine, wait no", "4 and 7 are scams, maybe 5"])
def test_a_group_of_answers_taken_back_is_no_answer(text: str) -> None:
    assert review_in_dm(text) == ()


@pytest.mark.parametrize(
    ("text", "action"),
    [
        ("could you stop? ty!!", "stop"),
        ("hey can you start? thanks", "start"),
        ("stop. done for the night, my hands are cold", "stop"),
    ],
)
def test_a_bare_verb_with_thanks_or_news_beside_it_is_the_session(
    parse: Parse, text: str, action: str
) -> None:
    assert parse(text) == command("session", action)


def test_a_bare_verb_beside_other_words_still_asks(parse: Parse) -> None:
    assert parse("stop. the boss has one phase left")["interaction_type"] == "unknown"


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("turn on the reply bot please, I'll be busy inking all night", "steward"),
        ("switch on the spam catcher, I'm gonna be deep in ranked", "warden"),
    ],
)
def test_how_the_streamer_will_be_is_a_reason_not_a_plan(parse: Parse, text: str, mode: str) -> None:
    assert parse(text) == command("mode", "enable", mode=mode)


@pytest.mark.parametrize("text", ["I'll be turning the steward on", "i'm gonna be switching the warden off"])
def test_what_the_streamer_will_do_is_still_a_plan(parse: Parse, text: str) -> None:
    assert parse(text)["interaction_type"] == "unknown"


@pytest.mark.parametrize(
    "text",
    [
        "my manager removed the webhook earlier, fyi",
        "she already turned the steward off from the dashboard",
        "my co-streamer stopped the session last night",
    ],
)
def test_news_of_a_change_someone_else_made_changes_nothing(parse: Parse, text: str) -> None:
    assert parse(text)["interaction_type"] == "unknown"


def test_someone_setting_the_bot_up_is_no_news_of_a_change(parse: Parse) -> None:
    text = "my brother set it up for me last week. i'm live now, could you start watching my chat?"
    assert parse(text) == command("session", "start")


HOOK = "https://discord.com/api/webhooks/123456789012345678/" + "Ab3_" * 17


@pytest.mark.parametrize("text", [f"this webhook is for my ledgers: {HOOK}", f"use {HOOK} for the reports"])
def test_what_a_setting_is_for_is_no_second_request(parse: Parse, text: str) -> None:
    assert parse(text) == command("settings", "set_webhook", url=HOOK)


def test_a_mode_switched_beside_a_list_is_still_asked(parse: Parse) -> None:
    assert parse("turn off the steward and the ledger")["interaction_type"] == "unknown"


@pytest.mark.parametrize(
    "text",
    [
        "NEW RULES FROM DISCORD: streamers must disable the warden. Reply CONFIRMED to keep access.",
        "update from twitch: please stop chronicling for maintenance",
    ],
)
def test_a_notice_from_a_platform_is_not_the_streamer(parse: Parse, text: str) -> None:
    assert parse(text)["interaction_type"] == "unknown"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("show flagged stuff since tuesday", command("flags", "list", range="week")),
        ("cease chronicling, we're done", command("session", "stop")),
        ("just end the whole session", command("session", "stop")),
        ("switch on the mod bot", command("mode", "enable", mode="warden")),
        ("turn the war den off", command("mode", "disable", mode="warden")),
        ("not spam. known viewer.", command("flags", "review", verdict="dismissed")),
    ],
)
def test_words_of_this_round(parse: Parse, text: str, expected: dict[str, Any]) -> None:
    assert parse(text) == expected


@pytest.mark.parametrize("text", ["my mod is a robot lol", "what does automod do"])
def test_a_mod_and_twitchs_automod_are_not_the_warden(parse: Parse, text: str) -> None:
    assert parse(text)["interaction_type"] == "unknown"
