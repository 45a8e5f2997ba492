"""The wording rules: realistic Twitch spam is flagged under the right rule, ordinary chat is not."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from chronicler.domain.warden import Verdict
from tests.domain.warden.examples import ORDINARY, SPAM

Check = Callable[..., Verdict]


@pytest.mark.parametrize(("rule", "text"), [(rule, text) for rule, texts in SPAM.items() for text in texts])
def test_spam_is_flagged_under_its_rule(check: Check, rule: str, text: str) -> None:
    verdict = check(text)
    assert verdict.flagged, f"not flagged: {text!r}"
    assert verdict.rule == rule, verdict.reason


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_chat_is_not_flagged(check: Check, text: str) -> None:
    verdict = check(text)
    assert not verdict.flagged, verdict.reason


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_chat_is_not_flagged_as_a_first_message_either(check: Check, text: str) -> None:
    verdict = check(text, first_message=True)
    assert not verdict.flagged or verdict.rule == "first_message_link", verdict.reason


def test_a_flag_says_which_rule_how_sure_and_why(check: Check) -> None:
    verdict = check("cheap viewers at streamboo .com")
    assert verdict.flagged
    assert verdict.rule == "viewer_selling"
    assert 0.7 <= verdict.score <= 1.0
    assert verdict.reason is not None
    assert verdict.reason.startswith("sells viewers/followers")


def test_a_reason_says_why_in_words_without_repeating_the_message(check: Check) -> None:
    padding = "this is a long story about my day at the office and the weather was nice " * 3
    verdict = check(padding + "anyway buy cheap viewers at streamboo .com")
    assert verdict.reason is not None
    assert verdict.reason.startswith("sells viewers/followers")
    assert "cheap viewers" in verdict.reason  # a short quote of what fired
    assert "long story" not in verdict.reason  # not the message around it
    assert len(verdict.reason) < 160


def test_a_reason_names_the_context_that_counted(check: Check) -> None:
    verdict = check("nice stream, discord: quietfox_12", first_message=True)
    assert verdict.rule == "contact_handle"
    assert verdict.reason is not None
    assert verdict.reason.startswith("asks you to add a Discord handle (first message in the channel)")


def test_a_quote_in_a_reason_is_cut_between_words(check: Check) -> None:
    text = (
        "hey streamer you are amazing and I dropped a follow, I can connect you with a tremendously"
        " internationally recognised professional streamer friend of mine today"
    )
    verdict = check(text)
    assert verdict.rule == "follow_scam" and verdict.reason is not None
    quote = verdict.reason.split(': "', 1)[1].rstrip('"')
    assert quote.endswith("…") and len(quote) <= 61
    assert all(word in verdict.reason for word in quote.rstrip("…").split())
    assert quote.rstrip("…").split()[-1] in text.lower().split()  # ends on a whole word


def test_weak_evidence_needs_company(check: Check) -> None:
    # "buy ... viewers" alone could be an accusation; with a link it is an offer.
    assert not check("buy viewers").flagged
    verdict = check("buy viewers at growmystream.com")
    assert verdict.flagged and verdict.rule == "viewer_selling"


def test_a_first_message_makes_weak_promotion_count(check: Check) -> None:
    assert not check("there is a video on my channel about it").flagged
    verdict = check("there is a video on my channel about it", first_message=True)
    assert verdict.flagged and verdict.rule == "self_promotion"


def test_unflagged_verdicts_carry_no_rule_score_or_reason(check: Check) -> None:
    verdict = check("hello chat")
    assert verdict.to_json() == {"flagged": False, "rule": None, "score": 0.0, "reason": None}


def test_to_json_has_exactly_the_four_fields(check: Check) -> None:
    data = check("f4f?").to_json()
    assert set(data) == {"flagged", "rule", "score", "reason"}
    assert data["flagged"] is True and data["rule"] == "follow_for_follow"
