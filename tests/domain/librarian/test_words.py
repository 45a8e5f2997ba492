"""Reading chat text: emotes, meaningful words, mentions and the shape of a question."""

from __future__ import annotations

import pytest

from chronicler.domain.librarian import EMOTES, emotes_in
from chronicler.domain.librarian._words import looks_like_question, mentions, shouting, words


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kappa", {"Kappa"}),
        ("that was LUL KEKW", {"LUL", "KEKW"}),
        ("catJAM catJAM catJAM", {"catJAM"}),
        ("blobDance blobDance so good", {"blobDance"}),  # unknown, but repeated CamelCase
        ("admiralFedora", {"admiralFedora"}),  # unknown, but a whole message of CamelCase
        ("I got a new iPhone", set()),  # CamelCase once, among words: a word
        ("lul that was funny", set()),  # emotes are case-sensitive
    ],
)
def test_emotes_in(text: str, expected: set[str]) -> None:
    assert emotes_in(text.split()) == expected


def test_the_emote_list_has_the_well_known_names() -> None:
    assert {
        "Kappa",
        "LUL",
        "KEKW",
        "PogChamp",
        "Pog",
        "OMEGALUL",
        "monkaS",
        "PepeHands",
        "5Head",
        "Pepega",
        "gachiHYPER",
        "WutFace",
        "catJAM",
    } <= EMOTES


def test_words_leave_out_links_mentions_emotes_and_emoji_codes() -> None:
    text = "@Pixel_Wren check https://x.example.com and twitch.tv/a :rabbit_face: so cute PogChamp don't-stop"

    assert words(text) == ["check", "and", "so", "cute", "don't-stop"]


def test_mentions_are_lower_cased_logins() -> None:
    assert mentions("@Pixel_Wren and @bob_2 hi") == ["pixel_wren", "bob_2"]


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("ok?", True),
        ("how do you do that", True),
        ("is this the new patch", True),
        ("what a play", False),
        ("is what it is", False),
        ("nice run", False),
    ],
)
def test_looks_like_question(text: str, question: bool) -> None:
    assert looks_like_question(text, words(text)) is question


def test_shouting_is_mostly_capitals_over_a_few_letters() -> None:
    assert shouting(["WHAT", "A", "PLAY"]) is True
    assert shouting(["GG"]) is False
    assert shouting(["What", "a", "play"]) is False
