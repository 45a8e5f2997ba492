"""A switch is never carried out against the verb that says which way: the intent model once read
"enlève le scribe" (0.92) and "Please turn the clip finder off from now on. ..." (0.81) as switches on.
Every line here is invented for the test."""

from __future__ import annotations

import pytest

from chronicler.nlp.rules import _intl as intl
from tests.nlp.rules.conftest import Parse


@pytest.mark.parametrize(
    ("text", "way"),
    [
        ("enlève le scribe", "off"),
        ("mets le scribe stp", "on"),
        ("Please turn the clip finder off from now on. I'd rather not have clips made at all.", "off"),
        ("silence the quiet-chat pinger please, chat is never dead on marathon days", "off"),
    ],
)
def test_a_switch_is_never_carried_out_against_its_verb(parse: Parse, text: str, way: str) -> None:
    """The intent model once read these the other way round, sure enough to act; a verb that switches
    one way, in any of the five languages, now keeps it to that way (carried out or asked about)."""
    reply = parse(text)
    if reply["interaction_type"] == "unknown":
        assert f"turn {way} the" in reply["question"]
    else:
        assert reply["action"] == ("enable" if way == "on" else "disable")


@pytest.mark.parametrize(
    ("text", "way"),
    [
        ("activa el que avisa cuando el chat está callado", "mode.enable"),
        ("desliga o lembrete do chat", "mode.disable"),
        ("mach den Hearthkeeper aus", "mode.disable"),
        ("schalt den Clip-Finder ein", "mode.enable"),
        ("mets le warden en pause", "mode.disable"),  # "mets" puts it on, "en pause" to sleep: off
        ("ponlo en silencio, al bot que contesta", "mode.disable"),
        ("disable the warden, enable the steward", None),  # both ways said: the words decide nothing
        ("disactivate the pinger, chat is very active now", None),  # "active" is no verb
    ],
)
def test_the_way_a_switch_is_said(text: str, way: str | None) -> None:
    assert intl.switch_said(text) == way
