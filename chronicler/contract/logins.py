"""The one rule of what a Twitch login is: 1 to 25 lower-case letters, digits or underscores."""

from __future__ import annotations

import re

LOGIN_PATTERN = re.compile(r"[a-z0-9_]{1,25}")
_TWITCH_URL = re.compile(r"^(?:https?://)?(?:www\.|m\.)?twitch\.tv/", re.IGNORECASE)


def is_login(text: str) -> bool:
    """True when `text` is a Twitch login as it stands: already lower-case, nothing around it."""
    return LOGIN_PATTERN.fullmatch(text) is not None


def normalize_login(value: str) -> str:
    """Turn '@Pixel_Wren', '#pixel_wren' or 'twitch.tv/pixel_wren' into 'pixel_wren'; ValueError if none."""
    text = _TWITCH_URL.sub("", value.strip()).strip("/").lstrip("@#").lower()
    text = text.split("/", 1)[0].split("?", 1)[0]
    if not is_login(text):
        raise ValueError(f"{value!r} is not a Twitch login (letters, digits and _ only, at most 25)")
    return text


__all__ = ["LOGIN_PATTERN", "is_login", "normalize_login"]
