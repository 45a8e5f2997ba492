"""The ledger in the other four languages: shown when asked here ("envoie-moi le bilan ici"), posted when
asked to Discord with verbs streamers use ("sube el reporte al discord", "balance le compte rendu sur le
discord"), "se faz favor" no condition. Every line here is invented for the test."""

from __future__ import annotations

import pytest

from tests.nlp.rules.conftest import Parse
from tests.nlp.rules.test_learned import command


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("envoie-moi le bilan ici stp", command("ledger", "show")),
        ("me manda o relatório da live de hoje aqui", command("ledger", "show", session="current")),
        ("zeig mir den Bericht vom letzten Stream", command("ledger", "show", session="last")),
        ("¿me enseñas el resumen de ayer?", command("ledger", "show", session="last")),
    ],
)
def test_the_ledger_asked_here_is_shown(parse: Parse, text: str, expected: dict[str, object]) -> None:
    assert parse(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "no me mandes el resumen todavía",  # a refusal
        "si terminas, mándame el resumen",  # a condition
    ],
)
def test_a_refusal_or_a_condition_shows_nothing(parse: Parse, text: str) -> None:
    assert parse(text) != command("ledger", "show")


@pytest.mark.parametrize(
    ("text", "session"),
    [
        ("sube el informe del directo anterior al discord porfa", "last"),
        ("Publica o relatório desta live no Discord, se faz favor", "current"),
    ],
)
def test_the_ledger_sent_to_discord_in_other_words_is_posted(parse: Parse, text: str, session: str) -> None:
    assert parse(text) == command("ledger", "post", session=session)
