"""Answers on the flags just listed: a number (or "that one") and a verdict, read whole or not at all."""

from __future__ import annotations

from typing import Any

import pytest

from chronicler.contract.commands import Command
from chronicler.nlp.rules import RuleParser
from tests.nlp.rules.conftest import Parse


def review(verdict: str, item: int | None = None) -> dict[str, Any]:
    """The JSON of an answer on a flag."""
    slots: dict[str, Any] = {"verdict": verdict} if item is None else {"verdict": verdict, "item": item}
    return {"interaction_type": "flags", "action": "review", **slots}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("#3 is spam", review("confirmed", 3)),
        ("3 is spam", review("confirmed", 3)),
        ("#2 spam", review("confirmed", 2)),
        ("confirm 4", review("confirmed", 4)),
        ("mark #1 as spam", review("confirmed", 1)),
        ("yes, number 5 is a scam", review("confirmed", 5)),
        ("that one is spam", review("confirmed")),
        ("that's spam", review("confirmed")),
        ("3 is not spam", review("dismissed", 3)),
        ("#3 isn't spam", review("dismissed", 3)),
        ("dismiss 2", review("dismissed", 2)),
        ("Dismiss #2!", review("dismissed", 2)),
        ("#4 is fine", review("dismissed", 4)),
        ("ok #1 is a false positive, thanks", review("dismissed", 1)),
        ("mark 6 as not spam", review("dismissed", 6)),
        ("that one's fine", review("dismissed")),
        ("that one’s fine", review("dismissed")),  # a phone's curly apostrophe
        ("it's not spam", review("dismissed")),
        ("not spam", review("dismissed")),
        # Who the chatter is, then the verdict; a bot is spam; a describing word before "one".
        ("no, 2 is my cousin messing around, not spam", review("dismissed", 2)),
        ("flag 7 - confirmed spam", review("confirmed", 7)),
        ("#6 was a bot, confirm", review("confirmed", 6)),
        ("the giveaway one was def a scam, mark it", review("confirmed")),
        ("mark the first one as spam", review("confirmed", 1)),
        ("false alarm on #4", review("dismissed", 4)),
        ("flag 1 is a regular, unflag it", review("dismissed", 1)),
        ("clear the 3rd one", review("dismissed", 3)),
        ("the chatter in flag 2 is my mod, not spam", review("dismissed", 2)),
        ("number 6 isnt spam", review("dismissed", 6)),
        ("flag #5 scam lol", review("confirmed", 5)),
        ("flag 2 was a real scam yeah", review("confirmed", 2)),
        # In the other four languages, with the flag's number.
        ("le message 4 n'est pas du spam", review("dismissed", 4)),
        ("nachricht 3 ist kein spam, der ist stammzuschauer", review("dismissed", 3)),
        ("el 5 es estafa", review("confirmed", 5)),
        ("o 2 é golpe", review("confirmed", 2)),
    ],
)
def test_an_answer_on_a_flag(parse: Parse, text: str, expected: dict[str, Any]) -> None:
    assert parse(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "that's fine",  # said of anything: only "that one's fine" is about a flag
        "it's fine",
        "ok",
        "confirm",  # the answer to "reply yes to confirm", read by the bot before any parser
        "maybe #3 is spam",  # a doubt: the rules ask instead
        "0 is fine",
        "spam",
        "the stream is fine",
        "the bot is fine",
        "no es spam",  # no number: talk about spam
        "#2 is spam, not fine",  # takes itself back
    ],
)
def test_what_is_not_an_answer_on_a_flag(parse: Parse, text: str) -> None:
    assert parse(text).get("action") != "review"


def test_an_answer_is_read_surely_and_changes_nothing_unasked(parser: RuleParser) -> None:
    result = parser.parse("#3 is spam")
    assert result.confidence is not None and result.confidence >= 0.9
    # Undone by the other answer, and "that one" points at the list, not at an earlier command: no yes asked.
    assert not result.command.changes_state


def test_a_review_needs_a_verdict_and_a_number_of_a_list() -> None:
    with pytest.raises(ValueError):
        Command(interaction_type="flags", action="review", item=2)
    with pytest.raises(ValueError):
        Command(interaction_type="flags", action="review", verdict="dismissed", item=0)
    with pytest.raises(ValueError):
        Command(interaction_type="flags", action="review", verdict="open")
