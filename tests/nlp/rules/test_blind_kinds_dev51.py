"""Kinds the fourteenth round's blind DEV sets (DEV51 to DEV53) missed or acted on wrongly. Every line
here is invented for the test."""

from __future__ import annotations

import pytest

from tests.nlp.rules.conftest import Parse
from tests.nlp.rules.test_learned import command


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("hold on whats a librarian", "librarian"),
        ("what does the hearthkeeper actually post?", "hearthkeeper"),
        ("how does the link checker decide what is sketchy?", "warden"),
        ("could you explain what a webhook is", "webhook"),
        ("c'est quoi le scribe ?", "scribe"),
        ("qu'est-ce qu'un webhook ?", "webhook"),
        ("wie funktioniert der Steward?", "steward"),
        ("¿cómo funciona el warden?", "warden"),
        ("como funciona o librarian?", "librarian"),
        ("what are the blog entries you keep mentioning", "blog"),
    ],
)
def test_how_one_thing_works_in_any_language_is_help_on_it(parse: Parse, text: str, topic: str) -> None:
    assert parse(text) == command("help", None, topic=topic)


@pytest.mark.parametrize(
    "text",
    [
        "sorry im lost. who are you?",
        "hi, what do u actually do",
        "i don't get it, what am i supposed to write",
        "what does chronicling mean",
        "explain the modes please",
        "how do all the modes work together?",
    ],
)
def test_a_dm_that_only_asks_about_the_bot_is_help(parse: Parse, text: str) -> None:
    assert parse(text) == command("help", None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("what are the modes again?", command("mode", "list")),
        ("what are the clip candidates", command("clips", "list")),
        ("what's in the ledger", command("ledger", "show")),
        ("c'est quoi les flags de ce soir", command("flags", "list", range="current")),
        ("what's the difference between the scribe and the librarian?", None),
        ("what is the spam filter on?", command("mode", "list")),
    ],
)
def test_what_is_asked_to_be_seen_or_a_setting_is_no_explanation(
    parse: Parse, text: str, expected: dict[str, object] | None
) -> None:
    parsed = parse(text)
    if expected is None:
        assert parsed["interaction_type"] != "help"
    else:
        assert parsed == expected
