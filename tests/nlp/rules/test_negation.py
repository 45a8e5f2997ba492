"""Negations: "don't stop yet" is not a stop; the parser says so and changes nothing."""

from __future__ import annotations

import pytest

from chronicler.nlp.rules import RuleParser
from tests.nlp.rules.conftest import Parse


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("don't stop yet", "Okay, I won't stop chronicling. Anything else?"),
        ("dont stop", "Okay, I won't stop chronicling. Anything else?"),
        ("please don't stop chronicling", "Okay, I won't stop chronicling. Anything else?"),
        ("never stop chronicling", "Okay, I won't stop chronicling. Anything else?"),
        ("do not turn off the warden", "Okay, I won't turn off the warden. Anything else?"),
        ("dont disable the warden pls", "Okay, I won't turn off the warden. Anything else?"),
        ("don't post the ledger", "Okay, I won't post the ledger. Anything else?"),
        ("no need to start chronicling", "Okay, I won't start chronicling. Anything else?"),
        ("i don't want you to turn on the steward", "Okay, I won't turn on the steward. Anything else?"),
        (
            "do NOT change my channel to pixel_wren",
            "Okay, I won't set your channel to pixel_wren. Anything else?",
        ),
        (
            "don't set the hearthkeeper to 20 minutes",
            "Okay, I won't set the hearthkeeper to 20 minutes. Anything else?",
        ),
        ("don't show me the flags", "Okay, I won't show the flags. Anything else?"),
    ],
)
def test_negated_commands_are_acknowledged_not_done(parse: Parse, text: str, question: str) -> None:
    assert parse(text) == {"interaction_type": "unknown", "action": None, "question": question}


@pytest.mark.parametrize(
    "text",
    [
        "wait, don't stop chronicling",
        "don't stop chronicling yet lol",
        "do not, under any circumstances, turn off the warden",
        "never ever end the stream",
        "no don't post the ledger",
    ],
)
def test_negations_never_change_state(parser: RuleParser, text: str) -> None:
    command = parser.parse(text).command
    assert command.interaction_type == "unknown"
    assert not command.changes_state


def test_a_negated_clause_does_not_hide_a_clear_one(parse: Parse) -> None:
    assert parse("don't stop chronicling, turn off the warden") == {
        "interaction_type": "mode",
        "action": "disable",
        "mode": "warden",
    }


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("keep the warden on pls", "Okay, I won't turn off the warden. Anything else?"),
        ("keep the reply bot off", "Okay, I won't turn on the steward. Anything else?"),
        ("nein, lass den Spamfilter an", "Okay, I won't turn off the warden. Anything else?"),
        ("hold off on the recap for now", "Okay, I won't post the ledger. Anything else?"),
    ],
)
def test_a_mode_left_as_it_is_is_no_switch(parse: Parse, text: str, question: str) -> None:
    """Keeping a mode as it is asks for nothing; keeping it "from now on" does (below)."""
    assert parse(text) == {"interaction_type": "unknown", "action": None, "question": question}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("keep the clip finder on from now on", {"mode": "librarian", "action": "enable", "scope": "always"}),
        ("leave the warden on but mute the reply bot", {"mode": "steward", "action": "disable"}),
        ("keep the steward going? nope. off", {"mode": "steward", "action": "disable"}),
    ],
)
def test_a_mode_kept_for_good_or_beside_another_switch_is_still_read(
    parse: Parse, text: str, expected: dict
) -> None:
    assert parse(text) == {"interaction_type": "mode", **expected}
