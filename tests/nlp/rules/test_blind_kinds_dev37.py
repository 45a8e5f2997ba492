"""Kinds found in the ninth round's blind DEV sets and the slots older DEV sets still missed: the chatter a
ban names when an ordinary word follows the verb, the ledger of "yesterday's" stream, every stream as the
range. Every line here is invented for the test."""

from __future__ import annotations

import pytest

from chronicler.nlp.rules import review_in_dm
from tests.nlp.rules.conftest import Parse
from tests.nlp.rules.test_learned import command


@pytest.mark.parametrize(
    ("text", "login"),
    [
        ("there's a guy named quibbleworth posting fake giveaways, ban please", "quibbleworth"),
        ("timeout for sprocket_mauler please, he keeps at it", "sprocket_mauler"),
        ("can you kick out the_grumble_goose? he won't stop", "the_grumble_goose"),
        ("time out the user spamming caps, its caps_lord77", "caps_lord77"),
        ("ban the guy spamming links, his name is linkfarm2000", "linkfarm2000"),
    ],
)
def test_an_ordinary_word_after_ban_is_no_name(parse: Parse, text: str, login: str) -> None:
    assert parse(text) == command("moderate", None, username=login)


@pytest.mark.parametrize(
    "text",
    [
        "ban every account that joined in the last minute, it's a bot raid",
        "ban please",
        "timeout the spammer, it's spam",
    ],
)
def test_a_ban_without_a_name_names_no_one(parse: Parse, text: str) -> None:
    assert "username" not in parse(text)


def test_an_ordinary_word_after_flagged_for_is_no_chatter(parse: Parse) -> None:
    assert parse("has quillfeather_21 been flagged for anything?") == command(
        "flags", "list", username="quillfeather_21"
    )


@pytest.mark.parametrize(
    ("text", "action", "session"),
    [
        ("send yesterday's ledger to the webhook", "post", "last"),
        ("can you show me yesterday's stream report", "show", "last"),
        ("post today's stream ledger on discord", "post", "current"),
        ("send the report for the finished stream to my discord", "post", "last"),
        ("the summary for the one that just ended?", "show", "last"),
        ("show me the ledger for the one i'm doing now", "show", "current"),
    ],
)
def test_the_stream_a_ledger_belongs_to(parse: Parse, text: str, action: str, session: str) -> None:
    assert parse(text) == command("ledger", action, session=session)


def test_a_ledger_of_a_week_still_asks_which(parse: Parse) -> None:
    assert parse("the ledger from this week")["interaction_type"] == "unknown"


@pytest.mark.parametrize(
    ("text", "kind", "rng"),
    [
        ("clips from every stream", "clips", "all"),
        ("flagged messages from every stream so far", "flags", "all"),
        ("hype moments across all my streams so far?", "clips", "all"),
        ("topics chat talked about since the very beginning", "blog", "all"),
        ("clips from the whole week pls", "clips", "week"),
        ("what was chat talking about all week?", "blog", "week"),
    ],
)
def test_every_stream_and_the_whole_week(parse: Parse, text: str, kind: str, rng: str) -> None:
    assert parse(text) == command(kind, "list", range=rng)


def test_the_first_one_we_are_doing_is_no_range(parse: Parse) -> None:
    text = "it's the first one we're doing, so show me the top chatters for all time"
    assert parse(text) == command("stats", "show", range="all")


@pytest.mark.parametrize(
    ("text", "shown", "expected"),
    [
        ("2 and 5 spam, 3 is fine", 0, [("confirmed", 2), ("confirmed", 5), ("dismissed", 3)]),
        ("6 and 7 both fine, an old joke from the discord", 0, [("dismissed", 6), ("dismissed", 7)]),
        ("4 = friend", 0, [("dismissed", 4)]),
        ("#2 was a joke", 0, [("dismissed", 2)]),
        ("ok #3 fine #4 fine #5 scam", 0, [("dismissed", 3), ("dismissed", 4), ("confirmed", 5)]),
        ("in a hurry: 1 bot, 2 ok", 0, [("confirmed", 1), ("dismissed", 2)]),
        ("sorry was in a cutscene. #1 scam, #2 fine", 0, [("confirmed", 1), ("dismissed", 2)]),
        ("1 fine (my uncle lol) 2 bot", 0, [("dismissed", 1), ("confirmed", 2)]),
        ("1 is fine, 2 is a bot, 3 idk leave it", 0, [("dismissed", 1), ("confirmed", 2)]),
        ("both scams", 2, [("confirmed", 1), ("confirmed", 2)]),
        ("les deux sont des arnaques", 2, [("confirmed", 1), ("confirmed", 2)]),
        ("beides bots", 0, [("confirmed", None)]),
        ("both fine", 3, [("dismissed", None)]),
        ("der zweite ist ein Freund von mir", 0, [("dismissed", 2)]),
        ("el último es un amigo mío, no pasa nada", 5, [("dismissed", 5)]),
    ],
)
def test_answers_on_flags_as_written_in_a_hurry(
    text: str, shown: int, expected: list[tuple[str, int | None]]
) -> None:
    assert [(answer.verdict, answer.item) for answer in review_in_dm(text, shown)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "stop the stream. #1 spam",  # a request before the answer is no preface
        "sorry I meant. #1 fine",
        "3 fine (jk it's spam)",  # a bracket that takes the answer back
        "ok",
        "6 idk",
        "both",
    ],
)
def test_what_is_no_answer_in_a_hurry(text: str) -> None:
    assert review_in_dm(text, 4) == ()


@pytest.mark.parametrize(
    ("text", "action", "mode", "scope"),
    [
        ("turn on answering viewers' questions by default", "enable", "steward", "always"),
        ("disable the clip finder by default", "disable", "librarian", "always"),
        ("turn on the answering bot, just today", "enable", "steward", "tonight"),
    ],
)
def test_by_default_is_from_now_on_and_just_today_is_tonight(
    parse: Parse, text: str, action: str, mode: str, scope: str
) -> None:
    assert parse(text) == command("mode", action, mode=mode, scope=scope)


@pytest.mark.parametrize(
    ("text", "channel"),
    [
        ("start watching mossfiddle now", "mossfiddle"),
        ("watch chat on brindlecove tonight please", "brindlecove"),
        ("start chronicling chat on quietlantern", "quietlantern"),
        ("could you watch the chat for tealgoblin? we just went live", "tealgoblin"),
    ],
)
def test_the_channel_after_the_verb_or_preposition_ending_a_clause(
    parse: Parse, text: str, channel: str
) -> None:
    assert parse(text) == command("session", "start", channel=channel)


@pytest.mark.parametrize(
    "text", ["start watching chat now", "start chronicling everything", "start tracking please"]
)
def test_a_known_word_after_the_verb_is_no_channel(parse: Parse, text: str) -> None:
    assert parse(text) == command("session", "start")


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("chat nudge = 25 min", 25),
        ("10 is too short for the chat nudge, make it 35", 35),
        ("chat nudge quiet time 2 hours, it's a lurker channel", 120),
        ("poke chat only after 40 minutes of silence pls", 40),
    ],
)
def test_the_wait_of_the_hearthkeeper_described_as_a_setting(parse: Parse, text: str, minutes: int) -> None:
    assert parse(text) == command("mode", "configure", mode="hearthkeeper", idle_minutes=minutes)


@pytest.mark.parametrize(
    "text",
    ["the chat nudge fired after 22 min lol", "don't make the chat nudge wait 40 min"],
)
def test_a_wait_told_or_refused_sets_nothing(parse: Parse, text: str) -> None:
    assert parse(text)["interaction_type"] != "mode"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("we don't need the webhook anymore", command("settings", "remove_webhook")),
        ("não uso mais aquele webhook, pode esquecer ele", command("settings", "remove_webhook")),
        ("we don't need the reply bot anymore", command("mode", "disable", mode="steward", scope="always")),
    ],
)
def test_what_is_no_longer_needed_is_asked_gone(parse: Parse, text: str, expected: dict[str, object]) -> None:
    assert parse(text) == expected


@pytest.mark.parametrize(
    ("text", "login"),
    [
        ("did anybody called fernwhistle get flagged this week", "fernwhistle"),
        ("has anyone named dovetailmoth been flagged lately?", "dovetailmoth"),
    ],
)
def test_a_chatter_called_or_named_is_the_one_asked_about(parse: Parse, text: str, login: str) -> None:
    assert parse(text)["username"] == login


def test_the_one_asked_for_is_no_chatter(parse: Parse) -> None:
    assert "username" not in parse("for the boss: did the warden catch anything last stream?")


def test_a_misspelt_tonight_is_still_the_scope(parse: Parse) -> None:
    assert parse("disbale the steward for tongiht") == command(
        "mode", "disable", mode="steward", scope="tonight"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4's a buddy of mine, it's fine", [("dismissed", 4)]),
        ("#6 is 100% a bot KEKW", [("confirmed", 6)]),
    ],
)
def test_answers_with_slang(text: str, expected: list[tuple[str, int]]) -> None:
    assert [(answer.verdict, answer.item) for answer in review_in_dm(text)] == expected


def test_a_code_in_the_clause_link_leads_is_the_code(parse: Parse) -> None:
    assert parse("link me with QRTX-7340") == command("link", None, code="QRTX-7340")


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("no auto replies for the rest of tonight", "steward"),
        ("no chat nudges tonight please, switch it off", "hearthkeeper"),
    ],
)
def test_no_posts_of_a_mode_for_a_while_switch_it_off(parse: Parse, text: str, mode: str) -> None:
    assert parse(text) == command("mode", "disable", mode=mode, scope="tonight")


def test_no_posts_asked_about_switch_nothing_off(parse: Parse) -> None:
    assert parse("no replies yet?")["interaction_type"] == "unknown"


@pytest.mark.parametrize(
    ("text", "login"),
    [("Bane o vovozao_77 do chat, ele tá chato", "vovozao_77"), ("banea a trolazo99 porfa", "trolazo99")],
)
def test_a_ban_in_another_language_names_its_chatter(parse: Parse, text: str, login: str) -> None:
    assert parse(text) == command("moderate", None, username=login)


@pytest.mark.parametrize(
    "text", ["si el chat se pone tóxico, banea a todos", "se o chat ficar tóxico, bane geral"]
)
def test_a_ban_of_everyone_in_a_condition_is_no_request(parse: Parse, text: str) -> None:
    assert parse(text)["interaction_type"] != "moderate"


def test_keeping_tabs_on_chat_is_chronicling(parse: Parse) -> None:
    assert parse("finally live, can you start keeping tabs on chat?") == command("session", "start")


def test_what_is_granted_beside_a_request_refuses_nothing(parse: Parse) -> None:
    text = "can you start chronicling now even though I'm not live yet?"
    assert "won't" not in str(parse(text).get("question", ""))


def test_a_refusal_is_still_one(parse: Parse) -> None:
    assert parse("don't start chronicling yet")["question"].startswith("Okay, I won't")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "who chatted the most tonight? please don't count the bots",
            command("stats", "show", range="current"),
        ),
        ("show me the ledger, don't post it", command("ledger", "show")),
    ],
)
def test_a_not_about_something_else_after_a_request_refuses_nothing(
    parse: Parse, text: str, expected: dict[str, object]
) -> None:
    assert parse(text) == expected


@pytest.mark.parametrize("text", ["stop chronicling, not yet", "stop chronicling, not now"])
def test_a_not_that_points_back_at_the_request_still_holds_it(parse: Parse, text: str) -> None:
    assert parse(text)["interaction_type"] == "unknown"


def test_a_not_with_a_verb_of_its_own_is_not_carried_into_the_request(parse: Parse) -> None:
    text = "I don't want to lose regulars over it, so please turn the warden off"
    assert parse(text) == command("mode", "disable", mode="warden")


@pytest.mark.parametrize(
    "text",
    ["turn off the warden, don't do that", "post the ledger, don't do it", "stop chronicling, not now"],
)
def test_a_request_taken_back_in_the_same_breath_is_not_carried_out(parse: Parse, text: str) -> None:
    assert parse(text)["interaction_type"] == "unknown"
