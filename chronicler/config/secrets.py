"""Development secrets: generated once, kept in the data folder, refused in production."""

from __future__ import annotations

import logging
import os
import secrets
from pathlib import Path

from cryptography.fernet import Fernet

from chronicler.config.settings import Settings, SettingsError

log = logging.getLogger(__name__)

# setting name -> file in the data folder that keeps the generated value between runs
_GENERATED = {
    "jwt_secret": "jwt_secret",
    "bot_api_secret": "bot_api_secret",
    "token_encryption_key": "token_encryption_key",  # a Fernet key: Twitch tokens at rest
}


def with_secrets(settings: Settings) -> Settings:
    """Return settings whose secrets are all set, generating development ones when missing."""
    missing = [name for name in _GENERATED if getattr(settings, name) is None]
    if not missing:
        return settings
    if settings.is_production:
        names = ", ".join(name.upper() for name in missing)
        raise SettingsError(
            f"APP_ENV=production needs {names} (secrets of at least 32 bytes; TOKEN_ENCRYPTION_KEY"
            " a Fernet key: python -c 'from cryptography.fernet import Fernet;"
            " print(Fernet.generate_key().decode())'); refusing to start",
            field=missing[0].upper(),
        )
    found = {name: _load_or_create(settings.data_dir / _GENERATED[name], name) for name in missing}
    return settings.model_copy(update=found)


def _load_or_create(path: Path, name: str) -> str:
    """Read a generated secret, or make one with owner-only permissions."""
    fernet = name == "token_encryption_key"
    if path.is_file():
        value = path.read_text().strip()
        if len(value.encode()) >= 32 and (not fernet or _is_fernet_key(value)):
            return value
    path.parent.mkdir(parents=True, exist_ok=True)
    value = Fernet.generate_key().decode() if fernet else secrets.token_urlsafe(48)
    # Created owner-only, never readable by others even for a moment (write_text, then chmod, was).
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as file:
        file.write(value + "\n")
    path.chmod(0o600)  # an older file of another mode, reopened by O_TRUNC, keeps its mode otherwise
    log.warning(
        "%s is not set: generated one for development in %s. Set %s in production.",
        name.upper(),
        path,
        name.upper(),
    )
    return value


def _is_fernet_key(value: str) -> bool:
    try:
        Fernet(value.encode())
    except ValueError:
        return False
    return True
