"""Kinds the thirteenth round's blind DEV sets (DEV48 to DEV50) missed or acted on wrongly: another
streamer's bot described ("my cousin's bot pings chat after 7 minutes of quiet") is no setting of ours, a
bare stop followed by words that only insist ("stop, that's it"), "this evening" as tonight's stream,
"since the start of the stream" as the stream in progress, and the Hearthkeeper's wait described by the
quiet it waits for before the request ("si el chat se queda callado 12 minutos, que el bot diga algo"),
muting in French and German, asking how the bot works, answers on flags with slang and emoji, the report
sent "to me" in the other languages, "anoche", a change someone already made told as news, a friend's
chat named after the friend, looking at the chat ("mirar el chat"), the modes by more descriptions, and
moderation asked with the chatter described first ("bann mal den Typen x_1"). Every line here is invented
for the test."""

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


@pytest.mark.parametrize(
    "text", ["mets en sourdine le bot qui répond", "Den Antwort-Bot bitte stummschalten"]
)
def test_muting_in_other_languages_turns_off(parse: Parse, text: str) -> None:
    """Carried out or asked about, the way is off ("mets" alone would put it on)."""
    reply = parse(text)
    assert reply == command("mode", "disable", mode="steward") or "turn off the steward" in reply["question"]


@pytest.mark.parametrize(
    "text",
    [
        "I'm lost",
        "explain yourself bot",
        "first time using this, where do I start?",
        "do I need a prefix or do I just type?",
        "oi, o que vc faz?",
        "wie funktionierst du?",
    ],
)
def test_asking_how_it_works_is_help(parse: Parse, text: str) -> None:
    assert parse(text) == command("help")


def test_confused_before_a_request_is_no_help(parse: Parse) -> None:
    reply = parse("hi, I'm a bit confused, sorry. can you hook up my twitch?")
    assert reply["interaction_type"] != "help" and "Twitch" in str(reply)


@pytest.mark.parametrize(
    ("text", "verdict", "item"),
    [
        ("the third one is my buddy", "dismissed", 3),
        ("lol #4 is a bot 100%", "confirmed", 4),
        ("#2 is spam yes", "confirmed", 2),
        ("el 3 está bien wey, es mi vecino", "dismissed", 3),
        ("le #2 c'est mon chum", "dismissed", 2),
        ("essa do pix ta de boa, é da minha irmã", "dismissed", None),
        ("#5 is spam 💀", "confirmed", 5),
    ],
)
def test_answers_on_flags_said_these_ways(parse: Parse, text: str, verdict: str, item: int | None) -> None:
    slots = {"verdict": verdict} if item is None else {"verdict": verdict, "item": item}
    assert parse(text) == command("flags", "review", **slots)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("pásame el resumen de anoche", command("ledger", "show", session="last")),
        ("los clips de anoche", command("clips", "list", range="last")),
        ("schick mir den Bericht", command("ledger", "show")),
    ],
)
def test_the_report_sent_to_me_and_last_night(parse: Parse, text: str, expected: dict[str, object]) -> None:
    assert parse(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "mon modo a déjà désactivé le truc anti-spam, juste pour info",
        "mein Mod hat den Spamfilter schon ausgemacht",
        "mi mod ya lo ha apagado, tranqui",
        "o mod já desligou o filtro",
    ],
)
def test_a_change_someone_already_made_is_news(parse: Parse, text: str) -> None:
    reply = parse(text)
    assert reply["interaction_type"] == "unknown" and not reply["question"].startswith("Okay")


def test_a_friends_chat_named_after_the_friend_is_the_channel(parse: Parse) -> None:
    reply = parse("empieza a vigilar el chat de mi compa nubecitarosa, hoy le hago de mod")
    assert reply.get("channel") == "nubecitarosa" or "nubecitarosa" in reply.get("question", "")


def test_looking_at_the_chat_in_spanish_is_chronicling(parse: Parse) -> None:
    assert parse("vale, empieza a mirar el chat por favor") == command("session", "start")


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("set the silence thing to 4 minutes", 4),
        ("after twenty minutes of nothing, drop a prompt in chat", 20),
        ("pourriez-vous régler le délai de relance du chat à 14 minutes ?", 14),
    ],
)
def test_the_hearthkeeper_described_by_its_prompt_or_silence(parse: Parse, text: str, minutes: int) -> None:
    assert parse(text) == command("mode", "configure", mode="hearthkeeper", idle_minutes=minutes)


def test_this_being_over_is_news_not_a_condition(parse: Parse) -> None:
    assert parse("ugh this is over, stop") == command("session", "stop")
    assert parse("the giveaway is over, post the ledger")["interaction_type"] == "unknown"


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("désactive le résumé de fin de stream", "scribe"),
        ("coupe le bilan, je n'en veux plus", "scribe"),
    ],
)
def test_the_scribe_by_its_french_names(parse: Parse, text: str, mode: str) -> None:
    reply = parse(text)
    asked = f"turn off the {mode}" in reply.get("question", "")
    assert reply == command("mode", "disable", mode=mode) or asked


@pytest.mark.parametrize(
    ("text", "username"),
    [
        ("bann mal den typen spamzwerg_77", "spamzwerg_77"),
        ("vire ce connard de follows_pas_chers", "follows_pas_chers"),
        ("boot that clown cheapviews_4u out of my chat", "cheapviews_4u"),
    ],
)
def test_moderation_asked_with_the_chatter_described_first(parse: Parse, text: str, username: str) -> None:
    assert parse(text) == command("moderate", None, username=username)


@pytest.mark.parametrize("text", ["kick things off", "boot up the stream", "vire le bot qui répond"])
def test_no_chatter_in_a_phrasal_verb_or_our_own_bot(parse: Parse, text: str) -> None:
    assert parse(text)["interaction_type"] != "moderate"


def test_what_a_mode_finds_unwanted_and_switched_off(parse: Parse) -> None:
    assert parse("no highlights tonight pls, turn that off") == command(
        "mode", "disable", mode="librarian", scope="tonight"
    )
    assert parse("no clips tonight?")["interaction_type"] == "unknown"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "manda msg no chat depois de 9 min de silêncio",
            command("mode", "configure", mode="hearthkeeper", idle_minutes=9),
        ),
        ("loesch den webhook bitte", command("settings", "remove_webhook")),
        ("was hat der Spamfilter letzte Woche gefunden?", command("flags", "list", range="week")),
    ],
)
def test_portuguese_no_german_oe_and_last_week(parse: Parse, text: str, expected: dict[str, object]) -> None:
    """Portuguese "no chat" is "in the chat", no refusal; "loesch" is "lösch" typed without the umlaut."""
    assert parse(text) == expected
