"""Follow-ups complete read-only requests from the previous turn, and never change state."""

from __future__ import annotations

from typing import Any

import pytest

from chronicler.contract.commands import Command
from chronicler.nlp.result import Turn
from tests.nlp.rules.conftest import Parse


def turn(text: str, **command: Any) -> Turn:
    """An earlier turn of the conversation."""
    return Turn(text, Command(**command))


FLAGS_TODAY = turn("show today's flags", interaction_type="flags", action="list", range="today")
CLIPS_LAST = turn("clips from last stream", interaction_type="clips", action="list", range="last")
FLAGS_OF_A_CHATTER = turn(
    "flags from @xqc_fan99 today",
    interaction_type="flags",
    action="list",
    range="today",
    username="xqc_fan99",
)
LEDGER_LAST = turn("ledger for last stream", interaction_type="ledger", action="show", session="last")
STEWARD_OFF = turn("turn off the steward", interaction_type="mode", action="disable", mode="steward")
SUGGESTED_STOP = turn("stahp", interaction_type="unknown", question="Did you mean to stop chronicling?")


@pytest.mark.parametrize(
    ("previous", "text", "expected"),
    [
        (
            FLAGS_TODAY,
            "and yesterday's?",
            {"interaction_type": "flags", "action": "list", "range": "yesterday"},
        ),
        (
            FLAGS_TODAY,
            "what about this week",
            {"interaction_type": "flags", "action": "list", "range": "week"},
        ),
        (FLAGS_TODAY, "and the clips?", {"interaction_type": "clips", "action": "list", "range": "today"}),
        (FLAGS_TODAY, "and stats?", {"interaction_type": "stats", "action": "show", "range": "today"}),
        (
            FLAGS_TODAY,
            "what about @spammer123?",
            {"interaction_type": "flags", "action": "list", "range": "today", "username": "spammer123"},
        ),
        (CLIPS_LAST, "and the flags?", {"interaction_type": "flags", "action": "list", "range": "last"}),
        (CLIPS_LAST, "and the clips?", {"interaction_type": "clips", "action": "list", "range": "last"}),
        (CLIPS_LAST, "how about the blog", {"interaction_type": "blog", "action": "list", "range": "last"}),
        (CLIPS_LAST, "and the ledger?", {"interaction_type": "ledger", "action": "show", "session": "last"}),
        (CLIPS_LAST, "and all time?", {"interaction_type": "clips", "action": "list", "range": "all"}),
        (
            FLAGS_OF_A_CHATTER,
            "and yesterday's?",
            {"interaction_type": "flags", "action": "list", "range": "yesterday", "username": "xqc_fan99"},
        ),
        (LEDGER_LAST, "and the clips?", {"interaction_type": "clips", "action": "list", "range": "last"}),
    ],
)
def test_read_only_follow_ups(parse: Parse, previous: Turn, text: str, expected: dict[str, Any]) -> None:
    assert parse(text, [previous]) == expected


def test_a_full_request_keeps_its_own_range(parse: Parse) -> None:
    assert parse("and the clips from yesterday?", [FLAGS_TODAY])["range"] == "yesterday"


def test_without_a_cue_nothing_is_inherited(parse: Parse) -> None:
    assert parse("show the clips", [FLAGS_TODAY]) == {"interaction_type": "clips", "action": "list"}


def test_only_the_latest_turn_counts(parse: Parse) -> None:
    history = [CLIPS_LAST, FLAGS_TODAY]
    assert parse("and yesterday's?", history) == {
        "interaction_type": "flags",
        "action": "list",
        "range": "yesterday",
    }


def test_a_range_alone_without_history_asks_what_for(parse: Parse) -> None:
    question = parse("and yesterday's?")["question"]
    assert question == "Which one: flags, clips, blog posts, stats or the ledger?"


@pytest.mark.parametrize(
    ("previous", "text", "question"),
    [
        (STEWARD_OFF, "and the warden", "Did you mean to turn off the warden?"),
        (STEWARD_OFF, "and yesterday's?", "Which one: flags, clips, blog posts, stats or the ledger?"),
        (SUGGESTED_STOP, "no", "Okay, never mind. Anything else?"),
    ],
)
def test_follow_ups_never_change_state(parse: Parse, previous: Turn, text: str, question: str) -> None:
    assert parse(text, [previous]) == {"interaction_type": "unknown", "action": None, "question": question}


@pytest.mark.parametrize("text", ["yes", "yep do it", "yes please"])
def test_yes_to_our_own_suggestion_is_that_command(parse: Parse, text: str) -> None:
    """The bot asked "Did you mean to stop chronicling?": a yes confirms exactly that, nothing else."""
    assert parse(text, [SUGGESTED_STOP]) == {"interaction_type": "session", "action": "stop"}


def test_a_yes_to_someone_elses_question_asks_for_the_command(parse: Parse) -> None:
    previous = turn("hmm", interaction_type="unknown", question="Which stream do you mean?")
    assert "Please type it out" in parse("yes", [previous])["question"]


def test_a_full_command_after_a_list_is_just_that_command(parse: Parse) -> None:
    assert parse("and stop chronicling", [FLAGS_TODAY]) == {"interaction_type": "session", "action": "stop"}


SUGGESTED_WARDEN_OFF = turn(
    "quiero apagar el warden", interaction_type="unknown", question="Did you mean to turn off the warden?"
)


@pytest.mark.parametrize(
    "text", ["sí", "si", "Sí, claro", "vale", "oui", "d'accord", "ja", "Ja, genau!", "sim", "sim, isso"]
)
def test_yes_in_any_language_confirms_exactly_the_suggestion(parse: Parse, text: str) -> None:
    """The question stays English in the history; the streamer answered it in their own language."""
    assert parse(text, [SUGGESTED_WARDEN_OFF]) == {
        "interaction_type": "mode",
        "action": "disable",
        "mode": "warden",
    }
    assert parse(text, [SUGGESTED_STOP]) == {"interaction_type": "session", "action": "stop"}


@pytest.mark.parametrize("text", ["non", "nein", "no", "não", "nao"])
def test_no_in_any_language_declines(parse: Parse, text: str) -> None:
    assert parse(text, [SUGGESTED_WARDEN_OFF]) == {
        "interaction_type": "unknown",
        "action": None,
        "question": "Okay, never mind. Anything else?",
    }
