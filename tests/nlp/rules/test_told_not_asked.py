"""Streamers tell the bot rather than command it, in five languages: the stream gone live or over, their
channel, the Hearthkeeper's wait in words ("media hora"), how long a switch lasts. Kinds found in the blind
DEV33 (Spanish, French, German, Portuguese) and DEV34 sets; every line here is invented for the test."""

from __future__ import annotations

from typing import Any

import pytest

from chronicler.nlp.rules import RuleParser
from chronicler.nlp.rules import _intl as intl
from tests.nlp.rules.conftest import Parse
from tests.nlp.rules.test_learned import command


@pytest.mark.parametrize(
    ("text", "action"),
    [
        ("we're live!! 🎉", "start"),
        ("bin live!", "start"),
        ("going live in 10, get ready", "start"),
        ("ok we're on air, do your thing", "start"),
        ("ya estoy en vivo, arranca porfa", "start"),
        ("bon je suis en live, tu peux commencer", "start"),
        ("gg everyone, offline now", "stop"),
        ("ok that's a wrap", "stop"),
        ("bin offline, kannst aufhören", "stop"),
        ("já terminei o direto, podes parar", "stop"),
        ("ok stop pls, i just ended", "stop"),
    ],
)
def test_the_stream_told_live_or_over_starts_or_stops_chronicling(
    parse: Parse, text: str, action: str
) -> None:
    assert parse(text) == command("session", action)


@pytest.mark.parametrize(
    "text",
    [
        "I'm live on youtube tonight",
        "we're live lol",
        "that's a wrap on the boss fight, next zone",
        "i'm not live yet",
        "bin live, was geht ihr",
    ],
)
def test_news_beside_other_words_changes_nothing(parse: Parse, text: str) -> None:
    assert parse(text)["interaction_type"] == "unknown"


@pytest.mark.parametrize(
    ("text", "channel"),
    [
        ("mi canal de twitch es mora_dulce7", "mora_dulce7"),
        ("mein twitch kanal ist kieselkrebs", "kieselkrebs"),
        ("ma chaîne twitch c'est la_pie_grise", "la_pie_grise"),
        ("meu canal da twitch é caju_doce_tv", "caju_doce_tv"),
        ("cambia mi canal a nube_gris_88", "nube_gris_88"),
        ("my twitch channel is twitch.tv/quartz_wren", "quartz_wren"),
    ],
)
def test_the_channel_stated_in_another_language_is_set(parse: Parse, text: str, channel: str) -> None:
    assert parse(text) == command("settings", "set_channel", channel=channel)


@pytest.mark.parametrize("text", ["mi canal es enorme", "my channel is growing"])
def test_a_channel_described_is_only_asked_about(parse: Parse, text: str) -> None:
    assert parse(text)["question"].startswith("Did you mean to set your channel")


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("pon el hearthkeeper a media hora", 30),
        ("cambia el tiempo de silencio a 25 min", 25),
        ("passe le délai du chat mort à quarante-cinq minutes", 45),
        ("Ruhezeit auf eine Viertelstunde setzen", 15),
        ("der bot soll erst nach einer halben stunde stille was schreiben", 30),
        ("define o tempo de inatividade para vinte e cinco minutos", 25),
    ],
)
def test_the_hearthkeepers_wait_set_in_another_language(parse: Parse, text: str, minutes: int) -> None:
    assert parse(text) == command("mode", "configure", mode="hearthkeeper", idle_minutes=minutes)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("no pongas el hearthkeeper a 20 minutos", "Okay, I won't"),  # read as Portuguese, still a "no"
        ("si el chat está muerto, pon el hearthkeeper a 20 minutos", "Did you mean"),
    ],
)
def test_a_wait_refused_or_conditional_is_not_set(parse: Parse, text: str, expected: str) -> None:
    assert parse(text)["question"].startswith(expected)


@pytest.mark.parametrize(
    ("said", "minutes"),
    [
        ("twenty-five minutes", [25]),
        ("treinta y cinco minutos", [35]),
        ("veinticinco minutos", [25]),
        ("fünfundzwanzig Minuten", [25]),
        ("vingt-cinq minutes", [25]),
        ("an hour of silence", [60]),
        ("a quarter of an hour", [15]),
        ("une demi-heure", [30]),
    ],
)
def test_minutes_in_words(said: str, minutes: list[int]) -> None:
    assert intl.minutes(said) == minutes


@pytest.mark.parametrize(
    ("text", "scope"),
    [
        ("turn off the hearthkeeper for the rest of the stream", "tonight"),
        ("switch on the librarian for just this evening", "tonight"),
        ("apaga el steward por ahora", "tonight"),
        ("désactive le steward pour l'instant", "tonight"),
        ("enable the scribe please, permanent", "always"),
    ],
)
def test_how_long_a_switch_lasts(parse: Parse, text: str, scope: str) -> None:
    assert parse(text)["scope"] == scope


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Something else is posted to the Discord: not the ledger.
        ("mia can you post the schedule in the discord?", {"interaction_type": "unknown"}),
        ("send the reprot to discord", {"interaction_type": "ledger", "action": "post"}),
        # News of Twitch connects or disconnects nothing.
        ("my twitch is dead", {"interaction_type": "unknown"}),
        ("my twitch died, reconnect it", {"interaction_type": "twitch", "action": "connect"}),
    ],
)
def test_what_is_posted_or_connected_is_what_is_named(
    parse: Parse, text: str, expected: dict[str, Any]
) -> None:
    got = parse(text)
    assert {key: got.get(key) for key in expected} == expected


@pytest.mark.parametrize(
    ("text", "verdict", "item"),
    [
        ("flag 2 is my cousin lol", "dismissed", 2),
        ("el flag 3 es mi hermana, tranqui", "dismissed", 3),
        ("el flag 6 es mi primo, no pasa nada", "dismissed", 6),
        ("flag numéro 1 ok, c'est mon pote", "dismissed", 1),
        ("Le signalement 4 est une fausse alerte.", "dismissed", 4),
        ("A sinalização número 2 é um falso positivo.", "dismissed", 2),
        ("El mensaje 5 está bien, no es spam", "dismissed", 5),
        ("El mensaje 5 está bien, pero es spam", "confirmed", 5),  # the reason says the other answer
        ("Flag 3 passt", "dismissed", 3),
    ],
)
def test_an_answer_on_a_flag_in_any_language(parse: Parse, text: str, verdict: str, item: int) -> None:
    assert parse(text) == command("flags", "review", verdict=verdict, item=item)


def test_a_word_alone_that_answers_flags_elsewhere_is_no_answer(parser: RuleParser) -> None:
    # "passt" alone once crashed the rules parser (an answer with no flag number).
    result = parser.parse("passt")
    assert not result.errors
    assert result.command.interaction_type == "unknown"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("could you start chronicling, if that's not too much trouble", command("session", "start")),
        ("turn off the warden if possible", command("mode", "disable", mode="warden")),
        ("Please start the chronicle whenever you're ready.", command("session", "start")),
        ("apaga el warden si es posible", command("mode", "disable", mode="warden")),
    ],
)
def test_politeness_shaped_as_a_condition_is_no_condition(
    parse: Parse, text: str, expected: dict[str, Any]
) -> None:
    assert parse(text) == expected


def test_a_real_condition_still_is_one(parse: Parse) -> None:
    assert parse("stop chronicling if you can't see chat")["interaction_type"] == "unknown"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "please turn the clip finder off from now on",
            command("mode", "disable", mode="librarian", scope="always"),
        ),
        (
            "could you enable the writer that does the summary at the end?",
            command("mode", "enable", mode="scribe"),
        ),
    ],
)
def test_a_mode_described_by_its_job_and_switched(parse: Parse, text: str, expected: dict[str, Any]) -> None:
    assert parse(text) == expected


@pytest.mark.parametrize(
    "text", ["the clip finder is off?", "I turned the clip finder off yesterday", "is the spam filter on"]
)
def test_a_mode_described_but_not_switched_changes_nothing(parse: Parse, text: str) -> None:
    assert parse(text).get("action") not in ("enable", "disable")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("could you possibly begin watching my chat?", command("session", "start")),
        (
            "Kindly begin chronicling. I'll be live on glimmer_owl in a minute.",
            command("session", "start", channel="glimmer_owl"),
        ),
        (
            "I was wondering if it would be possible to stop watching chat now, the stream is over",
            command("session", "stop"),
        ),
    ],
)
def test_a_request_asked_softly_or_before_going_live_is_a_request(
    parse: Parse, text: str, expected: dict[str, Any]
) -> None:
    assert parse(text) == expected


@pytest.mark.parametrize(
    "text",
    ["maybe stop chronicling?", "I wonder if I should stop chronicling", "stop chronicling in a minute"],
)
def test_a_real_hedge_or_a_later_time_still_asks(parse: Parse, text: str) -> None:
    assert parse(text)["interaction_type"] == "unknown"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "turn off the recap writer for tonight, I'm not going to look at it",
            command("mode", "disable", mode="scribe", scope="tonight"),
        ),
        (
            "turn off the librarian, it's not needed tonight",
            command("mode", "disable", mode="librarian", scope="tonight"),
        ),
    ],
)
def test_a_negated_reason_said_of_the_streamer_refuses_nothing(
    parse: Parse, text: str, expected: dict[str, Any]
) -> None:
    assert parse(text) == expected


@pytest.mark.parametrize(
    "text", ["don't turn off the warden, I need it", "I don't want the warden off tonight"]
)
def test_a_refusal_still_refuses(parse: Parse, text: str) -> None:
    assert parse(text)["question"].startswith("Okay, I won't")


@pytest.mark.parametrize(
    "text", ["cut it, we're done for tonight", "ok stop, that's it for today", "cut the recording"]
)
def test_cut_and_that_s_it_for_today_stop(parse: Parse, text: str) -> None:
    assert parse(text) == command("session", "stop")


@pytest.mark.parametrize("text", ["that cut was sick", "cut a clip of that"])
def test_cut_said_of_anything_else_stops_nothing(parse: Parse, text: str) -> None:
    assert parse(text)["interaction_type"] != "session"


def test_the_wait_is_the_setting_not_a_retraction(parse: Parse) -> None:
    text = "wait 40 minutes before the hearthkeeper says something"
    assert parse(text) == command("mode", "configure", mode="hearthkeeper", idle_minutes=40)


@pytest.mark.parametrize("text", ["wait, no, don't stop", "chat says stop"])
def test_wait_and_says_still_doubt_elsewhere(parse: Parse, text: str) -> None:
    assert parse(text)["interaction_type"] == "unknown"


def test_an_unsure_switch_is_asked_about_the_way_the_words_say(parse: Parse) -> None:
    # The model, unsure, reads a switch on; "off" says otherwise: asked, and asked the right way round.
    assert parse("please turn the highlight finder off from now on")["question"] == (
        "Did you mean to turn off the librarian?"
    )
