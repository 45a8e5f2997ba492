"""Kinds the eleventh round's blind DEV sets (DEV41 to DEV44) read with the right intent but the wrong
slots: "last" mistyped before a stream ("lsat strem", "lst stream"), "prev", and a chatter named by a
plain word right after being described ("that guy brindlefox") or asked about ("has x been flagged?").
Every line here is invented for the test."""

from __future__ import annotations

import pytest

from tests.nlp.rules.conftest import Parse
from tests.nlp.rules.test_learned import command


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("clps from lsat strem?", command("clips", "list", range="last")),
        ("stats frm lst stream", command("stats", "show", range="last")),
        ("flags from lst week", command("flags", "list", range="week")),  # no chatter called "lst"
        ("prev stream stats pls", command("stats", "show", range="last")),
        ("show me the lsat sesh report", command("ledger", "show", session="last")),
    ],
)
def test_last_mistyped_before_a_stream(parse: Parse, text: str, expected: dict[str, object]) -> None:
    assert parse(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("time out that guy brindlefox for 5 min", command("moderate", username="brindlefox")),
        ("can u ban that dude quorrelpip, hes spamming", command("moderate", username="quorrelpip")),
        ("has wimbleton_fan been flagged?", command("flags", "list", username="wimbleton_fan")),
        (
            "has glibberfrost been flagged tonight?",
            command("flags", "list", range="current", username="glibberfrost"),
        ),
    ],
)
def test_a_chatter_named_after_being_described(parse: Parse, text: str, expected: dict[str, object]) -> None:
    assert parse(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Words every language has are no chatter: the request stays one without a name.
        ("ban that guy again", command("moderate")),
        ("time out that guy over there", command("moderate")),
        ("has anyone been flagged?", command("flags", "list")),
    ],
)
def test_an_ordinary_word_after_the_description_names_nobody(
    parse: Parse, text: str, expected: dict[str, object]
) -> None:
    assert parse(text) == expected


def test_a_webhook_token_with_a_dash_before_ty_keeps_it(parse: Parse) -> None:
    """ "-Ty" inside a token is no "ty" (thank you) signing off: the URL is taken whole."""
    url = (
        "https://discord.com/api/webhooks/112233445566778899/aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5bC7-TyQw3Er5"
    )
    assert parse(f"new webhook {url}") == command("settings", "set_webhook", url=url)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # How long, never who: "for months" names no chatter.
        (
            "show all the flags on crumbfiend_77, they've been at it for months",
            command("flags", "list", range="all", username="crumbfiend_77"),
        ),
        (
            "pull up the flags on GravelKnight from last stream",
            command("flags", "list", range="last", username="gravelknight"),
        ),
        ("mute clip finding", command("mode", "disable", mode="librarian")),  # a feature, not a chatter
        ("no more reports from now on", command("mode", "disable", mode="scribe", scope="always")),
        (
            "quem foi quem mais falou no chat essa semana?",
            command("stats", "show", range="week"),
        ),  # "no" is "in the"
        ("Stream ist vorbei, du kannst aufhören", command("session", "stop")),
        ("Stream ist vorbei, hör auf mitzulesen", command("session", "stop")),
    ],
)
def test_dev42_to_44_kinds(parse: Parse, text: str, expected: dict[str, object]) -> None:
    assert parse(text) == expected


def test_no_more_prompts_is_asked_as_a_switch_off(parse: Parse) -> None:
    assert (
        parse("no more chat prompts from now on")["question"] == "Did you mean to turn off the hearthkeeper?"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Swearing for emphasis, slang fillers and letters held down say nothing of what is asked.
        ("just f***ing stop it already", command("session", "stop")),
        ("turn the freaking reply bot off", command("mode", "disable", mode="steward")),
        ("can you start now fr", command("session", "start")),
        ("stream endeddd stop plzz", command("session", "stop")),
        # Asked softly: said as "could you ..." before it is read.
        (
            "would it be ok if you paused the warden for tonight?",
            command("mode", "disable", mode="warden", scope="tonight"),
        ),
        (
            "would it be a problem to switch off the clip finder for good?",
            command("mode", "disable", mode="librarian", scope="always"),
        ),
        ("maybe you could start tracking chat? stream's up", command("session", "start")),
        # Unsure whether the thing is ready refuses nothing.
        ("could I see the report? not sure if it's ready yet", command("ledger", "show")),
        # A rename told as done, and nothing else told done: the news is the setting.
        (
            "fyi I changed my twitch name to marrowlight",
            command("settings", "set_channel", channel="marrowlight"),
        ),
    ],
)
def test_manners_slang_and_news(parse: Parse, text: str, expected: dict[str, object]) -> None:
    assert parse(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "fyi i stopped the warden and changed my twitch name to marrowlight",  # two things told done
        "post the ledger, not sure if it's ready",  # a doubt still holds a change
        "would it be ok if you need a break",
    ],
)
def test_still_only_asked(parse: Parse, text: str) -> None:
    assert parse(text)["interaction_type"] == "unknown"


def test_a_chatter_with_a_letter_held_down_keeps_it(parse: Parse) -> None:
    assert parse("any flags from bramblezzz this week?")["username"] == "bramblezzz"


@pytest.mark.parametrize(
    ("text", "channel"),
    [
        ("can u start watching quillwhisker's chat? im modding her stream tonight", "quillwhisker"),
        ("hey its Jo, I mod for BrassLantern. he's live, can u start watching his chat", "brasslantern"),
        ("start watching chat for mintyravine instead of mine, raid train tonight", "mintyravine"),
    ],
)
def test_someone_elses_channel_named(parse: Parse, text: str, channel: str) -> None:
    assert parse(text) == command("session", "start", channel=channel)


@pytest.mark.parametrize(
    "text",
    ["start watching my stream's chat", "start watching chat for tonight", "start watching chat for me"],
)
def test_no_other_channel_named(parse: Parse, text: str) -> None:
    assert parse(text) == command("session", "start")


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("can the dead chat pinger wait 25 minutes instead of 15?", 25),  # asked of it, as a question
        ("chat quiet timer to 35", 35),
        ("hearthkeeper, eleven minutes please", 11),
        ("please make the pinger wait 20 min", 20),
    ],
)
def test_the_wait_asked_for_in_so_many_words(parse: Parse, text: str, minutes: int) -> None:
    assert parse(text) == command("mode", "configure", mode="hearthkeeper", idle_minutes=minutes)


@pytest.mark.parametrize(
    "text",
    [
        "the hearthkeeper went off after 12 minutes, please check it",  # what it did, not a wish
        "the nudge fired after 9 minutes lol",
        "does the hearthkeeper wait 15 minutes?",
    ],
)
def test_the_wait_told_or_asked_about_is_only_asked(parse: Parse, text: str) -> None:
    assert parse(text)["interaction_type"] == "unknown"


@pytest.mark.parametrize(
    "text",
    ["don't turn off the librarian, I need those clips", "dont turn off the librarian, i like the clips"],
)
def test_a_refusal_with_its_reason_lists_nothing(parse: Parse, text: str) -> None:
    assert parse(text)["question"] == "Okay, I won't turn off the librarian. Anything else?"


def test_a_list_asked_for_beside_a_refusal_is_shown(parse: Parse) -> None:
    assert parse("dont turn off the warden, any flags?") == command("flags", "list")


@pytest.mark.parametrize(
    "text",
    [
        "do you like pineapple on pizza",
        "why are you called chronicler anyway",
        "is the chronicler open source?",
    ],
)
def test_small_talk_about_the_bot_asks_nothing_of_the_session(parse: Parse, text: str) -> None:
    assert parse(text)["interaction_type"] == "unknown"


@pytest.mark.parametrize(
    "text", ["are you on?", "you there?", "is the bot still running", "are u even working rn"]
)
def test_the_bot_asked_whether_it_is_up(parse: Parse, text: str) -> None:
    assert parse(text) == command("session", "status")


@pytest.mark.parametrize(
    "text",
    [
        "end it fr",  # "fr", "alright" are manners around a bare verb
        "alright stop",
        "start on my channel",
        "stop stop stop. ending now",
        "kannst jetz aufhoeren, bin durch fuer heute",
        "Bitte hören Sie auf, meinen Chat zu protokollieren.",
    ],
)
def test_start_and_stop_said_with_slang_or_in_german(parse: Parse, text: str) -> None:
    expected = "start" if "start" in text else "stop"
    assert parse(text) == command("session", expected)


@pytest.mark.parametrize(
    "text", ["the raid train starts on my channel tonight", "gg chat", "I'm not live anymore lol"]
)
def test_news_and_chatter_start_and_stop_nothing(parse: Parse, text: str) -> None:
    assert parse(text)["interaction_type"] == "unknown"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("deactivate the chat prompter", command("mode", "disable", mode="hearthkeeper")),
        ("turn on the thing that makes chat feel less dead", command("mode", "enable", mode="hearthkeeper")),
        (
            "activate the bot-spotter for tonight only",
            command("mode", "enable", mode="warden", scope="tonight"),
        ),
        ("enable the hard keeper please", command("mode", "enable", mode="hearthkeeper")),  # voice-to-text
    ],
)
def test_modes_described_in_more_words(parse: Parse, text: str, expected: dict[str, object]) -> None:
    assert parse(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "hearthkeeper is annoying tonight, snooze it",
            command("mode", "disable", mode="hearthkeeper", scope="tonight"),
        ),
        ("the warden can chill", command("mode", "disable", mode="warden")),
        (
            "the scribe can sit this one out tonight",
            command("mode", "disable", mode="scribe", scope="tonight"),
        ),
        ("hold the librarian for a bit", command("mode", "disable", mode="librarian")),
    ],
)
def test_more_words_that_switch_a_mode_off(parse: Parse, text: str, expected: dict[str, object]) -> None:
    assert parse(text) == expected


@pytest.mark.parametrize(
    "text", ["hold on, the warden flagged my mom lol", "chill vibes, the steward is doing great"]
)
def test_the_same_words_in_chatter_switch_nothing(parse: Parse, text: str) -> None:
    assert parse(text)["interaction_type"] == "unknown"


@pytest.mark.parametrize(
    "text",
    [
        "stop chronicling after this stream",  # a time for the request, masked as "this stream"
        "post the ledger after tonight's stream",
        "post the report after the stream",
    ],
)
def test_a_change_put_after_the_stream_is_only_asked(parse: Parse, text: str) -> None:
    assert parse(text)["interaction_type"] == "unknown"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # When the Scribe works, described, puts no time on the request.
        (
            "Please stop writing reports after my streams, permanently. turn the scribe off.",
            command("mode", "disable", mode="scribe", scope="always"),
        ),
        ("enable whatever writes the summary", command("mode", "enable", mode="scribe")),
        (
            "we're done! my voice is gone after all that karaoke. wrap it up please",
            command("session", "stop"),
        ),
    ],
)
def test_what_a_mode_does_and_when_is_no_schedule(
    parse: Parse, text: str, expected: dict[str, object]
) -> None:
    assert parse(text) == expected
