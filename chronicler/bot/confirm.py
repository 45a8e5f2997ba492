"""When a command needs a "yes" first, how the bot asks, and how the answer is read.

A command that changes something is confirmed first when the parser was unsure of it (confidence
below the threshold) or when it leaned on earlier turns: the message refers back ("stop it", "turn
that off again") or the command carries a value only an earlier turn gave. One request waits per
user; "yes", "y" or "confirm" within the time limit carries it out, anything else cancels it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from chronicler.bot.audit import redact
from chronicler.bot.languages import phrase
from chronicler.bot.streamer_api import StreamerApi
from chronicler.contract.api import UserOut
from chronicler.contract.commands import SLOTS, Command
from chronicler.nlp.result import ParseResult, Turn

# In the languages the bot answers in, too: it asks for "sí", "oui", "ja" or "sim" in theirs.
YES = frozenset({"yes", "y", "confirm", "sí", "si", "oui", "ja", "sim"})
NO = frozenset({"no", "n", "cancel", "nope", "non", "nein", "não", "nao"})
# Words by which a message points back at an earlier one.
_REFERS_BACK = frozenset({"it", "that", "them", "again", "too", "same", "instead", "also"})
_WORD = re.compile(r"[a-z0-9_']+")


@dataclass(frozen=True)
class Pending:
    """A command waiting for the streamer's yes."""

    command: Command
    text: str
    expires_at: datetime
    language: str | None = None  # the DM's: the answer to the yes is given in it too


def _answer(text: str) -> str:
    return text.strip().strip(".!").strip().lower()


def is_yes(text: str) -> bool:
    """'yes', 'Y', 'confirm!'..."""
    return _answer(text) in YES


def is_no(text: str) -> bool:
    """'no', 'cancel'..."""
    return _answer(text) in NO


# Asked about every time: what they undo is not at hand in a DM (a webhook URL is a credential the
# streamer would have to fetch from Discord again).
ALWAYS_CONFIRMED: frozenset[tuple[str, str | None]] = frozenset({("settings", "remove_webhook")})


def needs_confirmation(
    result: ParseResult, text: str, history: Sequence[Turn], *, min_confidence: float
) -> bool:
    """True for a state-changing command the parser was unsure of, or that came from a follow-up,
    and always for the few that are hard to undo (`ALWAYS_CONFIRMED`)."""
    command = result.command
    if not command.changes_state:
        return False
    if (command.interaction_type, command.action) in ALWAYS_CONFIRMED:
        return True
    if result.confidence is not None and result.confidence < min_confidence:
        return True
    return bool(history) and leans_on_history(text, command, history, result.mentions)


def leans_on_history(
    text: str,
    command: Command,
    history: Sequence[Turn],
    mentions: tuple[tuple[str, str], ...] | None = None,
) -> bool:
    """The message refers back, or the command has a value that only an earlier turn supplied. A mode
    change whose mode the DM names itself (`mentions`: "the reply bot is annoying, kill it") leans on
    nothing, however it says "it"."""
    words = set(_WORD.findall(text.lower()))
    named_here = command.mode is not None and ("mode", command.mode) in (mentions or ())
    if words & _REFERS_BACK and not named_here:
        return True
    lowered = text.lower()
    earlier = {
        str(getattr(turn.command, slot)).lower()
        for turn in history
        for slot in SLOTS
        if getattr(turn.command, slot) is not None
    }
    for slot in SLOTS:
        value = getattr(command, slot)
        if slot == "mode" and named_here:
            continue
        if value is not None and str(value).lower() not in lowered and str(value).lower() in earlier:
            return True
    return False


async def question(
    command: Command, profile: UserOut, api: StreamerApi, *, within: timedelta, language: str | None = None
) -> str:
    """'Stop chronicling #pixel_wren? Reply yes within 2 minutes to confirm; anything else cancels.'

    In the streamer's `language` when the bot speaks it (`bot.languages`), else in English.
    """
    minutes = max(int(within.total_seconds() // 60), 1)
    ask = await _what(command, profile, api, language)
    unit = "minute" if minutes == 1 else "minutes"
    return phrase("confirm", language, ask=ask, minutes=minutes, unit=unit)


async def _what(command: Command, profile: UserOut, api: StreamerApi, language: str | None = None) -> str:
    """What is about to happen, as a question: 'Stop chronicling #pixel_wren?'."""
    key = (command.interaction_type, command.action)
    mode = (command.mode or "").title()
    if key == ("session", "start"):
        channel = command.channel or profile.twitch_channel
        return phrase("ask.start", language, where=f" #{channel}" if channel else "")
    if key == ("session", "stop"):
        current = await api.current_session()
        return phrase("ask.stop", language, where=f" #{current.channel}" if current else "")
    if key in (("mode", "enable"), ("mode", "disable")):
        when = phrase("ask.tonight", language) if command.scope == "tonight" else ""
        which = "ask.mode_on" if command.action == "enable" else "ask.mode_off"
        return phrase(which, language, mode=mode, when=when)
    if key == ("settings", "remove_webhook"):
        return phrase("ask.remove_webhook", language)
    if key == ("settings", "set_timezone"):
        return phrase("ask.set_timezone", language, timezone=command.timezone)
    if key == ("mode", "configure"):
        return f"Make the {mode} wait {command.idle_minutes} minutes of quiet?"
    if key == ("settings", "set_webhook"):
        return f"Send ledgers to the webhook {redact(command.url or '')}?"
    if key == ("settings", "set_channel"):
        return f"Set your Twitch channel to #{command.channel}?"
    if key == ("ledger", "post"):
        return f"Send the ledger of the {command.session or 'last'} session again?"
    return phrase("ask.generic", language)
