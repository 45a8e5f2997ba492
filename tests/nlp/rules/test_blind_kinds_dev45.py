"""Kinds the twelfth round's blind DEV sets (DEV45 to DEV47) missed, most in the other four languages:
the formal "could you" ("¿Podría ...?", "Pourriez-vous ...?", "Könnten Sie ...?"), chronicling begun in
German ("fang an mitzuschreiben"), a word with accents read whole ("résume-moi" is no "resume"), link
codes named in another language, a channel's new name that no language has, and news of the stream
followed by a bare "you can stop". Every line here is invented for the test."""

from __future__ import annotations

import pytest

from tests.nlp.rules.conftest import Parse
from tests.nlp.rules.test_learned import command


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "¿Podría apagar el bot de respuestas solo por hoy?",
            command("mode", "disable", mode="steward", scope="tonight"),
        ),
        (
            "Pourriez-vous désactiver le filtre anti-spam pour ce soir ?",
            command("mode", "disable", mode="warden", scope="tonight"),
        ),
        (
            "Könnten Sie den Chat-Wecker für heute ausschalten?",
            command("mode", "disable", mode="hearthkeeper", scope="tonight"),
        ),
    ],
)
def test_the_formal_could_you_asks(parse: Parse, text: str, expected: dict[str, object]) -> None:
    assert parse(text) == expected


@pytest.mark.parametrize(
    "text",
    ["Stream läuft, fang jetzt an mitzuschreiben", "bin live, fang bitte an den chat zu protokollieren"],
)
def test_chronicling_begun_in_german(parse: Parse, text: str) -> None:
    assert parse(text) == command("session", "start")


def test_a_word_with_accents_is_read_whole_not_as_an_english_typo(parse: Parse) -> None:
    assert parse("résume-moi le chat jusqu'ici") == command("session", "recap")


@pytest.mark.parametrize(
    ("text", "code"),
    [("mon code de liaison : 7TQ2MX", "7TQ2MX"), ("mein Verknüpfungscode: HB42QZ", "HB42QZ")],
)
def test_a_link_code_named_in_another_language(parse: Parse, text: str, code: str) -> None:
    assert parse(text) == command("link", code=code)


@pytest.mark.parametrize("text", ["el código de mi cupón es 7TQ2MX", "use my promo code ZX81KL"])
def test_a_shops_code_links_nothing(parse: Parse, text: str) -> None:
    assert parse(text)["interaction_type"] == "unknown"


def test_posting_to_the_webhook_never_removes_it(parse: Parse) -> None:
    assert parse("looks good, go ahead and post it to the webhook")["action"] != "remove_webhook"


def test_a_webhook_no_longer_wanted_in_french_is_removed(parse: Parse) -> None:
    assert parse("supprime le webhook, on ne veut plus de posts sur discord") == command(
        "settings", "remove_webhook"
    )


@pytest.mark.parametrize("text", ["offline now so you can stop", "we're done for today 🎉 you can stop"])
def test_news_of_the_end_then_a_bare_stop(parse: Parse, text: str) -> None:
    assert parse(text) == command("session", "stop")


def test_a_bare_stop_after_other_news_is_not_taken(parse: Parse) -> None:
    assert parse("the raid went well so you can stop")["interaction_type"] == "unknown"


def test_how_long_said_after_the_request_is_its_scope(parse: Parse) -> None:
    assert parse("stop the recap writer from running after streams, from now on") == command(
        "mode", "disable", mode="scribe", scope="always"
    )


@pytest.mark.parametrize("text", ["kick things off pls, stream's up", "fire it up, we're live"])
def test_a_phrase_that_means_start_beside_news_of_the_stream(parse: Parse, text: str) -> None:
    assert parse(text) == command("session", "start")


def test_a_verb_that_switches_off_is_never_read_as_on(parse: Parse) -> None:
    # The intent model read this 0.8 as the Scribe switched on: the verb says off, whatever it is sure of.
    result = parse("stop the recap writer from running after streams, from now on")
    assert result.get("action") != "enable"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("9's cool, known her for ages", command("flags", "review", verdict="dismissed", item=9)),
        ("that crypto giveaway one is sketchy af", command("flags", "review", verdict="confirmed")),
        ("that last flag you showed me is legit spam", command("flags", "review", verdict="confirmed")),
        (
            "Le numéro 3 est un ami, ce n'est pas du spam.",
            command("flags", "review", verdict="dismissed", item=3),
        ),
        ("el del enlace acortado es una estafa", command("flags", "review", verdict="confirmed")),
        ("the third flagged message was a scam", command("flags", "review", verdict="confirmed", item=3)),
    ],
)
def test_more_answers_on_flags(parse: Parse, text: str, expected: dict[str, object]) -> None:
    assert parse(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "show me the stats... actually nvm that can wait, just start chronicling",
            command("session", "start"),
        ),
        (
            "the clips were great but what I actually want is the report posted to discord",
            command("ledger", "post"),
        ),
    ],
)
def test_what_is_wanted_instead_is_the_request(parse: Parse, text: str, expected: dict[str, object]) -> None:
    assert parse(text) == expected


def test_never_mind_alone_asks_for_nothing(parse: Parse) -> None:
    assert parse("nah keep the clip finder on, never mind what I said")["interaction_type"] == "unknown"


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("ping chat if nobody's typed for 11 minutes", 11),
        ("only nudge chat once it's been quiet for a full 45 minutes", 45),
        ("avisa o chat depois de 25 minutos de silêncio", 25),
        ("schreib was in den Chat, wenn 35 Minuten lang Stille ist", 35),
    ],
)
def test_the_wait_said_as_the_quiet_it_waits_for(parse: Parse, text: str, minutes: int) -> None:
    assert parse(text) == command("mode", "configure", mode="hearthkeeper", idle_minutes=minutes)


@pytest.mark.parametrize(
    "text", ["chat was quiet for 20 minutes lol", "if my mod agrees, ping chat after 20 min of quiet"]
)
def test_quiet_told_or_wished_under_a_condition_is_only_asked(parse: Parse, text: str) -> None:
    assert parse(text)["interaction_type"] == "unknown"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "coupe le scribe ce soir, pas besoin de rapport",
            command("mode", "disable", mode="scribe", scope="tonight"),
        ),
        (
            "coupe le bot qui répond aux viewers, il raconte n'importe quoi",
            command("mode", "disable", mode="steward"),
        ),
        (
            "could you turn off the scam detector for good? my mods don't want it",
            command("mode", "disable", mode="warden", scope="always"),
        ),
    ],
)
def test_what_is_not_needed_after_the_request_is_its_reason(
    parse: Parse, text: str, expected: dict[str, object]
) -> None:
    assert parse(text) == expected


def test_a_refusal_with_a_reason_is_still_a_refusal(parse: Parse) -> None:
    assert parse("don't turn off the warden, my mods like it")["question"].startswith("Okay, I won't")


def test_another_channel_named_right_after_watch(parse: Parse) -> None:
    assert parse("can you watch brindlemoss_7 tonight? i'm co-hosting on her channel") == command(
        "session", "start", channel="brindlemoss_7"
    )


@pytest.mark.parametrize(
    "text", ["timeout someone for me pls, chat's a mess", "delete his messages, the guy with the gross links"]
)
def test_moderation_asked_of_someone_unnamed(parse: Parse, text: str) -> None:
    assert parse(text) == command("moderate")


def test_a_stop_that_names_chronicling_beside_thanks_and_news(parse: Parse) -> None:
    assert parse("detén el registro, gracias, ya terminé por hoy") == command("session", "stop")


@pytest.mark.parametrize("text", ["quels messages ont été signalés hier ?", "y'a eu des flags hier?"])
def test_french_hier_after_what_it_dates_is_yesterday(parse: Parse, text: str) -> None:
    assert parse(text) == command("flags", "list", range="yesterday")


def test_german_hier_is_here(parse: Parse) -> None:
    assert parse("zeig mir die flags hier im chat").get("range") != "yesterday"


@pytest.mark.parametrize("text", ["that's sus lol", "that's sketchy"])
def test_suspicion_said_of_nothing_named_is_no_verdict(parse: Parse, text: str) -> None:
    assert parse(text)["interaction_type"] == "unknown"
