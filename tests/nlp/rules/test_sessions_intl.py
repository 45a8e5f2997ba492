"""Starting and stopping chronicling asked in Spanish, French, German or Portuguese, tersely or politely:
a verb leading its clause with our bot, chat or session as its object, or beside news that the stream is
live or over. Every line here is invented for the test."""

from __future__ import annotations

import pytest

from tests.nlp.rules.conftest import Parse
from tests.nlp.rules.test_learned import command


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("oye arranca el bot, ya estamos en vivo", command("session", "start")),
        ("démarre le suivi stp, je suis en direct", command("session", "start")),
        ("leg los bitte, ich bin jetzt live", command("session", "start")),
        ("começa aí mano, tô ao vivo", command("session", "start")),
        ("¿Podría usted comenzar a registrar el directo? Ya estoy en directo.", command("session", "start")),
        ("lance la session sur riviere_qc", command("session", "start", channel="riviere_qc")),
        ("starte die Chronik auf bergfalke", command("session", "start", channel="bergfalke")),
        ("ya puedes empezar a ver el chat, estoy en directo", command("session", "start")),
        ("já estou em live, começa a ficar de olho no chat", command("session", "start")),
        # Whose chat, after "de"/"von"/"do": "le chat de x" is x's.
        ("commence à surveiller le chat de brumepixel", command("session", "start", channel="brumepixel")),
        ("fang an, den Chat von zimtkeks mitzulesen", command("session", "start", channel="zimtkeks")),
    ],
)
def test_a_start_asked_in_another_language_starts(
    parse: Parse, text: str, expected: dict[str, object]
) -> None:
    assert parse(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "corta todo, se acabó el directo",
        "finaliza porfa",
        "tu peux arrêter, on a fini pour ce soir",
        "feierabend, mach aus",
        "desliga lá isso, terminei a live",
    ],
)
def test_a_stop_asked_in_another_language_stops(parse: Parse, text: str) -> None:
    assert parse(text) == command("session", "stop")


@pytest.mark.parametrize(
    "text",
    [
        "cuando termine esta partida, para la sesión",  # a condition
        "no pares el bot todavía",  # a refusal
        "alguien en el chat escribió 'para todo'",  # quoted chat
        "lance la vidéo, je suis en live",  # another thing started
        "para todo el mundo, gracias por venir",  # "para" is "for"
    ],
)
def test_conditions_refusals_quotes_and_other_things_start_or_stop_nothing(parse: Parse, text: str) -> None:
    assert parse(text)["interaction_type"] != "session"


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("apaga el bot que contesta en el chat", "steward"),
        ("desliga o bot que responde o pessoal", "steward"),
    ],
)
def test_a_bot_described_is_a_mode_not_the_session(parse: Parse, text: str, mode: str) -> None:
    assert parse(text).get("interaction_type") != "session"


@pytest.mark.parametrize(
    "text",
    [
        "terminei a live, pode parar de ler o chat",
        "acabou mano, pode dar stop",
        "stop al bot, ya no estoy en vivo",
    ],
)
def test_a_stop_said_as_the_watching_stopped_or_with_an_english_stop_stops(parse: Parse, text: str) -> None:
    assert parse(text) == command("session", "stop")
