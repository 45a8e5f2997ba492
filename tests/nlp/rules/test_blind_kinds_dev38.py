"""Kinds the blind DEV sets still missed in the tenth session on them: answers on flags written in a
hurry ("flag 5 scam, flag 6 not", "3rd flag was a scam", "flags 1 through 3 are fine") and requests
asked as "is there a way to ...". Every line here is invented for the test."""

from __future__ import annotations

import pytest

from chronicler.nlp.rules import review_in_dm
from tests.nlp.rules.conftest import Parse
from tests.nlp.rules.test_learned import command


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("flag 4 scam, flag 7 not", [("confirmed", 4), ("dismissed", 7)]),
        ("flag 9 yes spam, 10 no", [("confirmed", 9), ("dismissed", 10)]),
        ("flag 2 fine, flag 3 not", [("dismissed", 2), ("confirmed", 3)]),
        ("2nd flag was a bot, 5th is fine", [("confirmed", 2), ("dismissed", 5)]),
        ("number 3 flag is not spam, it's my cousin", [("dismissed", 3)]),
        ("flag 2 and flag 6 are both legit, not spam", [("dismissed", 2), ("dismissed", 6)]),
        ("flags 2 through 4 are all fine", [("dismissed", 2), ("dismissed", 3), ("dismissed", 4)]),
        ("1-2 are spam", [("confirmed", 1), ("confirmed", 2)]),
        ("flag 1 is spam. flag 3 too actually", [("confirmed", 1), ("confirmed", 3)]),
        ("okay so flag 1: spam. flag 2: not spam. that's all", [("confirmed", 1), ("dismissed", 2)]),
        ("flag 4: scam link, 100%", [("confirmed", 4)]),
        ("Flag 1: real person. Flag 2: I'm not sure, leave it for now.", [("dismissed", 1)]),
        ("flag 8 is real, she donates every stream", [("dismissed", 8)]),
        ("you can ignore flag 5, he's a mod elsewhere", [("dismissed", 5)]),
        ("hey uh flag 6 is not spam", [("dismissed", 6)]),
        ("#4 is spam 100% no cap", [("confirmed", 4)]),
        ("#5, not spam, that's my cousin", [("dismissed", 5)]),
        ("#1 is a real person, #2 is a follow-bot", [("dismissed", 1), ("confirmed", 2)]),
        ("ok going through them: 1 fine, 2 spam", [("dismissed", 1), ("confirmed", 2)]),
        ("5 and 6 are both the same scam bot", [("confirmed", 5), ("confirmed", 6)]),
        (
            "The 4th and 5th are real people, the 6th is spam.",
            [("dismissed", 4), ("dismissed", 5), ("confirmed", 6)],
        ),
        ("Message 3 and message 5 were both genuine", [("dismissed", 3), ("dismissed", 5)]),
    ],
)
def test_answers_written_in_a_hurry(text: str, expected: list[tuple[str, int]]) -> None:
    assert [(answer.verdict, answer.item) for answer in review_in_dm(text, 10)] == expected


def test_the_rest_you_can_clear_dismisses_every_other_flag_shown() -> None:
    answers = review_in_dm("flag 2 was a scam. flag 3 too. the rest you can clear", 4)
    assert [(answer.verdict, answer.item) for answer in answers] == [
        ("confirmed", 2),
        ("confirmed", 3),
        ("dismissed", 1),
        ("dismissed", 4),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "ignore that last message",  # about a DM, not a flag
        "ignore the first one",
        "flag 3 is real spam",
        "flags 4 to 2 are spam",  # no list reads backwards
        "flags 1 to 90 are spam",  # nor one answer on ninety
        "flag 2 not",  # "not" what? Only after another answer is it the other verdict
        "we lost 1-3 lol",
        "ok no: 1 fine",  # a preface that takes the answer back
    ],
)
def test_what_is_no_answer_stays_unanswered(text: str) -> None:
    assert review_in_dm(text, 10) == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("is there a way to end the session? stream's over", command("session", "stop")),
        ("is there any way to show me tonight's flags?", command("flags", "list", range="current")),
    ],
)
def test_is_there_a_way_to_asks_for_it(parse: Parse, text: str, expected: dict[str, object]) -> None:
    assert parse(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("warden on always", command("mode", "enable", mode="warden", scope="always")),
        ("steward off tonight", command("mode", "disable", mode="steward", scope="tonight")),
        ("turn off the steward, chat is trolling it", command("mode", "disable", mode="steward")),
        (
            "librarian off for good, I don't use the clips",
            command("mode", "disable", mode="librarian", scope="always"),
        ),
        ("go ahead and start", command("session", "start")),
        ("could you watch the chat for fernlight_tv?", command("session", "start", channel="fernlight_tv")),
    ],
)
def test_terse_switches_and_reasons(parse: Parse, text: str, expected: dict[str, object]) -> None:
    assert parse(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "turn off the steward, I'm trolling",  # the streamer's own joke still doubts
        "warden off for 10 minutes",  # off for a while: asked, no wait set on the warden
        "I don't want a pile of flags",
    ],
)
def test_still_asked_or_not_acted(parse: Parse, text: str) -> None:
    assert parse(text)["interaction_type"] == "unknown"


def test_only_the_hearthkeeper_waits(parse: Parse) -> None:
    reply = parse("set the warden to 10 minutes")
    assert reply["interaction_type"] == "unknown"
    assert "Only the hearthkeeper waits" in reply["question"]


def test_where_a_stream_goes_out_is_no_channel(parse: Parse) -> None:
    assert parse("just hit go live on obs, could you start chronicling?") == command("session", "start")


def test_watching_said_of_the_bot_starts_nothing(parse: Parse) -> None:
    assert parse("do you ever get tired of watching chat?").get("action") != "start"


@pytest.mark.parametrize(
    ("text", "channel"),
    [
        ("I renamed my channel to brackenloom, please update", "brackenloom"),
        ("my channel name is brackenloom. use that from now on", "brackenloom"),
        (
            "My Twitch channel is now called brackenloom_tv, the old name is gone. Please update it.",
            "brackenloom_tv",
        ),
        ("my twitch handle is brackenloom now, update the channel", "brackenloom"),
    ],
)
def test_a_new_channel_told_and_asked_for_is_set(parse: Parse, text: str, channel: str) -> None:
    assert parse(text) == command("settings", "set_channel", channel=channel)


@pytest.mark.parametrize(
    "text",
    [
        "I renamed my channel to something cooler last week",
        "i renamed my channel to match my discord",
        "my channel is dead",  # news, no request: at most asked
    ],
)
def test_no_channel_is_set_from_words_after_renamed(parse: Parse, text: str) -> None:
    assert parse(text).get("action") != "set_channel"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hi im new, what are you exactly lol", command("help", None)),
        ("who are you?", command("help", None)),
        ("is the reply bot on or off atm", command("mode", "list")),
        ("is the bot on?", command("session", "status")),
        ("is the bot on", command("session", "status")),
        ("yo is the thing on", command("session", "status")),
        ("how's it going in chat so far", command("session", "recap")),
    ],
)
def test_what_the_bot_is_and_which_mode_is_on(parse: Parse, text: str, expected: dict[str, object]) -> None:
    assert parse(text) == expected


def test_an_answer_asked_for_politely() -> None:
    answers = review_in_dm("Would you mind marking the second one as okay? It's a viewer I know personally.")
    assert [(answer.verdict, answer.item) for answer in answers] == [("dismissed", 2)]
    assert review_in_dm("would you mind marking the second one as okay? not sure actually") == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("shut it down, gg", command("session", "stop")),
        ("stop the session, gg wp", command("session", "stop")),
        ("stop the stream watcher", command("session", "stop")),
        ("fire up the watcher", command("session", "start")),
        ("turn off the spam catcher", command("mode", "disable", mode="warden")),  # no "watcher" by a slip
    ],
)
def test_sign_offs_and_the_bot_by_what_it_does(parse: Parse, text: str, expected: dict[str, object]) -> None:
    assert parse(text) == expected


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("set hearthkeeper to 10 or 20 minutes", "Which one do you mean: 10 or 20 minutes?"),
        ("set the hearthkeeper to 10-15 minutes", "Which one do you mean: 10 or 15 minutes?"),
    ],
)
def test_two_waits_offered_are_asked_about(parse: Parse, text: str, question: str) -> None:
    """It took the one with the unit (20) without asking."""
    assert parse(text) == {"interaction_type": "unknown", "action": None, "question": question}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "the librarian needs a break, turn it off for this stream",
            command("mode", "disable", mode="librarian", scope="tonight"),
        ),
        (
            "Please enable the librarian for tonight's stream only.",
            command("mode", "enable", mode="librarian", scope="tonight"),
        ),
        (
            "the warden, switch it on for this stream only",
            command("mode", "enable", mode="warden", scope="tonight"),
        ),
        ("what does the steward do? ok turn it on", command("mode", "enable", mode="steward")),
    ],
)
def test_a_mode_switched_for_this_stream_is_the_mode_not_the_session(
    parse: Parse, text: str, expected: dict[str, object]
) -> None:
    """Each of these started or stopped chronicling: "this stream" said for how long, "it" was the mode."""
    assert parse(text) == expected


def test_it_after_two_modes_asks_which(parse: Parse) -> None:
    """It turned the librarian off: the one the streamer wanted kept."""
    reply = parse("the librarian should stay. the warden though, turn it off")
    assert reply["interaction_type"] == "unknown" and "librarian or warden" in reply["question"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Chat's busy tonight so the quiet pinger isn't needed. Turn it off for this stream only.",
            command("mode", "disable", mode="hearthkeeper", scope="tonight"),
        ),
        (
            "won't need the reply bot tonight, mute it",
            command("mode", "disable", mode="steward", scope="tonight"),
        ),
        (
            "I don't want to lose regulars over it, so please turn off the pinger",
            command("mode", "disable", mode="hearthkeeper"),
        ),
    ],
)
def test_it_and_a_negated_reason_switch_the_mode_described(
    parse: Parse, text: str, expected: dict[str, object]
) -> None:
    """The first stopped chronicling; the others were answered "Okay, I won't turn off ..."."""
    assert parse(text) == expected


def test_a_webhook_pasted_with_post_the_ledgers_here_sets_it(parse: Parse) -> None:
    url = "https://discord.com/api/webhooks/123456789012345678/Abc-def_GhiJklMnoPqrStuVwxYz0123456789"
    assert parse(f"{url}\npost the ledgers here from now on") == command("settings", "set_webhook", url=url)


def test_disconnect_after_news_of_a_wrong_link_is_never_connect(parse: Parse) -> None:
    """It started connecting Twitch again."""
    reply = parse("I linked the wrong Twitch account, it's my alt. Can you disconnect it first?")
    assert reply.get("action") != "connect"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "leave the spam catcher running, just kill the reply bot",
            command("mode", "disable", mode="steward"),
        ),
        (
            "the scribe can stay but shut the clip finder off from now on",
            command("mode", "disable", mode="librarian", scope="always"),
        ),
        (
            "I'm co-streaming from zeph0rine's channel tonight, chronicle that one",
            command("session", "start", channel="zeph0rine"),
        ),
        (
            "los gehts, starte die Chronik auf kartoffelkaiser",
            command("session", "start", channel="kartoffelkaiser"),
        ),
    ],
)
def test_the_change_lands_on_what_was_meant(parse: Parse, text: str, expected: dict[str, object]) -> None:
    """Each changed something else: the mode kept, or the streamer's own channel."""
    assert parse(text) == expected


def test_a_friends_channel_is_no_channel_named_friend(parse: Parse) -> None:
    assert parse("start chronicling my friend's channel").get("channel") != "friend"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Could you switch off the steward for tonight? A raid is coming and I don't want it answering.",
            command("mode", "disable", mode="steward", scope="tonight"),
        ),
        ("what is chat saying rn, I'm mid-boss and can't read it", command("session", "recap")),
        ("don't post to discord anymore, forget the webhook", command("settings", "remove_webhook")),
        ("watch twitch.tv/brambleloft tonight pls", command("session", "start", channel="brambleloft")),
        ("start now fgs", command("session", "start")),
    ],
)
def test_reasons_that_say_what_the_request_prevents(
    parse: Parse, text: str, expected: dict[str, object]
) -> None:
    """The first three were answered "Okay, I won't ..." or asked: the "not" was the reason's."""
    assert parse(text) == expected


def test_a_refusal_still_refuses(parse: Parse) -> None:
    assert parse("I can't read chat, don't stop")["question"].startswith("Okay, I won't stop")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("shut it off, stream crashed and I'm not coming back tonight", command("session", "stop")),
        (
            "please stop watching chat for now, I'm taking a break and I'll restart later",
            command("session", "stop"),
        ),
        (
            "Could you please begin chronicling? I'm going live on the channel amberquill_reads in a moment.",
            command("session", "start", channel="amberquill_reads"),
        ),
    ],
)
def test_news_around_a_bare_request(parse: Parse, text: str, expected: dict[str, object]) -> None:
    """Asked before: "it" beside news of the stream's end, the streamer's own plan for later, and the
    stream going live soon on a channel named in three words."""
    assert parse(text) == expected


@pytest.mark.parametrize(
    "text", ["turn it off", "stop chronicling later, I'll tell you", "I'll start it later"]
)
def test_still_not_carried_out(parse: Parse, text: str) -> None:
    assert parse(text)["interaction_type"] == "unknown"


@pytest.mark.parametrize(
    "text",
    [
        "pst ledger to discord",
        "could you please pop the ledger into my discord?",
        "balance le ledger sur le discord stp",
    ],
)
def test_the_ledger_sent_to_discord_is_posted(parse: Parse, text: str) -> None:
    assert parse(text) == command("ledger", "post")


@pytest.mark.parametrize(
    "text",
    [
        "stop posting ledgers to discord, delete the webhook",
        "the ledger in discord looks great",
        "I love the ledger in discord",
        "has the ledger gone to discord?",
        "don't send the ledger to discord",
    ],
)
def test_a_ledger_said_of_discord_is_not_always_posted(parse: Parse, text: str) -> None:
    assert parse(text).get("action") != "post"


@pytest.mark.parametrize(
    ("text", "channel"),
    [
        ("yo can we get the chronicler rolling on my channel, it's quillmarrow", "quillmarrow"),
        ("Could you please start recording the chat on my channel, lunarbrackfen?", "lunarbrackfen"),
        ("empieza el chronicle en mi canal, nebulacabrita", "nebulacabrita"),
    ],
)
def test_the_channel_named_after_a_comma(parse: Parse, text: str, channel: str) -> None:
    """It started on the streamer's own channel, not the one named."""
    assert parse(text) == command("session", "start", channel=channel)


def test_thanks_after_the_channel_is_no_name(parse: Parse) -> None:
    assert parse("start chronicling my channel, thanks") == command("session", "start")
