"""Every setting of the product in one object, read once at the entry point.

`load_settings()` is the only place that looks at the environment (and an optional `.env` file);
everything else receives a `Settings` and passes it on to the factories it builds.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from cryptography.fernet import Fernet
from dotenv import dotenv_values
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from chronicler.contract.errors import InvalidInput


class SettingsError(InvalidInput):
    """A setting is missing or malformed; the message names it, `field` is its variable (API_PORT)."""

    def __init__(self, message: str, *, field: str) -> None:
        super().__init__(message, field=field)


class Settings(BaseModel):
    """The product's configuration. Field names are the environment variable names, lower-cased."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    app_env: Literal["development", "production", "test"] = "development"
    log_level: str = "INFO"

    # Storage
    database_url: str | None = None  # None: the embedded PostgreSQL under pg_data_dir
    data_dir: Path = Path("data")
    pg_data_dir: Path | None = None  # default: data_dir / "pg"
    db_pool_min: int = Field(default=1, ge=1)
    db_pool_max: int = Field(default=10, ge=1)
    export_path: Path = Path("exports")
    # The scheduler ends a session this long after its stream went offline, or after this much silence.
    auto_close_offline_minutes: float = Field(default=2.0, ge=0)
    auto_close_silent_hours: float = Field(default=2.0, gt=0)
    # Accept http://127.0.0.1 webhook URLs (a local fake Discord); never in production.
    allow_local_webhooks: bool = False

    # The API
    api_host: str = "127.0.0.1"
    api_port: int = Field(default=8080, ge=1, le=65535)
    api_url: str = "http://127.0.0.1:8080"  # where the bot, worker and console reach the API
    api_threads: int = Field(default=8, ge=1)
    max_body_bytes: int = Field(default=64 * 1024, ge=1024)
    allow_registration: bool = False
    login_limit_per_username: str = "5 per minute"  # failed attempts only
    login_limit_per_address: str = "20 per minute"
    ratelimit_storage_uri: str = "memory://"

    # Tokens
    jwt_secret: str | None = None
    jwt_issuer: str = "sanctum-chronicler"
    jwt_audience: str = "sanctum-chronicler-api"
    access_token_minutes: int = Field(default=15, ge=1, le=60)
    refresh_token_days: int = Field(default=30, ge=1, le=365)
    link_code_minutes: int = Field(default=10, ge=1, le=60)
    bcrypt_rounds: int = Field(default=12, ge=4, le=16)
    bot_api_secret: str | None = None

    # Discord
    discord_token: str | None = None

    # Twitch
    twitch_client_id: str | None = None
    twitch_client_secret: str | None = None
    twitch_bot_user_id: str | None = None
    twitch_access_token: str | None = None
    twitch_refresh_token: str | None = None
    twitch_bot_login: str = "chronicler_bot"  # the bot's chat login: the Steward answers its mentions
    # Moderators may send 100 chat messages per 30 s instead of 20; "auto" asks Helix per channel.
    twitch_bot_is_moderator: Literal["auto", "yes", "no"] = "auto"
    # Where Twitch is: Twitch's own addresses, or a local mock's (twitch-cli, a test fake).
    twitch_eventsub_url: str = "wss://eventsub.wss.twitch.tv/ws"  # the EventSub WebSocket
    twitch_helix_url: str = "https://api.twitch.tv/helix"  # the Helix API's base
    twitch_auth_url: str = "https://id.twitch.tv"  # OAuth: {this}/oauth2/validate, /oauth2/token
    # Twitch tokens from "connect twitch" are kept encrypted: comma-separated Fernet keys, the first
    # encrypts, all decrypt (rotation: NEW,OLD). Generated into the data folder in development.
    token_encryption_key: str | None = Field(default=None, repr=False)

    # LLM (any OpenAI-compatible endpoint)
    llm_base_url: str | None = None
    llm_api_key: str | None = None
    llm_model: str | None = None
    llm_timeout_seconds: float = Field(default=8.0, gt=0, le=120)  # one request at most
    llm_budget_seconds: float = Field(default=10.0, gt=0, le=300)  # one DM, every attempt included
    # auto: json_schema until the server refuses it, then json_object for the rest of the process.
    llm_response_format: Literal["auto", "json_schema", "json_object"] = "auto"
    llm_max_tokens: int = Field(default=200, ge=16, le=4096)
    llm_warm_up: bool = True  # one small request at start-up, in the background, to cache the prompt

    @field_validator("jwt_secret", "bot_api_secret")
    @classmethod
    def _long_enough(cls, value: str | None) -> str | None:
        if value is not None and len(value.encode()) < 32:
            raise ValueError("must be at least 32 bytes long")
        return value

    @field_validator("token_encryption_key")
    @classmethod
    def _fernet_keys(cls, value: str | None) -> str | None:
        if value is None:
            return None
        keys = [key.strip() for key in value.split(",") if key.strip()]
        if not keys:
            raise ValueError("must hold at least one Fernet key")
        try:
            for key in keys:
                Fernet(key.encode())
        except ValueError:
            raise ValueError(
                "must be Fernet keys (32 url-safe base64-encoded bytes each), separated by commas"
            ) from None
        return ",".join(keys)

    @field_validator("twitch_eventsub_url")
    @classmethod
    def _websocket_url(cls, value: str) -> str:
        return _url(value, ("ws", "wss"))

    @field_validator("twitch_helix_url", "twitch_auth_url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        # Paths are appended to these bases, so a trailing slash would double up.
        return _url(value, ("http", "https")).rstrip("/")

    @property
    def pg_data(self) -> Path:
        """Where the embedded PostgreSQL keeps its files."""
        return self.pg_data_dir or self.data_dir / "pg"

    @property
    def is_production(self) -> bool:
        """Production refuses to invent secrets."""
        return self.app_env == "production"

    @property
    def twitch_configured(self) -> bool:
        """True when the worker reads live Twitch: an app registered (id and secret) whose bot token is
        in `.env` (`twitch_env_tokens`) or comes from "connect twitch" (stored, encrypted)."""
        return bool(self.twitch_client_id and self.twitch_client_secret)

    @property
    def twitch_env_tokens(self) -> bool:
        """True for the manual single-streamer setup: the bot's user token pasted into `.env`."""
        return bool(self.twitch_configured and self.twitch_bot_user_id and self.twitch_access_token)

    @property
    def llm_configured(self) -> bool:
        """True when an LLM endpoint and model are set."""
        return bool(self.llm_base_url and self.llm_model)


def _url(value: str, schemes: tuple[str, ...]) -> str:
    """`value` when it is an absolute URL with one of `schemes` and a host; ValueError otherwise."""
    parts = urlsplit(value.strip())
    wanted = " or ".join(f"{scheme}://" for scheme in schemes)
    if parts.scheme.lower() not in schemes or not parts.hostname:
        raise ValueError(f"must be a URL starting {wanted} and naming a host, not {value!r}")
    if parts.query or parts.fragment:
        raise ValueError(f"must be a URL without a query or fragment, not {value!r}")
    return value.strip()


def load_settings(
    environ: Mapping[str, str] | None = None, env_file: str | os.PathLike[str] | None = ".env"
) -> Settings:
    """Read settings from `env_file` (when it exists) overlaid by `environ` (default: os.environ)."""
    values: dict[str, str] = {}
    if env_file is not None and Path(env_file).is_file():
        values.update({k: v for k, v in dotenv_values(env_file).items() if v is not None})
    values.update(os.environ if environ is None else environ)
    known = {name.upper() for name in Settings.model_fields}
    # Empty values mean "unset", as in most .env conventions.
    fields = {k.lower(): v for k, v in values.items() if k in known and v != ""}
    try:
        return Settings.model_validate(fields)
    except ValidationError as exc:
        named = [(".".join(str(p) for p in e["loc"]).upper(), e["msg"]) for e in exc.errors()]
        problems = "; ".join(f"{name}: {message}" for name, message in named)
        # `field` holds one name, the first at fault; the message lists them all.
        raise SettingsError(f"invalid settings: {problems}", field=named[0][0]) from exc
