"""Linking the Discord account with a code, and help."""

from __future__ import annotations

import pytest

from tests.nlp.rules.conftest import Parse


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("link ABCD-1234", "ABCD-1234"),
        ("my link code is ABCD-1234", "ABCD-1234"),
        ("/link abcd-1234", "abcd-1234"),
        ("link code: 7F3K9Q", "7F3K9Q"),
        ("here's the code: QWERTY", "QWERTY"),
        ("  link   ABCD-1234  ", "ABCD-1234"),
        ("link `ABCD-1234`", "ABCD-1234"),
        ("code is X9Y8Z7", "X9Y8Z7"),
        ("please link ab12cd", "ab12cd"),
        ("linking code ABCD-1234 thanks!", "ABCD-1234"),
    ],
)
def test_link_keeps_the_code_as_typed(parse: Parse, text: str, code: str) -> None:
    assert parse(text) == {"interaction_type": "link", "action": None, "code": code}


@pytest.mark.parametrize("text", ["link", "link my account", "link please"])
def test_link_without_a_code_asks_for_it(parse: Parse, text: str) -> None:
    assert parse(text)["question"] == "What's your link code? Send it like 'link ABCD-1234'."


def test_a_promo_code_in_passing_is_not_a_link(parse: Parse) -> None:
    text = "does anyone use gift cards, try my store with the code XXBB5TCZ for free stuff"
    assert parse(text)["interaction_type"] == "unknown"


@pytest.mark.parametrize(
    "text",
    [
        "help",
        "HELP!",
        "help me",
        "halp",
        "what can you do",
        "what can you do?",
        "commands?",
        "?",
        "how does this work",
        "how do I use this?",
        "what are the commands",
        "halp pls",
        "hmm what is this bot",
        "ok and what else can ya do?",
        "c'est quoi vos fonctions ?",
        "¿cuáles son tus funciones?",
    ],
)
def test_help(parse: Parse, text: str) -> None:
    assert parse(text) == {"interaction_type": "help", "action": None}


def test_help_yields_to_a_specific_request(parse: Parse) -> None:
    assert parse("help, show me the flags")["interaction_type"] == "flags"
