"""Turning evidence into a verdict: scores add up across rules, never within one; reasons say why."""

from __future__ import annotations

from chronicler.domain.warden._verdict import NOT_FLAGGED, Hit, decide, quote_of


def hit(rule: str, score: float, label: str = "a label", start: int = 0, end: int = 5) -> Hit:
    """A piece of evidence covering the first five characters unless told otherwise."""
    return Hit(rule, score, label, start, end)


def test_no_evidence_is_not_flagged() -> None:
    assert decide([], 0.7, "hello") is NOT_FLAGGED


def test_evidence_below_the_threshold_is_not_flagged_and_carries_nothing() -> None:
    verdict = decide([hit("outside_link", 0.3)], 0.7, "x.com")
    assert verdict == NOT_FLAGGED


def test_independent_weak_signs_add_up() -> None:
    verdict = decide([hit("self_promotion", 0.6), hit("first_message", 0.3, "first message")], 0.7, "t")
    assert verdict.flagged
    assert verdict.rule == "self_promotion"
    assert verdict.score == 0.72


def test_one_rule_matching_twice_is_not_double_evidence() -> None:
    verdict = decide([hit("self_promotion", 0.6), hit("self_promotion", 0.5)], 0.7, "t")
    assert not verdict.flagged


def test_the_strongest_rule_names_the_flag_and_the_others_are_mentioned() -> None:
    text = "cheap viewers x.com"
    hits = [
        hit("outside_link", 0.3, "carries an outside link", 14, 19),
        hit("viewer_selling", 0.9, "sells viewers", 0, 13),
    ]
    verdict = decide(hits, 0.7, text)
    assert verdict.rule == "viewer_selling"
    assert verdict.reason == 'sells viewers (carries an outside link): "cheap viewers"'
    assert verdict.score == 0.93


def test_a_reason_does_not_repeat_a_message_that_fired_whole() -> None:
    text = "the same words from many chatters at once"
    verdict = decide([hit("copy_paste_raid", 0.85, "same text from 5 chatters", 0, len(text))], 0.7, text)
    assert verdict.reason == "same text from 5 chatters"


def test_a_quote_is_short_and_cut_between_words() -> None:
    text = "hello there " + "wonderful " * 12 + "end of it all and more words after that"
    quote = quote_of(text, 6, len(text) - 30)
    assert quote is not None and quote.endswith("…")
    assert len(quote) <= 61
    body = quote[:-1]
    assert all(word in text.split() for word in body.split())  # whole words only, never cut mid-word


def test_a_quote_widens_to_whole_words() -> None:
    text = "please add me on discord: name_01 thanks so much for the stream tonight friend"
    assert quote_of(text, 9, 20) == "add me on discord:"


def test_what_the_message_says_names_the_flag_before_its_circumstances() -> None:
    text = "real viewers at growfast.net"
    hits = [
        hit("first_message_link", 0.8, "first message in the channel carries a link", 15, 28),
        hit("viewer_selling", 0.6, "sells viewers/followers", 0, 12),
    ]
    verdict = decide(hits, 0.7, text)
    assert verdict.rule == "viewer_selling"
    assert verdict.reason is not None
    assert verdict.reason.startswith("sells viewers/followers (first message in the channel carries a link)")
