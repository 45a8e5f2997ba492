"""The Warden's exceptions; where they hang is drawn in `chronicler.contract.errors`."""

from __future__ import annotations

from chronicler.contract.errors import ChroniclerError, InvalidInput


class WardenError(ChroniclerError):
    """Base class of every error the Warden raises on purpose."""


class ConfigError(WardenError, InvalidInput, ValueError):
    """A streamer's setting cannot be used (an empty blocked term, a threshold outside 0..1, ...)."""

    def __init__(self, message: str, *, field: str) -> None:
        # `field` is required: the API and the CLI name the setting at fault from it, never from the text.
        super().__init__(message, field=field)


class BadLineError(WardenError, InvalidInput, ValueError):
    """One JSONL input line is not a usable message; it is answered with an error, not dropped."""
