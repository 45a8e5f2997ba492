"""Real chat is not written to the bot, and other languages ask in their own words: kinds found by running
the real chat logs of ../shared/data (German, English, Chinese) and the blind DEV sets' German, Spanish,
French and Portuguese DMs through the parser. Every line here is invented for the test."""

from __future__ import annotations

from typing import Any

import pytest

from chronicler.nlp.rules import RuleParser
from chronicler.nlp.rules._typos import correct
from tests.nlp.rules.conftest import Parse
from tests.nlp.rules.test_learned import command


@pytest.mark.parametrize(
    "text",
    [
        # German words a letter from a keyword ("waren", "werden": "warden") are German words.
        "Ja, waren gute Zeiten damals",
        "die werden das schon schaffen, ruhiger werden sie aber nicht",
        # A place someone else is at, a greeting to a city, "gestern" (no "eastern").
        "Tom ist in Paris",
        "Hallo Wien",
        "ich hab mir gestern Nudeln warm gemacht",
        # Set phrases: their verb asks for nothing.
        "hä, déjà vu",
        "close enough lol",
        "vorm Start noch schnell Kaffee holen",
        "watch out for the bus",
        "now watch it again",
        "please check every spot again (rocks, cave, logs, bridge)",  # logs are no logging
        # Written to another chatter.
        "@someone_else logisch, der Stream fängt gleich an",
        "@pal stop the music bot pls",
    ],
)
def test_chat_lines_change_nothing(text: str) -> None:
    assert not RuleParser().parse(text).command.changes_state


def test_common_words_are_not_typos_of_keywords() -> None:
    assert [correct(word) for word in ("points", "quite", "ready", "power", "werden", "waren")] == [None] * 6
    assert correct("wardn") == "warden" and correct("strat") == "start"  # real slips still are


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A mode by its name in the language, and German verbs written whole.
        ("apaga el guardián, por favor", command("mode", "disable", mode="warden")),
        ("Kannst du den Spamfilter bitte ausschalten?", command("mode", "disable", mode="warden")),
        ("Kannst du den Steward bitte stummschalten?", command("mode", "disable", mode="steward")),
        # Chronicling described as what it does to the chat.
        ("para de monitorar o chat", command("session", "stop")),
        ("bueno, deja de vigilar el chat. Ya terminé.", command("session", "stop")),
        ("kannst du bitte anfangen den Chat mitzuschreiben", command("session", "start")),
        # "publie", "veröffentlichen": a post asked for.
        ("publie le rapport de ce soir sur discord stp", command("ledger", "post", session="current")),
        # A verb that only switches, before what a mode finds: the mode, not the list.
        ("tu peux activer le chasseur de clips ?", command("mode", "enable", mode="librarian")),
        # A mode described by when it acts: the "when" is what it does, no condition.
        (
            "apaga el que avisa cuando el chat está callado",
            command("mode", "disable", mode="hearthkeeper"),
        ),
        (
            "liga o que manda mensagem quando o chat fica parado",
            command("mode", "enable", mode="hearthkeeper"),
        ),
        # Modes by their names in the languages.
        ("active le bibliothécaire stp", command("mode", "enable", mode="librarian")),
        # A bare verb, and the stream announced over or on in the language.
        ("stop bitte, bin jetzt offline", command("session", "stop")),
        ("para porfa, ya terminé", command("session", "stop")),
        # What the streamer could not read or stand is why they ask, no refusal.
        ("qué pasó en el chat mientras no estaba?", command("session", "recap")),
        ("ban a troll_del_norte ya, no lo aguanto", command("moderate", None, username="troll_del_norte")),
        # A determiner after "ban" in another language: the chatter is the login-shaped word.
        ("timeout moi ce relou de spam_ananas_42", command("moderate", None, username="spam_ananas_42")),
        # Formal French manners are no condition; the session by its name in the language.
        ("Arrêtez la chronique, s'il vous plaît.", command("session", "stop")),
        (
            "Désactivez le steward pour toujours, s'il vous plaît.",
            command("mode", "disable", mode="steward", scope="always"),
        ),
        # A "please" between the request and its reason ends the request.
        ("stop the session pls the power went out", command("session", "stop")),
        # A new channel name said as news, in German.
        ("neuer Kanalname: moorlicht_tv", command("settings", "set_channel", channel="moorlicht_tv")),
        # The streamer's own place is a time zone; someone else's is not.
        ("ich wohne jetzt in Wien", command("settings", "set_timezone", timezone="Europe/Vienna")),
        ("j'habite à Lyon maintenant", command("settings", "set_timezone", timezone="Europe/Paris")),
    ],
)
def test_other_languages_in_their_own_words(parse: Parse, text: str, expected: dict[str, Any]) -> None:
    assert parse(text) == expected


def test_what_a_mode_finds_is_still_a_list_without_a_switch(parse: Parse) -> None:
    assert parse("montre-moi les clips de ce soir")["interaction_type"] == "clips"
    assert parse("show me the clips, the finder did well")["interaction_type"] == "clips"


def test_could_not_is_no_licence_to_stop() -> None:
    assert not RuleParser().parse("no puedo parar el stream ahora").command.changes_state


@pytest.mark.parametrize(
    "text", ["apaga el warden cuando termine el stream", "desliga o steward quando a live acabar"]
)
def test_a_when_on_the_request_is_still_a_condition(text: str) -> None:
    assert not RuleParser().parse(text).command.changes_state


@pytest.mark.parametrize(
    "text",
    ["não para de vigiar o chat ainda", "ele nunca para de vigiar o chat", "no dejes de vigilar el chat"],
)
def test_a_negated_stop_in_other_words_is_still_refused(text: str) -> None:
    assert not RuleParser().parse(text).command.changes_state
