"""The slot extractors on their own: time ranges, durations, typos, themes, URLs and codes."""

from __future__ import annotations

import pytest

from chronicler.nlp.rules._numbers import find_durations
from chronicler.nlp.rules._slots import extract
from chronicler.nlp.rules._times import find_times, pick_range
from chronicler.nlp.rules._typos import correct, correct_time_word, edit_distance


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tonight", "current"),
        ("tonight's stream", "current"),
        ("so far", "current"),
        ("right now", "current"),
        ("this stream", "current"),
        ("the current session", "current"),
        ("tn", "current"),  # slang for tonight
        ("since i went live", "current"),
        ("since the stream started", "current"),
        ("last stream", "last"),
        ("last stream's", "last"),
        ("the previous session", "last"),
        ("last night", "last"),
        ("the last one", "last"),
        ("the stream before", "last"),
        ("today", "today"),
        ("today's", "today"),
        ("this morning", "today"),
        ("yesterday", "yesterday"),
        ("yesterday's", "yesterday"),
        ("yday", "yesterday"),
        ("this week", "week"),
        ("the past 7 days", "week"),
        ("last week", "week"),
        ("ever", "all"),
        ("all time", "all"),
        ("all-time", "all"),
        ("of all time", "all"),
        ("since day one", "all"),
    ],
)
def test_time_expressions(text: str, expected: str) -> None:
    _, refs = find_times(f"show flags {text} please")
    assert pick_range(refs) == (expected, ())


def test_a_specific_range_beats_a_bare_all() -> None:
    _, refs = find_times("all the flags from yesterday")
    assert pick_range(refs) == ("yesterday", ())


def test_conflicting_ranges_are_reported() -> None:
    _, refs = find_times("flags from today and yesterday")
    assert pick_range(refs) == (None, ("today", "yesterday"))


@pytest.mark.parametrize("text", ["however", "every day", "whatever", "all modes", "forever"])
def test_words_that_only_look_like_times(text: str) -> None:
    _, refs = find_times(text)
    assert [ref for ref in refs if not ref.weak] == []


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("20 minutes", 20),
        ("20 min", 20),
        ("20m", 20),
        ("20mins", 20),
        ("twenty minutes", 20),
        ("twenty-five minutes", 25),
        ("forty five mins", 45),
        ("fifteen minutes", 15),
        ("1 hour", 60),
        ("1h", 60),
        ("2 hrs", 120),
        ("1.5 hours", 90),
        ("1h30", 90),
        ("1 hour 30 minutes", 90),
        ("half an hour", 30),
        ("a half hour", 30),
        ("an hour", 60),
        ("an hour and a half", 90),
        ("a quarter of an hour", 15),
        ("a minute", 1),
        ("90 seconds", 1.5),
    ],
)
def test_durations(text: str, minutes: float) -> None:
    _, durations, _ = find_durations(f"set it to {text} please")
    assert [d.minutes for d in durations] == [minutes]


def test_numbers_without_units_are_kept_apart() -> None:
    masked, durations, numbers = find_durations("set hearthkeeper to 20")
    assert (durations, numbers) == ([], [20])
    assert "<num:0>" in masked


@pytest.mark.parametrize(("text", "number"), [("thirty five", 35), ("twenty-two", 22), ("ninety nine", 99)])
def test_numbers_in_words_of_two_words(text: str, number: float) -> None:
    _, _, numbers = find_durations(f"set idle minutes to {text}")
    assert numbers == [number]


@pytest.mark.parametrize("text", ["xqc_fan99", "one more time", "v2.5", "at 10:30", "#1"])
def test_no_durations_hide_in_words(text: str) -> None:
    _, durations, _ = find_durations(text)
    assert durations == []


@pytest.mark.parametrize(
    ("typo", "word"),
    [
        ("chronicalling", "chronicling"),
        ("cronicling", "chronicling"),
        ("hearthkeper", "hearthkeeper"),
        ("heartkeeper", "hearthkeeper"),
        ("hearthkepeer", "hearthkeeper"),
        ("wardn", "warden"),
        ("stewrad", "steward"),
        ("librarain", "librarian"),
        ("ledgr", "ledger"),
        ("strat", "start"),
        ("falgs", "flags"),
        ("statisitcs", "statistics"),
    ],
)
def test_typos_are_corrected(typo: str, word: str) -> None:
    assert correct(typo) == word


@pytest.mark.parametrize(
    ("typo", "word"),
    [
        ("tdoay", "today"),
        ("tonigth", "tonight"),
        ("yesterdy", "yesterday"),
        ("strem", "stream"),
        ("sesion", "session"),
    ],
)
def test_time_words_misspelt_are_read(typo: str, word: str) -> None:
    assert correct_time_word(typo) == word


@pytest.mark.parametrize("word", ["todas", "steam", "scream", "today", "tday"])
def test_time_words_of_their_own_are_left_alone(word: str) -> None:
    """A letter changed ("todas": Portuguese), a word the parser knows, or too short."""
    assert correct_time_word(word) is None


def test_a_misspelt_time_word_still_names_the_range() -> None:
    _, refs = find_times("cilps from tdoay")
    assert pick_range(refs) == ("today", ())


@pytest.mark.parametrize(
    "word",
    ["stars", "smart", "slow", "garden", "stewart", "warren", "hello", "stop", "flg"],
)
def test_ordinary_and_short_words_are_left_alone(word: str) -> None:
    assert correct(word) is None


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [
        ("start", "start", 0),
        ("strat", "start", 1),
        ("stat", "start", 1),
        ("stahp", "stop", 2),
        ("", "abc", 3),
    ],
)
def test_edit_distance(a: str, b: str, distance: int) -> None:
    assert edit_distance(a, b) == distance


def test_extract_masks_what_it_takes_out() -> None:
    masked, found = extract(
        "set webhook to <https://discord.com/api/webhooks/1/x>, link AB12-CD, "
        'theme: Cozy "Horror" tonight, chat said "stop"'
    )
    assert found.urls == ["https://discord.com/api/webhooks/1/x"]
    assert found.codes == ["AB12-CD"]
    assert found.themes == ['Cozy "Horror"']
    assert found.quotes == 1
    assert "discord" not in masked and "Cozy" not in masked and "stop" not in masked
