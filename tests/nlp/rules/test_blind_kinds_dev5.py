"""Kinds of DM the eighth blind hand (bench/dm_blind/dev5.jsonl: mid-stream, in a hurry) showed the
parser missing. Every DM here is invented for the test; none is copied from a blind set."""

from __future__ import annotations

from typing import Any

import pytest

from chronicler.nlp.rules._typos import correct
from tests.nlp.rules.conftest import Parse
from tests.nlp.rules.test_learned import command


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Typed one-handed: the consonants of a keyword, a bare range word at the end.
        ("wrdn off tn", command("mode", "disable", mode="warden", scope="tonight")),
        ("stwrd on", command("mode", "enable", mode="steward")),
        ("flgs last", command("flags", "list", range="last")),
        ("clip candidates week", command("clips", "list", range="week")),
        ("stats rn", command("stats", "show", range="current")),
        ("yo start recording chat on mossy_kettle rn", command("session", "start", channel="mossy_kettle")),
        # Emoji as words, and the pinger is the hearthkeeper.
        ("✅ librarian", command("mode", "enable", mode="librarian")),
        ("❌ scribe", command("mode", "disable", mode="scribe")),
        ("pinger off", command("mode", "disable", mode="hearthkeeper")),
        # Messages to take down are a moderation request with no chatter; French "c'est" answers a flag.
        ("delete that msg pls", command("moderate", None)),
        ("le 4 c'est bon", command("flags", "review", verdict="dismissed", item=4)),
        # A bare verb wherever it stands, beside news that the stream is over.
        ("end it, i'm offline", command("session", "stop")),
        ("going offline now. stop", command("session", "stop")),
    ],
)
def test_terse_dms(parse: Parse, text: str, expected: dict[str, Any]) -> None:
    assert parse(text) == expected


@pytest.mark.parametrize(
    ("word", "keyword"),
    [("stwrd", "steward"), ("hrthkpr", "hearthkeeper"), ("ldgr", "ledger"), ("strt", "start"), ("stp", None)],
)
def test_a_word_without_vowels_is_the_one_keyword_with_its_consonants(word: str, keyword: str | None) -> None:
    # Three letters are too few to tell: "stp" is French for "please" as often as it is "stop".
    assert correct(word) == keyword


def test_a_plain_word_after_channel_is_only_a_guess_at_a_new_channel(parse: Parse) -> None:
    assert (
        parse("mi canal ahora es tacosyteclas")["question"]
        == "Did you mean to set your channel to tacosyteclas?"
    )
