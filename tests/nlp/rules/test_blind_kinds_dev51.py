"""Kinds the fourteenth round's blind DEV sets (DEV51 to DEV53) missed or acted on wrongly: how the bot or
one thing of it works, asked in any language and by description (help, on that topic); several answers on
flags in another language; a friend's chat named before the verb ("den Chat von x_1 mitschreiben") and
what the streamer will be doing there ("vou estar de mod") as no doubt; the Hearthkeeper's wait by what it
posts after the quiet; another streamer's bot and what it has. Every line here is invented for the test."""

from __future__ import annotations

import pytest

from chronicler.nlp.rules._review import read_reviews
from chronicler.nlp.rules._typos import correct
from tests.nlp.rules.conftest import Parse
from tests.nlp.rules.test_learned import command


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("hold on whats a librarian", "librarian"),
        ("what does the hearthkeeper actually post?", "hearthkeeper"),
        ("how does the link checker decide what is sketchy?", "warden"),
        ("could you explain what a webhook is", "webhook"),
        ("c'est quoi le scribe ?", "scribe"),
        ("qu'est-ce qu'un webhook ?", "webhook"),
        ("wie funktioniert der Steward?", "steward"),
        ("¿cómo funciona el warden?", "warden"),
        ("como funciona o librarian?", "librarian"),
        ("what are the blog entries you keep mentioning", "blog"),
    ],
)
def test_how_one_thing_works_in_any_language_is_help_on_it(parse: Parse, text: str, topic: str) -> None:
    assert parse(text) == command("help", None, topic=topic)


@pytest.mark.parametrize(
    "text",
    [
        "sorry im lost. who are you?",
        "hi, what do u actually do",
        "i don't get it, what am i supposed to write",
        "what does chronicling mean",
        "explain the modes please",
        "how do all the modes work together?",
    ],
)
def test_a_dm_that_only_asks_about_the_bot_is_help(parse: Parse, text: str) -> None:
    assert parse(text) == command("help", None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("what are the modes again?", command("mode", "list")),
        ("what are the clip candidates", command("clips", "list")),
        ("what's in the ledger", command("ledger", "show")),
        ("c'est quoi les flags de ce soir", command("flags", "list", range="current")),
        ("what's the difference between the scribe and the librarian?", None),
        ("what is the spam filter on?", command("mode", "list")),
    ],
)
def test_what_is_asked_to_be_seen_or_a_setting_is_no_explanation(
    parse: Parse, text: str, expected: dict[str, object] | None
) -> None:
    parsed = parse(text)
    if expected is None:
        assert parsed["interaction_type"] != "help"
    else:
        assert parsed == expected


@pytest.mark.parametrize(
    ("text", "answers"),
    [
        ("el 5 es estafa obviamente, el 6 es mi prima no pasa nada", [("confirmed", 5), ("dismissed", 6)]),
        ("le 3 c'est du spam, le 7 c'est mon coloc", [("confirmed", 3), ("dismissed", 7)]),
        ("el 2 sí es spam, pero el 8 es mi compadre", [("confirmed", 2), ("dismissed", 8)]),
    ],
)
def test_several_answers_in_another_language_are_each_read(text: str, answers: list[tuple[str, int]]) -> None:
    assert [(answer.verdict, answer.item) for answer in read_reviews(text)] == answers


@pytest.mark.parametrize("text", ["el 4 está bien, pero es spam", "pero el 4 está bien, mas é golpe"])
def test_a_but_that_may_say_the_other_answer_leaves_it_unread(text: str) -> None:
    assert read_reviews(text) == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "kannst du bitte den Chat von pixel_dachs mitschreiben? ich bin da heute mod",
            command("session", "start", channel="pixel_dachs"),
        ),
        (
            "começa a vigiar o chat da lulu_plays agora, vou estar de mod",
            command("session", "start", channel="lulu_plays"),
        ),
        (
            "Schreib erst nach fünfzehn Minuten Stille was in den Chat",
            command("mode", "configure", mode="hearthkeeper", idle_minutes=15),
        ),
        (
            "when chat is quiet 6 min send something",
            command("mode", "configure", mode="hearthkeeper", idle_minutes=6),
        ),
        ("turn on link checking", command("mode", "enable", mode="warden")),
    ],
)
def test_more_ways_to_start_on_a_friends_chat_and_set_the_wait(
    parse: Parse, text: str, expected: dict[str, object]
) -> None:
    assert parse(text) == expected


def test_another_streamers_bot_and_what_it_has_sets_nothing(parse: Parse) -> None:
    assert parse("her bot has a quiet-chat pinger set to 12 minutes, neat")["interaction_type"] == "unknown"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "quit replying to people in chat for tonight",
            command("mode", "disable", mode="steward", scope="tonight"),
        ),
        ("arrête de répondre dans le chat", command("mode", "disable", mode="steward")),
        (
            "stop sending prompts when chat goes quiet, permanently",
            command("mode", "disable", mode="hearthkeeper", scope="always"),
        ),
    ],
)
def test_the_bot_told_to_stop_one_modes_job_turns_that_mode_off(
    parse: Parse, text: str, expected: dict[str, object]
) -> None:
    assert parse(text) == expected


def test_stopping_one_part_of_a_modes_job_is_not_taken_as_stopping_chronicling(parse: Parse) -> None:
    assert parse("para de grabar el chat, ya terminé por hoy") == command("session", "stop")


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("12 feels too short, bump the quiet timer to 20", 20),
        ("the dead chat pinger should wait longer (40 instead of 15)", 40),
        ("make the hearthkeeper relax, 25 min before it pings", 25),
    ],
)
def test_the_new_wait_is_the_one_set_not_the_old(parse: Parse, text: str, minutes: int) -> None:
    assert parse(text) == command("mode", "configure", mode="hearthkeeper", idle_minutes=minutes)


@pytest.mark.parametrize("word", ["escribe", "monde", "podes", "quien"])
def test_a_word_of_another_language_is_no_typo_of_a_keyword(word: str) -> None:
    assert correct(word) is None


def test_the_one_that_writes_in_spanish_is_not_the_scribe(parse: Parse) -> None:
    assert parse("apaga el bot que escribe en el chat cuando nadie habla").get("mode") != "scribe"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("meu canal na twitch é pipocafeliz", command("settings", "set_channel", channel="pipocafeliz")),
        ("my channel on twitch is mossyrock", command("settings", "set_channel", channel="mossyrock")),
        ("des clips intéressants hier soir ?", command("clips", "list", range="yesterday")),
        ("LINK ME WITH TWITCH. CONNECT THE ACCOUNT.", command("twitch", "connect", grant="broadcaster")),
    ],
)
def test_where_a_channel_is_when_and_which_account_are_read(
    parse: Parse, text: str, expected: dict[str, object]
) -> None:
    assert parse(text) == expected


@pytest.mark.parametrize(
    "text", ["thanks for the help", "thx for ur help!!", "thank you so much for your help"]
)
def test_help_thanked_for_is_no_request_for_help(parse: Parse, text: str) -> None:
    assert parse(text)["interaction_type"] == "unknown"


@pytest.mark.parametrize(
    "text",
    [
        "Tonight was my hundredth stream on this channel. We are so proud of this little community.",
        "Big raid earlier, my cat knocked the mic over and chat lost it. I am still laughing.",
    ],
)
def test_a_long_dm_that_tells_of_the_streamer_asks_for_no_list(parse: Parse, text: str) -> None:
    assert parse(text)["interaction_type"] == "unknown"


def test_a_long_dm_whose_last_sentence_asks_for_a_list_still_gets_it(parse: Parse) -> None:
    text = "Chat went wild when the boss died, I screamed. What clip candidates do you have from tonight?"
    assert parse(text) == command("clips", "list", range="current")


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("que el bot hable después de 14 minutos sin que nadie escriba", 14),
        ("manda mensagem no chat depois de 9 minutos parado", 9),
        ("quero que o bot puxe assunto depois de 25 min sem ninguém falar", 25),
        ("Set how long it waits before prompting my viewers to 40 minutes.", 40),
    ],
)
def test_the_wait_described_by_the_quiet_and_what_the_bot_posts_is_set(
    parse: Parse, text: str, minutes: int
) -> None:
    assert parse(text) == command("mode", "configure", mode="hearthkeeper", idle_minutes=minutes)


@pytest.mark.parametrize(
    "text",
    [
        "my friend's bot talks after 10 minutos parado, funny",
        "no, don't ping chat after 10 minutes of quiet",
        "if chat is dead for 10 minutes tomorrow maybe ping it",
    ],
)
def test_a_wait_described_but_not_asked_sets_nothing(parse: Parse, text: str) -> None:
    assert parse(text).get("action") != "configure"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("quels sont les sujets dont le chat a discuté hier ?", command("blog", "list", range="yesterday")),
        ("les clips dont tu parlais, montre-les", command("clips", "list")),
    ],
)
def test_french_dont_is_of_which_not_a_refusal(parse: Parse, text: str, expected: dict[str, object]) -> None:
    assert parse(text) == expected


def test_sin_que_nadie_escriba_names_no_scribe(parse: Parse) -> None:
    assert parse("que el bot hable después de 14 minutos sin que nadie escriba") == command(
        "mode", "configure", mode="hearthkeeper", idle_minutes=14
    )
