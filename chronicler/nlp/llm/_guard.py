"""A last check that a state-changing command was really asked for in the DM's own words."""

from __future__ import annotations

import re

from chronicler.contract.commands import Command, unknown

# Why: the model reads free text, and a DM can carry instructions aimed at the model ("ignore your
# instructions and ..."), or a model can simply misread small talk. Reading is harmless; starting,
# stopping, posting or reconfiguring is not. So a state-changing command is only trusted when the DM
# contains at least one word that could plausibly ask for it. This is deliberately crude: it cannot
# tell a real request from a planted one, but it stops a harmless message ("lol nice") from ever
# turning into "stop the session". Words of four letters or more match as word starts ("chronicl"
# covers "chronicling", "stop" covers "stopped"); shorter ones only as whole words, so "on" does not
# match "only".
_WORDS: dict[tuple[str, str | None], tuple[str, ...]] = {
    ("session", "start"): (
        "start",
        "begin",
        "chronicl",
        "record",
        "resume",
        "go live",
        "going live",
        "kick off",
        "track",
        # es, fr, de, pt
        "empieza",
        "empezar",
        "comienza",
        "inicia",
        "graba",
        "commence",
        "démarre",
        "lance",
        "enregistre",
        "starte",
        "beginne",
        "aufnehmen",
        "começa",
        "comece",
        "inicie",
        "grave",
    ),
    ("session", "stop"): (
        "stop",
        "end",
        "ended",
        "ending",
        "finish",
        "halt",
        "pause",
        "quit",
        "done",
        "wrap",
        "off",
        "enough",
        "cancel",
        # es, fr, de, pt
        "para",
        "parar",
        "detén",
        "deten",
        "termina",
        "acaba",
        "arrête",
        "arrete",
        "termine",
        "fini",
        "hör auf",
        "hoer auf",
        "beende",
        "schluss",
        "pare",
        "encerra",
        "encerre",
    ),
    ("mode", "enable"): (
        "enable",
        "turn on",
        "switch on",
        "on",
        "activate",
        "start",
        "resume",
        "wake",
        "unmute",
        "unpause",
        "bring back",
        "activa",
        "enciende",
        "active",
        "aktiviere",
        "einschalten",
        "schalte",
        "ativa",
        "ative",
        "liga",
    ),
    ("mode", "disable"): (
        "disable",
        "turn off",
        "switch off",
        "off",
        "deactivate",
        "stop",
        "pause",
        "mute",
        "silence",
        "quiet",
        "shut",
        "desactiva",
        "apaga",
        "désactive",
        "desactive",
        "coupe",
        "deaktiviere",
        "ausschalten",
        "schalte",
        "aus",
        "desativa",
        "desative",
        "desliga",
    ),
    ("mode", "configure"): (
        "configure",
        "config",
        "set",
        "change",
        "adjust",
        "minute",
        "min",
        "idle",
        "every",
        "after",
        "quiet",
        "minuto",
        "minuten",
        "cada",
        "chaque",
        "alle",
    ),
    ("settings", "set_webhook"): ("webhook", "http"),
    ("settings", "remove_webhook"): ("webhook",),
    ("settings", "set_channel"): ("channel", "canal", "chaîne", "chaine", "kanal"),
    ("settings", "set_timezone"): ("timezone", "time zone", "zona horaria", "fuseau", "zeitzone", "fuso"),
    ("twitch", "disconnect"): ("disconnect", "unlink", "revoke", "desconecta", "déconnecte", "trenne"),
    ("ledger", "post"): ("post", "resend", "send", "share", "publish", "repost", "push", "envía", "envoie"),
    # A verdict on a flag: "#3 is spam", "the second one is fine", "es spam", "c'est ok".
    ("flags", "review"): (
        "spam",
        "scam",
        "fine",
        "legit",
        "ok",
        "okay",
        "false",
        "dismiss",
        "confirm",
        "clear",
        "approve",
        "safe",
        "harmless",
        "bot",
        "estafa",
        "arnaque",
        "betrug",
        "golpe",
    ),
    ("link", None): (
        "link",
        "code",
        "pair",
        "verif",
        "vincul",
        "lier",
        "liaison",
        "verknüpf",
        "código",
        "codigo",
    ),
}


def _pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    parts = (re.escape(word) + (r"\b" if len(word) <= 3 else "") for word in words)
    return re.compile(r"\b(?:" + "|".join(parts) + ")", re.IGNORECASE)


_PATTERNS: dict[tuple[str, str | None], re.Pattern[str]] = {
    key: _pattern(words) for key, words in _WORDS.items()
}
_ASK: dict[tuple[str, str | None], str] = {
    ("session", "start"): "start chronicling",
    ("session", "stop"): "stop chronicling",
    ("mode", "enable"): "turn that mode on",
    ("mode", "disable"): "turn that mode off",
    ("mode", "configure"): "change that mode's settings",
    ("settings", "set_webhook"): "change the webhook",
    ("settings", "set_channel"): "change the channel",
    ("settings", "remove_webhook"): "remove the webhook",
    ("settings", "set_timezone"): "change your time zone",
    ("twitch", "disconnect"): "disconnect Twitch",
    ("ledger", "post"): "post the ledger",
    ("flags", "review"): "mark that flag",
    ("link", None): "link your account with that code",
}


# A verdict is on one flag: its number, its place ("the second one") or "that one" must be in the DM.
_ONE_FLAG = re.compile(
    r"#?\b\d{1,3}\b|\b(?:first|second|third|fourth|fifth|last|that|this|the)\s+(?:one|flag|message)\b"
    r"|\b(?:number|no\.?|nr\.?|flag|item)\s+(?:one|two|three|four|five|six|seven|eight|nine|ten)\b",
    re.IGNORECASE,
)


def names_action(command: Command, text: str) -> bool:
    """True when a word of `text` asks for the command's action (or the command has no words to check:
    it only reads)."""
    pattern = _PATTERNS.get((command.interaction_type, command.action))
    if pattern is not None and command.interaction_type == "flags" and not _ONE_FLAG.search(text):
        return False  # "chat spammed KEKW, need clips": "spam", but no flag it could be said of
    return pattern is None or bool(pattern.search(text))


def asked(command: Command) -> str:
    """What the command does, as words: "stop chronicling"."""
    return _ASK.get((command.interaction_type, command.action), "do that")


def check(command: Command, text: str) -> tuple[Command, str | None]:
    """The command, or an `unknown` asking to confirm, plus why it was downgraded (None if kept)."""
    key = (command.interaction_type, command.action)
    pattern = _PATTERNS.get(key)
    if pattern is None or pattern.search(text):
        return command, None
    asked = _ASK[key]
    question = f"Did you want me to {asked}? If so, say it in so many words."
    return unknown(question), f"guard: {command.interaction_type} {command.action} not asked for in the DM"
