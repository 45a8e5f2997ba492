"""Kinds the thirteenth round's blind DEV sets (DEV48 to DEV50) missed or acted on wrongly: another
streamer's bot described ("my cousin's bot pings chat after 7 minutes of quiet") is no setting of ours, a
bare stop followed by words that only insist ("stop, that's it"), "this evening" as tonight's stream,
"since the start of the stream" as the stream in progress, and the Hearthkeeper's wait described by the
quiet it waits for before the request ("si el chat se queda callado 12 minutos, que el bot diga algo").
Every line here is invented for the test."""

from __future__ import annotations

import pytest

from tests.nlp.rules.conftest import Parse
from tests.nlp.rules.test_learned import command


@pytest.mark.parametrize(
    "text",
    [
        "my cousin's bot pings chat after 7 minutes of quiet, funny",
        "their bot posts something when chat is dead for 10 minutes, cute",
        "if chat is quiet for 10 minutes remind me to drink water",
    ],
)
def test_someone_elses_bot_or_another_wish_sets_no_wait(parse: Parse, text: str) -> None:
    assert parse(text)["interaction_type"] == "unknown"


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("si el chat se queda callado 12 minutos, que el bot diga algo", 12),
        ("ping chat if nobody's typed anything in seven minutes", 7),
        ("le message automatique quand le chat est mort, mets-le à 25 minutes au lieu de 15", 25),
    ],
)
def test_the_quiet_described_before_or_after_the_request_sets_the_wait(
    parse: Parse, text: str, minutes: int
) -> None:
    assert parse(text) == command("mode", "configure", mode="hearthkeeper", idle_minutes=minutes)


@pytest.mark.parametrize("text", ["stop, that's it", "stop now, for real this time", "ok stop. seriously"])
def test_words_that_only_insist_leave_a_bare_stop_a_stop(parse: Parse, text: str) -> None:
    assert parse(text) == command("session", "stop")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("any clips from this evening?", command("clips", "list", range="current")),
        ("flgs 2day", command("flags", "list", range="today")),
        ("how many chatters since the start of the stream", command("stats", "show", range="current")),
        ("les clips depuis le début du live", command("clips", "list", range="current")),
        ("les clips depuis le début", command("clips", "list", range="all")),
        ("anything flagged this morning?", command("flags", "list", range="today")),
    ],
)
def test_ranges_said_these_ways(parse: Parse, text: str, expected: dict[str, object]) -> None:
    assert parse(text) == expected
