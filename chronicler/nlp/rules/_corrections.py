"""A DM that corrects itself: "start the warden — no wait, the librarian", "turn on— sorry, I mean turn OFF
the hearthkeeper", "set the timer to 15 — no, make it 18".

The words after the last correction are what the streamer wants. Whole, they are a request of their
own ("... actually no, just stop the whole session") and are read as one, with every guard; or they
only name the thing meant instead ("the librarian", "pipwhistletv", "make it 18") and replace that
thing in the request before them. A correction with nothing after it ("stop, no wait") takes the
request back, as the guards already read it.
"""

from __future__ import annotations

import re

from chronicler.contract.commands import Command
from chronicler.nlp.rules import _intl as intl

# Where the correction starts: after a clause (a comma, a dash, dots, or the very word before it).
_CORRECTION = re.compile(
    r"(?:(?:[,;.!?…]+|\s[-–—]+|[-–—]+|\s+and|\s+but(?=\s+what\s))\s*(?:(?:ugh|oops|argh|err?|hmm+)\s*,?\s*)?"
    r"(?:no\s*,?\s*wait|wait\s*,?\s*no|no\s*,?\s*sorry\s*,?\s*(?:i\s+mean(?:t)?)?|sorry\s*,?\s*i\s+mean(?:t)?"
    r"|no\s*,?\s*i\s+mean(?:t)?|actually\s*,?\s*no|no\s*,?\s*actually|scratch\s+that|correction|wrong\s+one"
    # "show me the stats... actually nvm that can wait, just start", "... but what I actually want is".
    # "nvm" only with what is wanted instead ("just ..."): "never mind what I said" asks for nothing.
    r"|(?:actually\s*,?\s*)?(?:nvm|never\s*mind)(?:\s*,?\s*(?:that|it)(?:\s+can\s+wait)?)?(?=\s*,?\s*just\b)"
    r"|what\s+i\s+(?:actually|really)\s+(?:want|need)\s+is)"
    # The other four languages: "je veux dire", "quiero decir", "quer dizer", "ich meine".
    r"|(?:(?:pardon|perd[oó]n|desculp[ae]|entschuldigung)\s*,?\s*)?"
    r"(?:je\s+veux\s+dire|quiero\s+decir|quer(?:o)?\s+dizer|ich\s+meine)"
    # A bare "no" (or "sorry", "pardon", "nein") corrects only after a dash ("to 15 — no, make it 18",
    # "allume— pardon, éteins le bot"): ", and no, I don't want ...", ", sorry, long day" add.
    r"|(?:\s[-–—]+|[-–—]+|\.{2,}|…)\s*(?:no|nein|non|n[aã]o|sorry|pardon|perd[oó]n|desculp[ae]|entschuldigung)"
    r"(?=\s*[,—–-]))"
    r"\b[\s,.:;!—–-]*",
    re.IGNORECASE,
)
# A correction that is only the way meant: "turn the warden on— no, off", "— nein, aus", "— non, éteint".
_OFF_WAYS = "off aus apagado apagada desligado desligada eteint eteins desactive disabled"
_ON_WAYS = "on an ein encendido encendida ligado ligada allume active enabled"
_WAY_ONLY = {**dict.fromkeys(_OFF_WAYS.split(), "disable"), **dict.fromkeys(_ON_WAYS.split(), "enable")}
_THE = re.compile(r"^(?:just\s+|only\s+)?(?:the\s+|my\s+)?", re.IGNORECASE)
_AGAIN = re.compile(r"^(?:(?:make|change|set)\s+it\s+(?:to\s+)?|(?:just|only)\s+)", re.IGNORECASE)
_LOGIN = re.compile(r"[a-z0-9_]{4,25}")  # one word a Twitch login can be
_NUMBER = re.compile(r"^(?:to\s+)?(\d{1,4})(?:\s*min\w*)?$")


def correction(text: str) -> tuple[str, str] | None:
    """The request a DM corrects and the correction after it, split at the last correction; None when
    the DM corrects nothing or nothing follows the correction."""
    found = max(_CORRECTION.finditer(text), key=lambda match: match.start(), default=None)
    if found is None or found.start() == 0:
        return None
    before, after = text[: found.start()].strip(), text[found.end() :].strip(" ,.;!—–-")
    return (before, after) if before and after else None


def replaced(request: Command, meant: str) -> Command | None:
    """`request` with the one thing `meant` names in place of its own ("the librarian" for the warden,
    "pipwhistletv" for a channel, "make it 18" for a wait); None when `meant` is not such a thing."""
    kind, action = request.interaction_type, request.action
    plain = _plain(told_again(meant))
    if kind == "mode" and action in ("enable", "disable"):
        if (way := _WAY_ONLY.get(plain)) is not None:
            return request.model_copy(update={"action": way})  # "schalt den Warden ein— nein, aus"
        modes = intl.modes_named(plain)
        if len(modes) == 1 and _only_names(plain):
            return request.model_copy(update={"mode": modes[0]})
    if kind == "mode" and action == "configure" and (number := _NUMBER.match(plain)) is not None:
        return request.model_copy(update={"idle_minutes": int(number[1])})
    if request.channel is not None and _LOGIN.fullmatch(plain):
        return request.model_copy(update={"channel": plain})
    return None


def _plain(meant: str) -> str:
    """The thing meant, lower-cased, without "the" or "just", what it is not ("not the warden, the
    librarian") and what follows its clause ("the librarian. sorry, long day")."""
    plain = " ".join(meant.lower().split())
    plain = re.sub(r"^not\s+[^,.;!]+[,;]\s*", "", plain)
    plain = re.split(r"[,.;!]", plain, maxsplit=1)[0]
    return _THE.sub("", plain).strip()


def _only_names(plain: str) -> bool:
    """True when a mode's name or description is all there is ("librarian", "clip finder")."""
    return len(plain.split()) <= 3 and not re.search(r"\b(?:not|don'?t|never|off|on|stays?|too)\b", plain)


def told_again(meant: str) -> str:
    """The correction without the words that only say it replaces something ("make it the whole week")."""
    return _AGAIN.sub("", meant.strip())
