"""Who is never flagged, the shipped bot list, and the Warden's settings."""

from __future__ import annotations

import pytest

from chronicler.contract.errors import InvalidInput
from chronicler.domain.warden import ConfigError, Warden, WardenConfig, WardenError, load_known_bots
from tests.domain.warden.helpers import make_message, shared_data

SPAM = "Wanna become famous? Buy followers, primes and viewers on streamboo .com"


@pytest.mark.parametrize("badge", ["broadcaster", "moderator", "vip"])
def test_privileged_chatters_are_never_flagged(warden: Warden, badge: str) -> None:
    for text in (SPAM, "bit.ly/abc", "join discord.gg/xyz"):
        assert not warden.check(make_message(text, badges={badge}, first_message=True)).flagged


def test_a_subscriber_badge_does_not_protect_spam(warden: Warden) -> None:
    assert warden.check(make_message(SPAM, badges={"subscriber"})).flagged


@pytest.mark.parametrize("bot", ["nightbot", "streamelements", "moobot", "fossabot", "streamlabs"])
def test_known_bots_are_never_flagged(warden: Warden, bot: str) -> None:
    message = make_message("NEW MERCH - Get it here: https://goo.gl/abJPP7", login=bot, first_message=True)
    assert not warden.check(message).flagged


def test_the_same_message_from_an_unknown_account_is_flagged(warden: Warden) -> None:
    message = make_message("NEW MERCH - Get it here: https://goo.gl/abJPP7", login="m00bot")
    assert warden.check(message).flagged


def test_a_streamer_can_name_their_own_bots() -> None:
    warden = Warden(WardenConfig(known_bots=frozenset({"Wren_Helper"})))
    assert not warden.check(make_message("bit.ly/abc", login="wren_helper")).flagged
    # Naming your own bots replaces the shipped list; add it back to keep both.
    assert warden.check(make_message("bit.ly/abc", login="nightbot")).flagged
    both = Warden(WardenConfig(known_bots=load_known_bots() | {"wren_helper"}))
    assert not both.check(make_message("bit.ly/abc", login="nightbot")).flagged


def test_the_shipped_bot_list_is_lower_case_logins() -> None:
    bots = load_known_bots()
    assert {"nightbot", "streamelements", "moobot", "streamlabs", "fossabot"} <= bots
    assert all(login == login.lower() and " " not in login and "#" not in login for login in bots)


@pytest.mark.shared_data
def test_the_shipped_bot_list_covers_the_public_good_bot_list() -> None:
    public = (shared_data() / "botlists" / "known_good_bots.txt").read_text(encoding="utf-8").split()
    assert {login.lower() for login in public} <= load_known_bots()


def test_the_default_config_is_usable_and_shared_safely() -> None:
    config = WardenConfig()
    assert config.known_bots == load_known_bots()
    assert 0 < config.threshold <= 1
    assert Warden().config == config


def test_lists_in_the_config_become_tuples() -> None:
    config = WardenConfig(blocked_terms=["spam"], allowed_domains=["example.com"])  # type: ignore[arg-type]
    assert config.blocked_terms == ("spam",)
    assert config.allowed_domains == ("example.com",)


@pytest.mark.parametrize(
    "settings",
    [
        {"threshold": 0.0},
        {"threshold": 1.5},
        {"raid_size": 1},
        {"raid_window_seconds": 0},
        {"raid_min_words": 0},
        {"raid_max_tracked": 0},
        {"blocked_terms": ("",)},
        {"blocked_terms": ("**",)},
    ],
)
def test_unusable_settings_are_refused_when_made(settings: dict[str, object]) -> None:
    with pytest.raises(ConfigError) as raised:
        WardenConfig(**settings)  # type: ignore[arg-type]
    assert isinstance(raised.value, WardenError) and isinstance(raised.value, ValueError)


def test_a_lower_threshold_flags_weaker_evidence() -> None:
    text = "buy viewers"  # scores 0.6 on its own
    assert not Warden().check(make_message(text)).flagged
    assert Warden(WardenConfig(threshold=0.5)).check(make_message(text)).flagged


def test_the_same_text_gets_the_same_verdict_every_time(warden: Warden) -> None:
    first = warden.check(make_message("free nitro here", login="a"))
    again = warden.check(make_message("free nitro here", login="b", seconds=1))
    assert first == again and first.flagged


@pytest.mark.parametrize(
    ("settings", "field"),
    [
        ({"blocked_terms": ("*",)}, "blocked_terms"),
        ({"allowed_domains": ("not a domain at all",)}, "allowed_domains"),
        ({"allowed_domains": ("terms of service",)}, "allowed_domains"),  # says "term", is no blocked term
        ({"threshold": 2.0}, "threshold"),
        ({"raid_min_chars": 0}, "raid_min_chars"),
    ],
)
def test_an_unusable_setting_is_invalid_input_naming_its_field(
    settings: dict[str, object], field: str
) -> None:
    with pytest.raises(InvalidInput) as raised:
        WardenConfig(**settings)  # type: ignore[arg-type]
    assert isinstance(raised.value, ConfigError) and raised.value.field == field
