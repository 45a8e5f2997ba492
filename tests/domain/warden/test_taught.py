"""What the streamer taught by reviewing flags: trusted chatters, allowed phrasings, learned patterns."""

from __future__ import annotations

import pytest

from chronicler.domain.warden import ConfigError, Warden, WardenConfig, learned_pattern, phrasing_key
from chronicler.domain.warden._config import MAX_LEARNED_PATTERNS
from chronicler.domain.warden._learning import LearnedPatterns
from tests.domain.warden.helpers import make_message

SPAM = "cheap viewers at growfast .com"


def test_a_trusted_chatter_is_never_flagged() -> None:
    warden = Warden(WardenConfig(trusted_chatters=frozenset({"Old_Friend"})))
    assert not warden.check(make_message(SPAM, login="old_friend", first_message=True)).flagged
    assert warden.check(make_message(SPAM, login="stranger")).flagged


def test_a_dismissed_phrasing_is_never_flagged_again() -> None:
    dismissed = "my discord is pixel_cat_7 if anyone wants to team up for raids"
    warden = Warden(WardenConfig(allowed_phrasings=frozenset({phrasing_key(dismissed)})))
    # The same words with another handle are the same phrasing.
    same = "my discord is moonbeam_42 if anyone wants to team up for raids"
    assert not warden.check(make_message(same, first_message=True)).flagged
    assert warden.check(make_message("my discord is moonbeam_42", first_message=True)).flagged


def test_a_learned_pattern_flags_under_its_own_rule_and_reason() -> None:
    confirmed = "grab your exclusive starter pack at packs4u .net code ZX81"
    pattern = learned_pattern(confirmed)
    assert pattern is not None
    warden = Warden(WardenConfig(learned_patterns=(pattern,)), model=None)
    verdict = warden.check(make_message("grab your exclusive starter pack at otherpacks.net code QQ12"))
    assert verdict.flagged and verdict.rule == "learned_pattern"
    assert verdict.reason is not None and verdict.reason.startswith("matches spam you confirmed earlier")
    assert not warden.check(make_message("grab your coat, it is cold out")).flagged


def test_learned_patterns_past_the_limit_keep_the_newest() -> None:
    old = [f"old pattern number {n:03d} here" for n in range(MAX_LEARNED_PATTERNS)]
    config = WardenConfig(learned_patterns=(*old, "brand new confirmed spam wording"))
    warden = Warden(config, model=None)
    assert warden.check(make_message("brand new confirmed spam wording")).rule == "learned_pattern"
    assert not warden.check(make_message("old pattern number 000 here")).flagged


def test_an_unusable_learned_pattern_names_its_field() -> None:
    with pytest.raises(ConfigError) as raised:
        WardenConfig(learned_patterns=("**",))
    assert raised.value.field == "learned_patterns"


def test_the_raid_welcome_cannot_be_negative() -> None:
    with pytest.raises(ConfigError) as raised:
        WardenConfig(raid_welcome_seconds=-1)
    assert raised.value.field == "raid_welcome_seconds"


def test_learned_patterns_match_like_blocked_terms() -> None:
    patterns = LearnedPatterns(["grab your * pack at * code", "free * for every * follower"])
    text = "ok grab your golden pack at somewhere.net code zz"
    found = patterns.find(text)
    assert found is not None and text[found[0] : found[1]] == "grab your golden pack at somewhere.net code"
    assert patterns.find("free hugs for every new follower") is not None
    assert patterns.find("grab your coat") is None
    assert LearnedPatterns([]).find("anything") is None
