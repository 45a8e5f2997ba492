"""Settings are read once, from the environment and an optional .env file."""

from __future__ import annotations

import pytest

from chronicler.config.secrets import with_secrets
from chronicler.config.settings import Settings, SettingsError, load_settings
from chronicler.contract.errors import InvalidInput


def test_defaults_without_environment(tmp_path):
    settings = load_settings({}, env_file=tmp_path / "missing.env")
    assert settings.database_url is None and settings.api_port == 8080
    assert settings.pg_data == settings.data_dir / "pg"


def test_env_file_then_environment(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text("API_PORT=9000\nLOG_LEVEL=DEBUG\nALLOW_REGISTRATION=true\n")
    settings = load_settings({"API_PORT": "9100", "LLM_MODEL": ""}, env_file=env_file)
    assert settings.api_port == 9100 and settings.log_level == "DEBUG" and settings.allow_registration
    assert settings.llm_model is None  # empty means unset


def test_bad_values_name_the_setting(tmp_path):
    with pytest.raises(SettingsError, match="API_PORT"):
        load_settings({"API_PORT": "eighty"}, env_file=None)
    with pytest.raises(SettingsError, match="JWT_SECRET"):
        load_settings({"JWT_SECRET": "too-short"}, env_file=None)


def test_development_secret_is_generated_once_and_kept(tmp_path, caplog):
    settings = Settings(data_dir=tmp_path)
    first = with_secrets(settings)
    assert len(first.jwt_secret.encode()) >= 32 and "JWT_SECRET is not set" in caplog.text
    assert with_secrets(settings).jwt_secret == first.jwt_secret
    assert (tmp_path / "jwt_secret").stat().st_mode & 0o077 == 0


def test_production_refuses_to_start_without_secrets(tmp_path):
    with pytest.raises(SettingsError, match="JWT_SECRET"):
        with_secrets(Settings(app_env="production", data_dir=tmp_path))
    assert not (tmp_path / "jwt_secret").exists()


def test_the_bots_moderator_status_is_auto_unless_set() -> None:
    assert load_settings({}, env_file=None).twitch_bot_is_moderator == "auto"
    assert load_settings({"TWITCH_BOT_IS_MODERATOR": "yes"}, env_file=None).twitch_bot_is_moderator == "yes"
    with pytest.raises(SettingsError, match="TWITCH_BOT_IS_MODERATOR"):
        load_settings({"TWITCH_BOT_IS_MODERATOR": "maybe"}, env_file=None)


def test_a_bad_setting_is_invalid_input_whose_field_is_the_variable(tmp_path):
    with pytest.raises(InvalidInput) as raised:
        load_settings({"API_PORT": "eighty"}, env_file=None)
    assert isinstance(raised.value, SettingsError) and raised.value.field == "API_PORT"
    with pytest.raises(SettingsError) as raised:
        load_settings({"API_PORT": "eighty", "DB_POOL_MAX": "0"}, env_file=None)
    # Every problem is listed; `field` is the first of them.
    assert raised.value.message.startswith(f"invalid settings: {raised.value.field}: ")
    assert "API_PORT" in raised.value.message and "DB_POOL_MAX" in raised.value.message
    with pytest.raises(SettingsError) as raised:
        with_secrets(Settings(app_env="production", data_dir=tmp_path))
    assert raised.value.field == "JWT_SECRET"
