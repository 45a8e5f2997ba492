"""Twitch's three URLs are settings: Twitch's own by default, checked for their scheme."""

from __future__ import annotations

import pytest

from chronicler.config.settings import SettingsError, load_settings


def test_twitchs_own_urls_unless_set() -> None:
    settings = load_settings({}, env_file=None)
    assert settings.twitch_eventsub_url == "wss://eventsub.wss.twitch.tv/ws"
    assert settings.twitch_helix_url == "https://api.twitch.tv/helix"
    assert settings.twitch_auth_url == "https://id.twitch.tv"


def test_a_local_mock_can_be_named(tmp_path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text(
        "TWITCH_EVENTSUB_URL=ws://127.0.0.1:8081/ws\n"
        "TWITCH_HELIX_URL=http://127.0.0.1:8081/\n"
        "TWITCH_AUTH_URL=http://localhost:8082\n"
    )
    settings = load_settings({}, env_file=env_file)
    assert settings.twitch_eventsub_url == "ws://127.0.0.1:8081/ws"
    assert settings.twitch_helix_url == "http://127.0.0.1:8081"  # paths are appended: no trailing slash
    assert settings.twitch_auth_url == "http://localhost:8082"


@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        ("TWITCH_EVENTSUB_URL", "https://eventsub.wss.twitch.tv/ws", "ws:// or wss://"),
        ("TWITCH_EVENTSUB_URL", "eventsub.wss.twitch.tv/ws", "ws:// or wss://"),
        ("TWITCH_HELIX_URL", "wss://api.twitch.tv/helix", "http:// or https://"),
        ("TWITCH_HELIX_URL", "http://", "naming a host"),
        ("TWITCH_AUTH_URL", "id.twitch.tv", "http:// or https://"),
        ("TWITCH_AUTH_URL", "https://id.twitch.tv/?x=1", "without a query"),
    ],
)
def test_a_malformed_url_is_refused_naming_its_variable(variable: str, value: str, expected: str) -> None:
    with pytest.raises(SettingsError, match=expected) as raised:
        load_settings({variable: value}, env_file=None)
    assert raised.value.field == variable and variable in str(raised.value)
