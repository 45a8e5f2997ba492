"""Session commands: start (with channel and theme), stop, status."""

from __future__ import annotations

import pytest

from tests.nlp.rules.conftest import Parse

START = {"interaction_type": "session", "action": "start"}
STOP = {"interaction_type": "session", "action": "stop"}
STATUS = {"interaction_type": "session", "action": "status"}


@pytest.mark.parametrize(
    "text",
    [
        "start chronicling",
        "Start chronicling tonight's stream",
        "chronicle tonight's stream",
        "start tonight's stream",
        "begin the session",
        "kick off the session",
        "fire up the chronicler",
        "start recording",
        "please start chronicling",
        "can you start chronicling?",
        "yo bot start the session now",
        "ok start logging chat",
        "time to start chronicling",
        "let's start chronicling",
        "resume chronicling",
        "we're live, start chronicling",
        "start chronicalling",  # typo in the object
        "start cronicling pls",
        "turn on chronicling",
        "START THE SESSION!!",
        "!start chronicling",
    ],
)
def test_start(parse: Parse, text: str) -> None:
    assert parse(text) == START


@pytest.mark.parametrize(
    "text",
    [
        "start chronicling #pixel_wren",
        "start chronicling #Pixel_Wren",
        "start chronicling @pixel_wren",
        "start on twitch.tv/Pixel_Wren",
        "start chronicling https://www.twitch.tv/pixel_wren",
        "start chronicling on pixel_wren",
        "start chronicling for #pixel_wren please",
    ],
)
def test_start_on_a_channel(parse: Parse, text: str) -> None:
    assert parse(text) == {**START, "channel": "pixel_wren"}


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("start tonight's stream, theme: cozy horror", "cozy horror"),
        ("start chronicling, theme is Cozy Horror", "Cozy Horror"),
        ('start chronicling with the theme "retro speedruns"', "retro speedruns"),
        ("start chronicling, we're playing Hollow Knight tonight", "Hollow Knight"),
        ("start chronicling. topic: charity marathon", "charity marathon"),
        ("start chronicling, themed around Elden Ring", "Elden Ring"),
    ],
)
def test_start_with_a_theme(parse: Parse, text: str, theme: str) -> None:
    assert parse(text) == {**START, "theme": theme}


def test_start_with_channel_and_theme(parse: Parse) -> None:
    assert parse("start chronicling #pixel_wren, theme: cozy horror") == {
        **START,
        "channel": "pixel_wren",
        "theme": "cozy horror",
    }


def test_a_theme_is_never_read_as_a_command(parse: Parse) -> None:
    assert parse("start chronicling, theme: stop the warden") == {**START, "theme": "stop the warden"}


def test_a_theme_too_long_is_asked_about_not_cut(parse: Parse) -> None:
    result = parse("start chronicling, theme: " + "very " * 50 + "long")
    assert result["interaction_type"] == "unknown"
    assert "under 200 characters" in result["question"]


def test_an_invalid_channel_is_asked_about(parse: Parse) -> None:
    result = parse("start chronicling #pixel-wren!")
    assert result["interaction_type"] == "unknown"
    assert "pixel-wren" in result["question"]


def test_two_channels_are_asked_about(parse: Parse) -> None:
    result = parse("start chronicling #pixel_wren #other_one")
    assert result == {
        "interaction_type": "unknown",
        "action": None,
        "question": "Which channel do you mean: pixel_wren or other_one?",
    }


@pytest.mark.parametrize(
    "text",
    [
        "stop chronicling",
        "stop the session",
        "end the stream",
        "end stream",
        "stop recording pls",
        "wrap up the session",
        "shut down the chronicler",
        "stop chronicling now",
        "can you stop chronicling?",
        "kill the session",
        "finish the stream",
        "we're done, stop the session",
        "turn off chronicling",
        "ok stop the chronicle",
        "please end this session",
    ],
)
def test_stop(parse: Parse, text: str) -> None:
    assert parse(text) == STOP


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("stahp", "Did you mean to stop chronicling?"),
        ("stopp chronicling?", "Did you mean to stop chronicling?"),  # typo'd verb and a bare "?": ask
        ("stop chronicling?", "Did you mean to stop chronicling?"),  # a bare "?" may be asking whether to
        ("pause chronicling", "Did you mean to stop chronicling?"),
        ("that's a wrap lmao", "Did you mean to stop chronicling?"),  # news, but laughing: ask
        ("we're live?", "Did you mean to start chronicling?"),
    ],
)
def test_near_misses_ask_did_you_mean(parse: Parse, text: str, question: str) -> None:
    assert parse(text) == {"interaction_type": "unknown", "action": None, "question": question}


@pytest.mark.parametrize(
    "text",
    [
        "status",
        "status?",
        "are you chronicling?",
        "is the session running?",
        "are you still recording?",
        "is chronicling on",
        "what's the status",
        "session status?",
        "you running?",
        "how long have we been chronicling?",
        "is it on?",
        "did you stop chronicling?",
    ],
)
def test_status(parse: Parse, text: str) -> None:
    assert parse(text) == STATUS


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("stop", STOP),
        ("ok stop", STOP),
        ("stop please", STOP),
        ("shut it down", STOP),
        ("end", STOP),
        ("start", {"interaction_type": "session", "action": "start"}),
        ("start it", {"interaction_type": "session", "action": "start"}),
    ],
)
def test_a_dm_that_is_only_the_verb_is_the_session_command(parse: Parse, text: str, expected: dict) -> None:
    """Said to the bot, a bare "stop" can only mean the chronicle: the walkthrough ends with it."""
    assert parse(text) == expected


def test_a_channel_named_before_the_own_one_set_aside_is_the_one_proposed(parse: Parse) -> None:
    question = parse("please chronicle hazelwick_fund instead of mine")["question"]
    assert question == "Did you mean to start chronicling on hazelwick_fund?"


def test_the_own_channel_set_aside_without_another_named_starts_nothing(parse: Parse) -> None:
    assert parse("start chronicling instead of mine")["interaction_type"] == "unknown"


@pytest.mark.parametrize("text", ["stop monitoring chat pls", "The stream is over. Please cease monitoring."])
def test_monitoring_is_chronicling(parse: Parse, text: str) -> None:
    assert parse(text) == STOP


@pytest.mark.parametrize(
    ("text", "channel"),
    [
        ("lance la chronique de la chaîne de brumeval, c'est mon co-streamer", "brumeval"),
        ("co-hosting on dunepaws tonight, chronicle that channel instead of mine", "dunepaws"),
    ],
)
def test_the_channel_named_beside_channel_words(parse: Parse, text: str, channel: str) -> None:
    reply = parse(text)
    assert reply.get("channel") == channel or channel in reply.get("question", "")


def test_a_mode_started_beside_talk_of_chronicling_is_the_mode(parse: Parse) -> None:
    """The session named only in the news after the request ("... already being chronicled") is not it."""
    reply = parse("start the auto replies, chat's already being chronicled")
    assert reply.get("mode") == "steward" or "turn on the steward" in reply.get("question", "")


@pytest.mark.parametrize(
    ("text", "channel"),
    [
        ("can u watch chat on marshfinch for the next few hours? im modding for them", "marshfinch"),
        ("she's live in a minute on lindenhollow, please get the chronicler going", "lindenhollow"),
    ],
)
def test_the_channel_named_before_how_long_or_after_when(parse: Parse, text: str, channel: str) -> None:
    reply = parse(text)
    assert reply.get("channel") == channel or channel in reply.get("question", "")
