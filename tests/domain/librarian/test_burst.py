"""Whether a burst of fast chat is a reaction: how messages read, how tallies add up, what the model says."""

from __future__ import annotations

import math

import pytest

from chronicler.domain.librarian import ChatTally, tally_chat
from chronicler.domain.librarian._burst import BIAS, FEATURES, WEIGHTS, traits

LAUGHING = ("KEKW", "LUL", "hahaha", "OMEGALUL OMEGALUL", "lmao", "KEKW", "LUL LUL", "xD")
TALKING = (
    "did he already finish the first dungeon yesterday",
    "i think the second boss is harder than this one honestly",
    "what settings are you using for the graphics?",
    "my cat just walked over the keyboard lol",
    "how long is the stream going to be today",
    "the new patch changed the whole skill tree i heard",
)


def test_the_model_is_one_weight_per_feature_and_finite() -> None:
    assert len(WEIGHTS) == len(FEATURES)
    assert all(math.isfinite(weight) for weight in (*WEIGHTS, BIAS))


@pytest.mark.parametrize(
    ("text", "trait"),
    [
        ("KEKW", "emote_only"),
        ("catJAM catJAM", "emote_only"),
        ("WHAT IS HAPPENING", "shouting"),
        ("how do you get there?", "question"),
        ("is this the final boss", "question"),
        ("clip it", "clip_call"),
        ("hello everyone", "greeting"),
        ("lmao", "reaction"),
        ("!giveaway", "command"),
        ("  !uptime please", "command"),
    ],
)
def test_how_a_message_reads(text: str, trait: str) -> None:
    assert getattr(traits(text), trait) is True


def test_shock_written_as_question_marks_is_no_question_and_an_emote_is_no_shouting() -> None:
    assert traits("???").question is False and traits("???").reaction is True
    assert traits("KEKW KEKW").shouting is False
    assert traits("hello everyone").reaction is False  # a greeting is never also a reaction


def test_a_burst_of_laughter_is_a_reaction_and_talk_is_not() -> None:
    laughing, talking = tally_chat(LAUGHING * 3), tally_chat(TALKING * 3)

    assert laughing.reacting() > 0.8 > 0.2 > talking.reacting()
    assert laughing.weight() > 2 * talking.weight()


def test_a_burst_of_laughter_outranks_a_burst_of_copy_pasted_questions() -> None:
    pasted = tally_chat(["can you show your settings again?"] * 30)

    assert tally_chat(LAUGHING * 4).weight() > 2 * pasted.weight()
    assert pasted.repeats == 29


def test_greetings_weigh_nothing_however_many() -> None:
    assert tally_chat(["hi", "hello!", "hey chat", "HeyGuys"] * 10).weight() == 0.0


def test_an_echo_is_a_line_said_just_before_not_one_said_long_ago() -> None:
    echoing = tally_chat(["W", "W", "W"])
    far_apart = tally_chat(["nice", *(f"line {n}" for n in range(10)), "nice"])

    assert echoing.repeats == 2 and far_apart.repeats == 0


def test_tallies_merge_into_the_sum_of_their_counts() -> None:
    first, second = tally_chat(LAUGHING), tally_chat(TALKING)
    whole = tally_chat([*LAUGHING, *TALKING])

    first.merge(second)

    assert first.features() == whole.features()
    assert first.messages == len(LAUGHING) + len(TALKING)


def test_an_empty_tally_is_no_reaction() -> None:
    assert ChatTally().reacting() == 0.0
    assert ChatTally().features() == (0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)


def test_a_blank_message_is_not_counted() -> None:
    laughing = tally_chat(["KEKW", "LUL", "lmao"])
    with_blanks = tally_chat(["KEKW", "", "LUL", "   ", "lmao"])
    assert with_blanks.messages == laughing.messages == 3
    assert with_blanks.reacting() == laughing.reacting()


def test_a_bot_command_is_not_counted_and_shouting_is_no_command() -> None:
    assert traits("!!!").command is False and traits("!?").command is False and traits("!1").command is False
    laughing = tally_chat(["KEKW", "LUL", "lmao"])
    with_commands = tally_chat(["KEKW", "!join", "LUL", "!uptime", "lmao"])
    assert with_commands.messages == laughing.messages == 3
    assert with_commands.reacting() == laughing.reacting()
