"""Greetings and sign-offs are taken off a DM before it is read, never what asks or refuses."""

from __future__ import annotations

import pytest

from chronicler.nlp.rules import RuleParser
from chronicler.nlp.rules._manners import without_manners
from tests.nlp.rules.conftest import Parse
from tests.nlp.rules.test_learned import command


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("Good evening, please switch the warden off. Thank you.", "please switch the warden off."),
        ("Hello again, show me the clips. Kind regards, Wilhelmina", "show me the clips."),
        ("Hola, muestra los clips. Gracias, Paloma", "muestra los clips."),
        ("stop chronicling. Thanks so much! Regards, Ottilie", "stop chronicling."),
        (
            "Stop now please, and thank you for tonight. See you tomorrow!",
            "Stop now please, and thank you for tonight.",
        ),
        # Thanks after a question make it a request: the question mark goes with them, so the request is
        # read as one (and not as thanks).
        ("could you stop watching the chat? thanks", "could you stop watching the chat."),
        # Nothing but manners: left whole, so that thanks are answered as thanks.
        ("thank you!", "thank you!"),
        ("hi", "hi"),
        # A word that takes something back is no name after a sign-off.
        ("stop chronicling. thanks, but don't", "stop chronicling. thanks, but don't"),
        ("Thanks, Wait no", "Thanks, Wait no"),
    ],
)
def test_only_greetings_and_sign_offs_are_taken_off(text: str, plain: str) -> None:
    assert without_manners(text) == plain


def test_a_letter_is_read_for_its_request(parse: Parse) -> None:
    letter = (
        "Good evening, would you kindly switch the steward off for tonight? Thank you. Regards, Bernadette"
    )
    assert parse(letter) == command("mode", "disable", mode="steward", scope="tonight")
    assert parse("Hello, thank you so much!")["question"].startswith("You're welcome")


def test_a_refusal_after_the_thanks_still_refuses() -> None:
    assert not RuleParser().parse("stop chronicling. thanks, but don't").command.changes_state
