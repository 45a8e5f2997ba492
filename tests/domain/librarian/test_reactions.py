"""What kind of reaction a message is, in several languages, and the seam for stream markers."""

from __future__ import annotations

from datetime import timedelta

import pytest

from chronicler.domain.librarian import ClipCandidate, classify, marker_description, reaction_kinds
from chronicler.domain.librarian._reactions import is_greeting
from chronicler.domain.librarian.markers import MARKER_DESCRIPTION_LIMIT, mark
from tests.domain.librarian.chatlog import at


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("KEKW", "funny"),
        ("OMEGALUL OMEGALUL", "funny"),
        ("hahahaha", "funny"),
        ("jajajaja", "funny"),
        ("mdr", "funny"),
        ("wwwww", "funny"),
        ("草", "funny"),
        ("哈哈哈哈", "funny"),
        ("ㅋㅋㅋㅋ", "funny"),
        ("xD", "funny"),
        ("nepuLul", "funny"),  # a channel emote named like one
        ("Pog", "hype"),
        ("LETS GOOO", "hype"),
        ("666666", "hype"),
        ("monkaS", "shock"),
        ("WHAT", "shock"),
        ("?!?!", "shock"),
        ("Sadge", "sad"),
        ("F", "sad"),
        ("o7", "sad"),
        ("rip", "sad"),
        ("<3", "wholesome"),
        ("aww", "wholesome"),
    ],
)
def test_reactions_in_several_languages(text: str, kind: str) -> None:
    assert kind in reaction_kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "what do you think about the new patch",
        "I love how the map looks in this season",
        "hello",
        "nice jump",
    ],
)
def test_talk_is_no_reaction(text: str) -> None:
    assert reaction_kinds(text) - {"hype"} == set()


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("77777777777", "hype"),  # Taiwanese chat's "6666"
        ("鬼王 太神啦7777777", "hype"),
        ("好猛", "hype"),
        ("87", "funny"),  # mocking a blunder
        ("ㄏㄏ", "funny"),
        ("幹!!", "shock"),
        ("傻眼", "shock"),
        ("QQ", "sad"),
        ("可惜了", "sad"),
        ("ㅠㅠ", "sad"),
        ("恭喜恭喜", "wholesome"),
    ],
)
def test_chinese_korean_and_japanese_chat_react_in_their_own_slang(text: str, kind: str) -> None:
    assert kind in reaction_kinds(text)


@pytest.mark.parametrize("text", ["我不怕你們這些人", "room 87 is on the left side", "abc7777"])
def test_one_character_or_a_number_inside_a_sentence_is_no_reaction(text: str) -> None:
    assert reaction_kinds(text) == set()


def test_greetings_are_told_apart() -> None:
    assert is_greeting("hi") and is_greeting("Hallo ❤") and is_greeting("HeyGuys")
    assert not is_greeting("KEKW") and not is_greeting("hi this is a longer message about the game")


def test_a_stretch_of_chat_takes_its_strongest_kind_and_a_default_without_any() -> None:
    assert classify(["KEKW", "LUL", "lmao", "Pog"]) == "funny"
    assert classify(["monkaS", "WHAT", "KEKW"]) == "shock"  # rarer kinds weigh more per message
    assert classify(["the map", "a build"]) == "hype"


class _Markers:
    """Records the markers asked for, as the Twitch connection would make them."""

    def __init__(self) -> None:
        self.made: list[tuple[str, str]] = []

    def create_marker(self, channel: str, description: str) -> None:
        self.made.append((channel, description))


def test_a_marker_says_what_and_how_long_ago_within_twitchs_limit() -> None:
    clip = ClipCandidate(at(0), at(40), 4.25, "Funny: ...", (), peak=at(28), kind="funny")
    markers = _Markers()

    assert mark(markers, "pixel_wren", clip, at(0) + timedelta(seconds=55))
    assert not mark(None, "pixel_wren", clip, at(55))

    assert markers.made == [("pixel_wren", "Chronicler: funny moment ~55 s ago (score 4.2)")]
    assert len(marker_description(clip, at(10**6))) <= MARKER_DESCRIPTION_LIMIT
