"""The streamer's blocked terms: wildcards, case and look-alikes, word edges."""

from __future__ import annotations

import pytest

from chronicler.domain.warden import ConfigError, Warden, WardenConfig
from tests.domain.warden.helpers import make_message


def flagged_by_terms(terms: tuple[str, ...], text: str) -> bool:
    """Whether a Warden with only these blocked terms flags `text` as a blocked term."""
    verdict = Warden(WardenConfig(blocked_terms=terms)).check(make_message(text))
    return verdict.flagged and verdict.rule == "blocked_term"


@pytest.mark.parametrize(
    ("term", "text"),
    [
        ("spoiler", "SPOILER: he dies"),
        ("spoiler", "sp0iler? no: ѕpoiler"),  # Cyrillic ѕ
        ("free v*bucks", "free vbucks here"),
        ("free v*bucks", "free v-bucks here"),
        ("*coin", "buy wrencoin today"),
        ("buy * followers", "buy cheap real followers"),
        ("kick.com/*", "come to kick.com/somebody"),
        ("s*m", "scam"),
    ],
)
def test_blocked_terms_match_with_wildcards_case_and_look_alikes(term: str, text: str) -> None:
    assert flagged_by_terms((term,), text)


@pytest.mark.parametrize(
    ("term", "text"),
    [
        ("ass", "that was a classy play"),  # only whole words when the term is a whole word
        ("spoiler", "no spoilers please"),
        ("free v*bucks", "free robux"),
        ("kick.com/*", "kick the ball"),
    ],
)
def test_blocked_terms_do_not_match_inside_other_words(term: str, text: str) -> None:
    assert not flagged_by_terms((term,), text)


def test_the_reason_names_the_term_as_the_streamer_wrote_it() -> None:
    verdict = Warden(WardenConfig(blocked_terms=("other", "Free V*Bucks"))).check(make_message("free vbucks"))
    assert verdict.score == 1.0
    assert verdict.reason is not None and "'Free V*Bucks'" in verdict.reason


@pytest.mark.parametrize("term", ["", " ", "*", "* *"])
def test_a_term_that_would_match_everything_is_refused(term: str) -> None:
    with pytest.raises(ConfigError, match="blocked term"):
        WardenConfig(blocked_terms=(term,))


def test_blocked_terms_never_flag_privileged_chatters() -> None:
    warden = Warden(WardenConfig(blocked_terms=("spoiler",)))
    assert not warden.check(make_message("spoiler alert", badges={"moderator"})).flagged


@pytest.mark.parametrize(
    ("term", "text"),
    [
        ("ab*ab*ab*ab*ab*c", "ab" * 150),  # froze the API for 10.9 s as a regex
        ("a*a*a*a*a*a*a*a*b", "a" * 500),
        ("x*y", "x " * 250),
    ],
)
def test_no_term_makes_a_long_line_slow_to_judge(term: str, text: str) -> None:
    # The matcher is linear: each piece is one str.find from where the last one ended. Judged by the
    # number of terms and the line's length, not by a clock: this line has no match, and says so.
    assert not flagged_by_terms((term,), text)


@pytest.mark.parametrize(
    ("term", "text"),
    [
        ("ab*ab*ab*ab*ab*c", "ab" * 150 + "c"),
        ("x*y", "x " * 250 + "y"),
        ("*coin", "buy wrencoin"),
        ("spoil*", "spoilers ahead"),
    ],
)
def test_wildcard_terms_still_match_at_the_end_of_a_long_line(term: str, text: str) -> None:
    assert flagged_by_terms((term,), text)


def test_terms_are_bounded_in_number_and_length() -> None:
    with pytest.raises(ConfigError, match="at most 200 blocked terms"):
        WardenConfig(blocked_terms=tuple(f"term{n}" for n in range(201)))
    with pytest.raises(ConfigError, match="longer than 100 characters"):
        WardenConfig(blocked_terms=("x" * 101,))
    with pytest.raises(ConfigError, match="more than 8 wildcards"):
        WardenConfig(blocked_terms=("a*" * 9 + "b",))
