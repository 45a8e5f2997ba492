"""How the parser words commands back to the streamer ("stop chronicling") and the questions it asks."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from chronicler.contract.commands import Command

RANGES = {
    "current": "for this stream",
    "last": "for the last stream",
    "today": "from today",
    "yesterday": "from yesterday",
    "week": "from this week",
    "all": "from all time",
}
SESSIONS = {"current": "for this stream", "last": "for the last stream"}
_LISTS = {
    "flags": "the flags",
    "clips": "the clip candidates",
    "blog": "the blog posts",
    "stats": "the stats",
}

EXAMPLES = "'start chronicling', 'show today's flags', 'turn off the steward' or 'help'"
GENERIC = f"Sorry, I didn't get that. What would you like me to do? For example {EXAMPLES}."
EMPTY = f"What would you like me to do? For example {EXAMPLES}."
TOO_LONG = "That message is too long to be a command. What would you like me to do, in a sentence?"
SUSPICIOUS = (
    "That looks like text from somewhere else (instructions or a chat log), so I'm not acting on it. "
    "If you want me to do something, tell me in your own words, e.g. 'turn off the warden'."
)
THANKS = "You're welcome! Anything else I can do?"
GREETING = f"Hi! What can I do for you? For example {EXAMPLES}."
WHICH_LIST = "Which one: flags, clips, blog posts, stats or the ledger?"
CONFIRM_IN_FULL = "To be safe I only change things on a full command. Please type it out, e.g. '{phrase}'."
IN_FULL = "To be safe I only change things on a full command. Please type it out, e.g. 'stop chronicling'."
NEVER_MIND = "Okay, never mind. Anything else?"
ONLY_HEARTHKEEPER_WAITS = (
    "Only the hearthkeeper waits a number of minutes (of quiet chat, before its nudge). To change that, "
    "say e.g. 'set the hearthkeeper to {minutes} minutes'; to switch the {mode} off, "
    "say 'turn off the {mode}'."
)


def describe(kind: str, action: str | None, slots: Mapping[str, Any]) -> str:
    """A short imperative phrase for a command, e.g. "show the flags from yesterday"."""
    text = _base(kind, action, slots)
    if (rng := slots.get("range")) is not None:
        text += f" {RANGES[rng]}"
    if (session := slots.get("session")) is not None:
        text += f" {SESSIONS[session]}"
    if (username := slots.get("username")) is not None and kind == "flags":
        text += f" from {username}"
    return text


def _base(kind: str, action: str | None, slots: Mapping[str, Any]) -> str:
    mode = slots.get("mode", "mode")
    if kind == "session":
        if action == "start":
            text = "start chronicling"
            if channel := slots.get("channel"):
                text += f" on {channel}"
            if theme := slots.get("theme"):
                text += f" with the theme '{theme}'"
            return text
        return {
            "stop": "stop chronicling",
            "recap": "recap the stream so far",
        }.get(action or "", "check whether chronicling is running")
    if kind == "flags" and action == "review":
        which = f"#{slots['item']}" if slots.get("item") else "that flag"
        return f"mark {which} as {'spam' if slots.get('verdict') == 'confirmed' else 'not spam'}"
    if kind in _LISTS:
        return f"show {_LISTS[kind]}"
    if kind == "ledger":
        return "post the ledger" if action == "post" else "show the ledger"
    if kind == "mode":
        tonight = " for tonight" if slots.get("scope") == "tonight" else ""
        return {
            "enable": f"turn on the {mode}{tonight}",
            "disable": f"turn off the {mode}{tonight}",
            # Without a number ("make the reply helper quiet"), the wait itself: never "None minutes".
            "configure": (
                f"set the {mode} to {slots['idle_minutes']} minutes"
                if slots.get("idle_minutes") is not None
                else f"change how long the {mode} waits"
            ),
        }.get(action or "", "list the modes")
    if kind == "settings":
        if action == "set_channel":
            return f"set your channel to {slots.get('channel') or 'that channel'}"
        if action == "set_timezone":
            return f"set your time zone to {slots.get('timezone') or 'that zone'}"
        if action == "remove_webhook":
            return "remove your webhook"
        return "set your webhook to that URL"
    if kind == "twitch":
        what = "the bot account" if slots.get("grant") == "bot" else "your Twitch channel"
        return f"connect {what}" if action == "connect" else f"disconnect {what}"
    if kind == "moderate":
        return f"time out or ban {slots.get('username') or 'a chatter'}"
    return {"link": "link your account", "help": "show the help"}.get(kind, "do that")


def did_you_mean(phrase: str) -> str:
    """The question for a near miss."""
    return f"Did you mean to {phrase}?"


def phrase_of(command: Command) -> str:
    """How the parser's questions name `command` ("turn off the warden")."""
    slots = {k: v for k, v in command.to_json().items() if k not in ("interaction_type", "action")}
    return describe(command.interaction_type, command.action, slots)


def proposes(question: str | None, command: Command) -> bool:
    """True when `question` is the parser's near-miss question ("Did you mean to ...?") of exactly
    `command`: a "yes" to it would carry `command` out."""
    return question == did_you_mean(phrase_of(command))


def declined(phrase: str) -> str:
    """The answer to "don't ...": nothing is done."""
    return f"Okay, I won't {phrase}. Anything else?"


def one_at_a_time(phrases: list[str]) -> str:
    """The question when a message asks for several things."""
    listed = ", ".join(f"'{p}'" for p in phrases[:-1]) + f" or '{phrases[-1]}'"
    return f"I can do one thing at a time: {listed}?"


def which_range(ranges: tuple[str, ...]) -> str:
    """The question when a message names several time ranges."""
    names = [RANGES[r].split(" ", 1)[1] for r in ranges]
    return f"Which one do you mean: {', '.join(names[:-1])} or {names[-1]}?"


def which_mode(modes: list[str]) -> str:
    """The question when a message names several modes for one change."""
    return f"One mode at a time, please: which one, {', '.join(modes[:-1])} or {modes[-1]}?"
