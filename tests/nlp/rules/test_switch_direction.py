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
        ("ouvre le scribe pour ce live", "mode.enable"),  # opened, in French as in English
        ("ferme le filtre anti-spam", "mode.disable"),
        # Turning off, stopped, is a switch on; wanted back or needed, on; "no more silence" is no off.
        ("quit muting the reply bot pls", "mode.enable"),
        ("hör bitte auf, den Clip-Finder auszuschalten", "mode.enable"),
        ("no more dead air, bring the chat nudges back", "mode.enable"),
        ("we need the spam catcher this stream, raid coming", "mode.enable"),
        ("we need the spam catcher off", None),
        ("scrap the summary writer for good", "mode.disable"),
        ("could the recap writer make a report tonight? I usually skip it", "mode.enable"),  # its job asked
        ("end the reply bot's break", "mode.enable"),  # the rest ends, so it goes on
        ("pump the brakes on the clip finder", "mode.disable"),
        ("desliga o resumo de fim de live", "mode.disable"),  # "resumo" is the summary, no "resume"
        ("i dont want the dead chat pinger on anymore", "mode.disable"),
        ("weck den Clip-Finder auf", "mode.enable"),
    ],
)
def test_the_way_a_switch_is_said(text: str, way: str | None) -> None:
    assert intl.switch_said(text) == way


@pytest.mark.parametrize(
    ("text", "action"),
    [
        ("oye vigila el chat desde ahora", "start chronicling"),  # watching asked, nothing ended
        ("deja de vigilar el chat ya", "stop chronicling"),
    ],
)
def test_watching_the_chat_says_which_way_a_session_goes(parse: Parse, text: str, action: str) -> None:
    reply = parse(text)
    said = reply.get("question") or f"{reply['action']} chronicling"
    assert action in said


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("enciende— perdón, apaga el bot que responde", {"mode": "steward", "action": "disable"}),
        ("schalt den Warden ein— nein, aus", {"mode": "warden", "action": "disable"}),
    ],
)
def test_a_switch_corrected_in_another_language_goes_the_corrected_way(
    parse: Parse, text: str, expected: dict
) -> None:
    reply = parse(text)
    if reply["interaction_type"] == "unknown":
        assert "turn off the" in reply["question"]
    else:
        assert {k: reply[k] for k in expected} == expected


@pytest.mark.parametrize(
    ("text", "action"),
    [
        ("n'éteins pas le bot qui répond, allume-le", "enable"),
        ("não desliga o filtro de spam, liga ele", "enable"),
    ],
)
def test_a_switch_refused_one_way_then_asked_the_other_is_the_other(
    parse: Parse, text: str, action: str
) -> None:
    reply = parse(text)
    if reply["interaction_type"] == "unknown":
        assert ("turn on the" if action == "enable" else "turn off the") in reply["question"]
    else:
        assert reply["action"] == action


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("laisse le filtre anti-spam tranquille, coupe juste le bot qui répond", "steward"),
        ("deja en paz el filtro de spam, solo silencia al bot que responde", "steward"),
        ("not the warden, the one that answers people in chat. mute that one", "steward"),
        ("desliga o resumo de fim de live, o caçador de clipes pode ficar", "scribe"),
    ],
)
def test_a_mode_left_alone_beside_the_one_switched_is_not_the_one_switched(
    parse: Parse, text: str, mode: str
) -> None:
    reply = parse(text)
    assert reply.get("mode") == mode or f"the {mode}" in reply.get("question", "")


def test_a_near_miss_asks_about_the_switch_the_way_it_is_said(parse: Parse) -> None:
    """ "stop disabling the steward" was asked back as "turn off the steward?": a "yes" would have switched
    it the other way."""
    assert "turn on the steward" in parse("stop disabling the steward")["question"]
