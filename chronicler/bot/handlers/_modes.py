"""The five modes as the streamer hears about them: names, duties, and the order they are listed in."""

from __future__ import annotations

from collections.abc import Mapping

from chronicler.bot import languages

MODE_ORDER: tuple[str, ...] = ("warden", "librarian", "hearthkeeper", "steward", "scribe")
DUTIES: dict[str, str] = {
    "warden": "flags spam and scams for your review",
    "librarian": "finds clip-worthy moments and blog ideas",
    "hearthkeeper": "keeps a quiet chat company",
    "steward": "answers chat's questions and mentions",
    "scribe": "writes the ledger when a session ends",
}


def title(mode: str) -> str:
    """'Warden' for 'warden'."""
    return mode.title()


def modes_on(modes: Mapping[str, bool] | None, language: str | None = None) -> str:
    """'Warden, Librarian, Hearthkeeper and Steward on' (the Scribe is told about apart)."""
    if not modes:
        return ""
    on = [title(m) for m in MODE_ORDER if m != "scribe" and modes.get(m)]
    if not on:
        return languages.phrase("modes_all_off", language)
    return languages.phrase("modes_on", language, modes=languages.and_list(on, language))
