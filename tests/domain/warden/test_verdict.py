"""Turning evidence into a verdict: scores add up across rules, never within one."""

from __future__ import annotations

from chronicler.domain.warden._verdict import NOT_FLAGGED, Hit, decide


def hit(rule: str, score: float, label: str = "a label") -> Hit:
    """A piece of evidence covering the first five characters."""
    return Hit(rule, score, label, 0, 5)


def test_no_evidence_is_not_flagged() -> None:
    assert decide([], 0.7, "hello", "hello") is NOT_FLAGGED


def test_evidence_below_the_threshold_is_not_flagged_and_carries_nothing() -> None:
    verdict = decide([hit("outside_link", 0.3)], 0.7, "x.com", "x.com")
    assert verdict == NOT_FLAGGED


def test_independent_weak_signs_add_up() -> None:
    verdict = decide([hit("self_promotion", 0.6), hit("first_message", 0.3, "first message")], 0.7, "t", "t")
    assert verdict.flagged
    assert verdict.rule == "self_promotion"
    assert verdict.score == 0.72


def test_one_rule_matching_twice_is_not_double_evidence() -> None:
    verdict = decide([hit("self_promotion", 0.6), hit("self_promotion", 0.5)], 0.7, "t", "t")
    assert not verdict.flagged


def test_the_strongest_rule_names_the_flag_and_the_others_are_mentioned() -> None:
    hits = [hit("outside_link", 0.3, "carries an outside link"), hit("viewer_selling", 0.9, "sells viewers")]
    verdict = decide(hits, 0.7, "cheap viewers x.com", "cheap viewers x.com")
    assert verdict.rule == "viewer_selling"
    assert verdict.reason == "sells viewers: 'cheap viewers x.com' (also: carries an outside link)"
    assert verdict.score == 0.93
