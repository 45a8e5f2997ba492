"""The Warden's exceptions; the hierarchy is drawn in the package docstring."""

from __future__ import annotations


class WardenError(Exception):
    """Base class of every error the Warden raises on purpose."""


class ConfigError(WardenError, ValueError):
    """A streamer's setting cannot be used (an empty blocked term, a threshold outside 0..1, ...)."""


class BadLineError(WardenError, ValueError):
    """One JSONL input line is not a usable message; it is answered with an error, not dropped."""
