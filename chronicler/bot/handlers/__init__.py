"""Every handler, one module per interaction type, gathered into the bot's registry.

Each module keeps its own `Registry` (like a blueprint); `build_registry()` merges them and raises
`DuplicateHandler` if two claim the same (interaction_type, action).
"""

from __future__ import annotations

from chronicler.bot.handlers import (
    blog,
    clips,
    flags,
    ledger,
    link,
    moderate,
    modes,
    session,
    settings,
    stats,
    twitch,
)
from chronicler.bot.handlers import help as help_
from chronicler.bot.registry import Registry

MODULES = (session, flags, clips, blog, stats, ledger, modes, settings, moderate, twitch, link, help_)


def build_registry() -> Registry:
    """A registry holding every handler of the bot."""
    registry = Registry()
    for module in MODULES:
        registry.include(module.handlers)
    return registry
