"""The Hearthkeeper's wait, asked for: in so many minutes ("hk 10 min instead"), wished for ("I'd like the
nudge after 25 min"), or described as the quiet it waits for ("ping chat if nobody's typed for 9
minutes"). The intent model reads "mode.configure" in news and questions about the wait too; these say
it is the setting asked for."""

from __future__ import annotations

import re

from chronicler.nlp.rules import _intl as intl

# The Hearthkeeper's wait said as the quiet it waits for, in the five languages: "20 min of quiet",
# "quiet for a full 60 minutes", "nobody's typed for 9 minutes", "12 minutos sin mensajes", "20 minutos
# de silêncio", "20 Minuten lang Stille".
_MINUTES = r"\d{1,4}\s*(?:min|mins|minutes?|minutos|minuten)"
_QUIET_WORDS = (
    r"(?:quiet|silence|nothing|inactivity|no\s+(?:msgs?|messages|chat|activity)|sin\s+(?:mensajes|nada|actividad)"
    r"|de\s+silencio|sem\s+(?:mensagens|nada)|sans\s+(?:messages?|rien)|de\s+silence|stille|ruhe)"
)
_QUIET_FOR = (
    rf"{_MINUTES}\s+(?:lang\s+)?(?:of\s+)?{_QUIET_WORDS}"
    r"|(?:(?:been\s+)?(?:quiet|silent|dead)|nobody'?s?\s+(?:typed|talked|chatted|said\s+anything)"
    rf"|no\s+one'?s?\s+(?:typed|talked|said\s+anything))\s+(?:for\s+)?(?:a\s+full\s+|at\s+least\s+)?{_MINUTES}"
)
# ... with the "if" or "when" that may introduce it.
_QUIET_WHEN = re.compile(
    rf"(?:\b(?:if|when|once|after|wenn|nach|cuando|quando|quand|si|se|depois\s+de|despues\s+de|tras|apres)\b"
    rf"[^,.;!?]*?)?(?:{_QUIET_FOR})"
)
# Asked of the Hearthkeeper by what it does, at the start of the DM: "ping chat ...", "avisa o chat ...",
# "que el bot hable ...", "schreib was in den Chat ...".
_PROMPTED = re.compile(
    r"^\W*(?:(?:please|pls|only|just|ok|okay|hey)\s+)*(?:(?:ping|pign|poke|nudge|prompt|remind|wake\s+up|give)"
    r"\s+(?:the\s+)?(?:chat|viewers|them|people|everyone)|(?:post|say|write)\s+(?:something|a\s+message)"
    r"|(?:avisa|avise)\s+(?:o|al|el)\s+chat|que\s+el\s+\w+(?:\s+\w+)?\s+(?:hable|salte|avise|escriba)"
    r"|schreib\s+(?:was|etwas)|relance\s+le\s+chat)\b"
)


def quiet_wait_asked(text: str) -> bool:
    """True when a DM asks the Hearthkeeper for its wait by describing the quiet it waits for ("ping chat
    if nobody's typed for 9 minutes", "que el bot hable después de 12 minutos sin mensajes")."""
    plain = intl.unaccented(text.lower())
    return _PROMPTED.search(plain) is not None and _QUIET_WHEN.search(plain) is not None


def without_the_quiet(text: str) -> str:
    """The DM without the quiet it describes and the "if" or "when" before it ("ping chat if nobody's
    typed for 9 minutes" is "ping chat"), accents dropped: what is left to doubt the request."""
    return _QUIET_WHEN.sub(" ", intl.unaccented(text))


def wished_wait(label: str, text: str) -> bool:
    """True for a wait wished for in so many minutes ("I'd like the nudge after 25 min", "the quiet-chat
    nudge should be 45 minutes") or asked for in so many words ("hk 10 min instead", "hearthkeeper, twelve
    minutes please", "can the dead chat pinger wait 30 minutes?"): the setting asked for, not news of it
    nor a question about it."""
    plain = intl.unaccented(text.lower())
    asked = _WISHED_WAIT.search(plain) or _WAIT_ASKED.search(plain)
    return label == "mode.configure" and (asked is not None or quiet_wait_asked(text))


_WISHED_WAIT = re.compile(
    r"\b(?:i'?d\s+(?:like|prefer|love|rather)|i\s+(?:want|prefer|need)|should\s+(?:be|wait)|needs?\s+to\s+(?:be|wait)"
    r"|could\s+(?:it|you)\s+(?:be|wait))\b[^.!?]*\b\d{1,4}\s*(?:min|minutes?|mins?)\b"
)
# The new value set against the old ("instead", "en vez de", "au lieu de", "statt", "not 15"), the value it
# goes to ("to 30"), "make it", a "please" in any of the five languages, or the wait asked of it ("can the
# nudge wait 30 minutes?").
_WAIT_ASKED = re.compile(
    r"\b(?:instead|en\s+vez\s+de|au\s+lieu\s+de|statt|em\s+vez\s+de|make\s+it)\b"
    # "please" opening the DM or right after the minutes ("twelve minutes please"), not before something
    # else asked ("it went off after 12 minutes, please check it").
    r"|^\W*(?:please|pls|plz|por\s+favor|bitte)\b|\b(?:min|minutes?|mins?|minutos|minuten)\s*,?\s*(?:please|pls|plz"
    r"|por\s+favor|bitte|stp|s'il\s+te\s+plait|s'il\s+vous\s+plait)\b"
    r"|\b(?:can|could|would)\s+(?:you|u|it|the\s+[\w\s-]{1,40}?)\s+(?:wait|trigger|fire|ping|speak|nudge|poke"
    r"|go\s+off|kick\s+in|post)\b"
    # "chat quiet timer to 30", "ping chat after 20 min of quiet not 15": the value it goes to.
    r"|\bto\s+\d{1,3}\b(?!\s*(?:am|pm|:|h\b|people|viewers|chatters))|,?\s+not\s+\d{1,3}\b"
)
