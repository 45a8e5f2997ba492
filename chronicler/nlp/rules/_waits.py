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
# Longest first, and whole: "25 minutes" is read to its end, not as "25 min" and a stray "utes".
_MINUTES = r"\d{1,4}\s*(?:minutes?|minutos|minuten|mins?)\b"
_QUIET_WORDS = (
    r"(?:quiet|silence|nothing|inactivity|no\s+(?:msgs?|messages|chat|activity)|sin\s+(?:mensajes|nada|actividad)"
    r"|de\s+silencio|sem\s+(?:mensagens|nada)|sans\s+(?:messages?|rien)|de\s+silence|stille|ruhe"
    # "20 minutos parado", "12 minutos callado", "sem ninguém falar", "sin que nadie hable"
    r"|parad[oa]|callad[oa]|muert[oa]|mort|calme|sem\s+ningu[eé]m\s+\w+|sin\s+(?:que\s+)?nadie\s+\w+"
    r"|sans\s+que\s+personne\s+\w+|de\s+silencio|de\s+sil[eê]ncio)"
)
_QUIET_FOR = (
    rf"{_MINUTES}\s+(?:lang\s+)?(?:of\s+)?{_QUIET_WORDS}"
    r"|(?:(?:been\s+)?(?:quiet|silent|dead)|dies|nobody'?s?\s+(?:typed|talked|chatted|said)(?:\s+anything)?"
    r"|no\s+one'?s?\s+(?:typed|talked|said)(?:\s+anything)?|se\s+queda\s+callad[oa]s?|(?:esta|fica)\s+(?:callad[oa]|parad[oa]))"
    rf"\s+(?:for|in|por|durante)?\s*(?:a\s+full\s+|at\s+least\s+|more\s+than\s+|over\s+)?{_MINUTES}"
    # "wenn der Chat 8 min still ist"
    rf"|{_MINUTES}\s+(?:lang\s+)?(?:still|ruhig|tot|leise)\b"
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


# ... or anywhere, after the quiet it waits for: "if chat dies for 10 min have the pinger say something",
# "si el chat se queda callado 20 minutos, que el bot diga algo", "soll der Bot was posten".
_POSTS = re.compile(
    r"\b(?:have|let|make)\s+(?:the\s+|your\s+|that\s+)?[\w-]+(?:\s+[\w-]+)?\s+(?:say|post|ping|drop|write)\b"
    r"|\b(?:then\s+)?(?:post|say|drop|write|send)\s+(?:something|smth|sth|a\s+(?:prompt|message|msg|line))\b"
    r"|\bdrop\s+a\s+prompt|\bpipes?\s+up\b"
    r"|\bque\s+el\s+\w+(?:\s+[\w-]+){0,3}?\s+(?:hable|salte|salga|avise|escriba|diga|publique|mande)\b"
    r"|\b(?:manda|mande|envia|posta)\s+(?:uma\s+)?(?:msg|mensagem|algo|alguma\s+coisa)\b|\bpuxe\s+assunto\b"
    r"|\bque\s+(?:el|o)\s+bot\s+(?:\w+\s+)?(?:espere|salude|pregunte|puxe|fale|escreva|mande|poste|hable)\b"
    r"|\bsoll\s+(?:der|die|das)\s+\w+\s+(?:was|etwas)\s+(?:posten|schreiben|sagen)\b"
    r"|\bschreib\w*\b[^.!?]*\b(?:was|etwas)\s+in\s+den\s+chat\b"
    r"|\b(?:poste|envoie|ecris)\s+(?:un\s+message|quelque\s+chose)\b"
    # "if chat's quiet for 25 minutes, nudge them": the prompt asked after the quiet, of the viewers.
    r"|\b(?:ping|nudge|poke|prompt|wake\s+up)\s+(?:them|chat|the\s+chat|everyone|people|the\s+viewers)\b"
)


_TRAILING_OFF = re.compile(r"\.{2,}|…")


def quiet_wait_asked(text: str) -> bool:
    """True when a DM asks the Hearthkeeper for its wait by describing the quiet it waits for ("ping chat
    if nobody's typed for 9 minutes", "que el bot hable después de 12 minutos sin mensajes", "if chat dies
    for 10 min have the pinger say something")."""
    plain = _TRAILING_OFF.sub(" ", intl.in_digits(text))  # "ping chat after... 12 minutes... of quiet"
    asked = _PROMPTED.search(plain) is not None or _POSTS.search(plain) is not None
    return asked and _QUIET_WHEN.search(plain) is not None


def without_the_quiet(text: str) -> str:
    """The DM without the quiet it describes and the "if" or "when" before it ("ping chat if nobody's
    typed for 9 minutes" is "ping chat"), lower-cased, accents dropped: what is left to doubt the request."""
    return _QUIET_WHEN.sub(" ", _TRAILING_OFF.sub(" ", intl.in_digits(text)))


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
