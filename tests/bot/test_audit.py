"""The audit trail keeps no secret: link codes and webhook tokens are masked wherever a DM put them."""

from __future__ import annotations

import pytest

from chronicler.bot.audit import redact


@pytest.mark.parametrize(
    "text, kept",
    [
        ("link ABCDEFGH23", "link ***"),
        ("here's my code: ABCD-EFGH-23, can you link me?", "here's my code: ***, can you link me?"),
        ("my code is abcdefgh23 pls", "my code is *** pls"),
        ("HJKMNPQRST is what the site said", "*** is what the site said"),
        ("https://discord.com/api/webhooks/123/tok_en-x", "https://discord.com/api/webhooks/123/***"),
    ],
)
def test_codes_and_tokens_are_masked_wherever_they_stand(text, kept):
    assert redact(text) == kept


@pytest.mark.parametrize("text", ["what a watchmaker stream", "show clip candidates", "stats for 2024-05-01"])
def test_ordinary_words_and_dates_stay(text):
    assert redact(text) == text


def test_the_code_a_dm_was_read_to_carry_is_masked_even_in_lower_case_letters():
    assert redact("ok so abcdefghjk is it", code="ABCDEFGHJK") == "ok so *** is it"
