"""Questions about what something is or does ("what does the warden do?", "c'est quoi le ledger ?"): answered.

Read before the intent rules: such a question names a mode or a list, so the rules would otherwise
show the ledger for "what's a ledger" or list the modes for "what does the warden do?". Only a DM that
is nothing more than such questions (and words that ask nothing: "wait", "i'm confused", "lol") is
taken ("what's the ledger for last stream" asks for the ledger), and only about the bot or a thing it
has, named or described ("how does the scam catcher decide what to flag?"); it is "help", on that
topic when there is one, never an action.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import cast

from chronicler.contract.commands import HelpTopic
from chronicler.nlp.rules import _intl as intl


@dataclass(frozen=True)
class Explanation:
    """A DM that only asks how the bot, or one thing of it, works."""

    topic: HelpTopic | None  # None: the bot as a whole ("what are you?", "how do the modes work together?")


_OPEN = (
    r"^\W*(?:(?:so|ok|okay|hey|yo|wait|hold\s+on|hang\s+on|one\s+sec|quick\s+q|btw|and|allo|hi|hello|hola|salut|hallo|oi|ola|um+|uh+|sorry|"
    r"(?:so\s+)?like|but|also|question|pregunta|frage)\W+)*"
)
# The thing asked about: a few words, resolved by `_topic` (a name, a description, "the modes").
_THING = r"[^?!.,;:()]{1,60}?"
# Each question with {thing}, or {named} where "what's the ..." may ask to see the thing rather than what it
# is ("what's the report", "c'est quoi le bilan"), in the five languages streamers write.
_ASKS = (
    r"(?:what|wat|wht)(?:'s|s|\s+is|\s+are|\s+r)\s+{named}(?:\s+(?:for|about|exactly|actually|supposed\s+to\s+do))?",
    r"what\s+(?:does|do)\s+{thing}\s+(?:even\s+|actually\s+|really\s+|exactly\s+)?"
    r"(?:do|does|mean|save|catch|flag|look\s+for|count|write|post|keep|track|archive|answer|say)",
    # "how does the bot know what's a scam": the bot, asked about one of its jobs.
    r"how\s+(?:does|do)\s+(?:the\s+bot|you|u)\s+(?:decide|know|pick|choose|find|tell)\s+"
    r"(?:what'?s?\s+|what\s+is\s+|what\s+counts\s+as\s+)?{thing}",
    r"how\s+(?:does|do|are|is)\s+{thing}\s+(?:even\s+|actually\s+|exactly\s+)?(?:get\s+)?"
    r"(?:work|decide|know|pick|choose|find|picked|chosen|made|found|written|decided)\b[^?]*",
    r"where\s+(?:does|do)\s+{thing}\s+come\s+from",
    r"(?:(?:can|could)\s+(?:you|u)\s+)?explain\s+(?:to\s+me\s+)?(?:what\s+)?{thing}(?:\s+(?:is|are|does|do))?"
    r"(?:\s+(?:pls|plz|please))?",
    # French, Spanish, German, Portuguese: "c'est quoi le ledger", "qu'est-ce que le warden",
    # "comment marche le gardien", "¿qué es el escriba?", "¿cómo funciona el librarian?", "was ist der
    # Warden?", "wie funktioniert der Warden?", "was macht der Scribe", "o que é o hearthkeeper?",
    # "como funciona o hearthkeeper?".
    r"c'?est\s+quoi\s+{named}|qu'?est[\s-]ce\s+(?:que\s+|qu')(?:c'?est\s+(?:que\s+|qu'))?{named}",
    r"(?:comment|a\s+quoi)\s+(?:marche|fonctionne|sert)\s+{thing}",
    r"qu[eé]\s+(?:es|son)\s+{named}|qu[eé]\s+(?:hace|hacen)\s+{thing}|c[oó]mo\s+funcionan?\s+{thing}|para\s+qu[eé]\s+sirven?\s+{thing}",
    r"was\s+(?:ist|sind)\s+(?:eigentlich\s+|genau\s+)?{named}(?:\s+(?:eigentlich|genau|so))*"
    r"|was\s+(?:macht|machen|tut)\s+(?:eigentlich\s+|genau\s+)?{thing}(?:\s+(?:eigentlich|genau|so))*"
    r"|wie\s+funktionier(?:t|en)\s+(?:eigentlich\s+|genau\s+)?{thing}(?:\s+(?:eigentlich|genau))*",
    r"o\s+que\s+(?:[eé]|s[aã]o)\s+{named}|o\s+que\s+(?:faz|fazem)\s+{thing}|como\s+funcionam?\s+{thing}|pra\s+que\s+serve\s+{thing}",
)
# What may follow the question and ask nothing more: "exactly?", "I don't understand", "people keep
# mentioning", "in your world", "like what's in it".
_TAIL = (
    r"(?:\W+(?:exactly|again|even|lol|lmao|haha|pls|please|in\s+your\s+world|i\s+(?:don'?t|do\s+not)\s+"
    r"(?:understand|get\s+it)|(?:that\s+)?(?:people|everyone|they|you|u)\s+keeps?\s+(?:mentioning|talking\s+about)"
    r"|(?:like\s+)?what'?s\s+in\s+it|(?:and\s+)?what\s+(?:does|do)\s+it\s+do|(?:i'?m|im)\s+(?:confused|lost|new)"
    r"|exactement|exactamente|genau|eigentlich|exatamente))*"
)


def _numbered(asks: tuple[str, ...]) -> str:
    """The questions as one pattern, each {thing} or {named} a group of its own (thing0, named1, ...)."""
    pieces = re.split(r"\{(thing|named)\}", "|".join(_OPEN + f"(?:{ask})" + _TAIL + r"\W*$" for ask in asks))
    # re.split keeps the placeholders' names at the odd places: text, name, text, name, ..., text.
    return "".join(f"(?P<{piece}{i}>{_THING})" if i % 2 else piece for i, piece in enumerate(pieces))


_QUESTION = re.compile(_numbered(_ASKS))
# Questions about the bot itself, and words around them that ask nothing.
_ABOUT_THE_BOT = re.compile(
    _OPEN
    + r"(?:(?:what|wat|wtf)\s+(?:exactly\s+)?(?:are|r)\s+(?:you|u)|who\s+(?:exactly\s+)?(?:are|r)\s+(?:you|u)"
    r"|what\s+(?:do|can)\s+(?:you|u)\s+(?:even\s+|actually\s+|exactly\s+)?do|what\s+am\s+i\s+supposed\s+to\s+"
    r"(?:type|do|say|write)|how\s+do\s+i\s+(?:use|talk\s+to)\s+(?:you|u|this|it)|why\s+are\s+(?:you|u)\s+in\s+my\s+dms?"
    r"|what(?:'s|\s+is)\s+chronicling|what\s+does\s+chronicling\s+mean)" + _TAIL + r"\W*$"
)
_ASKS_NOTHING = re.compile(
    _OPEN + r"(?:(?:i'?m|im|i\s+am)\s+(?:so\s+|a\s+bit\s+|kinda\s+)?(?:confused|lost|new(?:\s+here)?)"
    r"|i\s+(?:don'?t|dont|do\s+not)\s+(?:get\s+(?:it|this)|understand)|(?:like\s+)?what'?s\s+in\s+it"
    r"|(?:lol|lmao|haha|hmm+|huh|um+|uh+))?\W*$"
)
# Quotes around a thing's name ("what is the 'scribe'?") say nothing more; an apostrophe inside a word
# ("what's") stays.
_QUOTE_MARK = re.compile(r"(?<![a-z])['\"“”]|['\"”](?![a-z])")
_SENTENCES = re.compile(
    r"(?<=[?!.])\s+|\s+(?:and|but)\s+(?=(?:what|who|why|how)\b)|,\s+(?=(?:what|who|why|how)\b)"
)

_LIST_THINGS: dict[str, HelpTopic] = {
    "ledger": "ledger",
    "ledgers": "ledger",
    "webhook": "webhook",
    "blog": "blog",
    "blogs": "blog",
    "blog thing": "blog",
    "clip candidate": "clips",
    "clip candidates": "clips",
    "clips": "clips",
    "clip": "clips",
    "flag": "flags",
    "flags": "flags",
    # The bot's jobs, asked about ("how does the bot know what's a scam").
    "spam": "warden",
    "scam": "warden",
    "scams": "warden",
    "highlight": "clips",
    "highlights": "clips",
}
# "the modes", "the five modes", "steward and hearthkeeper": the bot as a whole.
_WHOLE = re.compile(
    r"(?:(?:all\s+)?(?:the\s+|your\s+|these\s+|those\s+)?(?:five\s+|5\s+|different\s+)?modes?"
    r"|les\s+modes|los\s+modos|os\s+modos|die\s+modi|chronicling)"
)
_ARTICLE = re.compile(
    r"^(?:(?:the|a|an|your|this|that|these|those|le|la|les|un|une|el|lo|los|las|una|der|die|das|den|ein|eine"
    r"|o|os|as|um|uma|ton|ta|tes|votre|vos|dein|deine|ihr|tu|su|seu|sua|teu|tua|whole)\s+|l')+"
)
_KIND = re.compile(
    r"\s+(?:thing|things|entries|posts|thingy|thingie|feature|features|mode|stuff|function|option)$"
)
_ONE_OF = re.compile(r"(?:a|an|un|une|una|ein|eine|einen|um|uma)\s")
# What "what's the ..." asks to see rather than to have explained.
_WANTED = re.compile(
    r"\b(?:modes|flags|clips|clip\s+candidates|highlights?|stats|reports?|recaps?|summar(?:y|ies)|wrap[\s-]?ups?|write[\s-]?ups?|numbers"
    r"|rapport|bilan|resumen|resumo|relat[oó]rio|bericht|zusammenfassung|informe)\b"
)
# Words that make the question about what a thing is doing now, or a setting ("what is the warden on?",
# "what's the spam filter doing"): not an explanation.
_NOW = re.compile(
    r"\b(?:on|off|doing|running|set|at|up|tonight|today|now|still|status|saying|catching|flagging|since|last"
    r"|yesterday|so\s+far|currently|week|difference|say|says|show|shows|got|has|have|had|default|in\s+(?:your|ur)"
    r"|aujourd'hui|hier|semaine|dernier|derniere|heute|gestern|woche|letzte\w*|hoy|ayer|semana|anoche|hoje|ontem"
    r"|pasad[oa]|passad[oa]|passee?|soir|noche|abend|noite|stream|live|directo|session|a\s+\w+e|as\s+\w+e|hat|hast|ha|has)\b"
    # An attribute of the thing ("the hearthkeeper's default wait"), or the thing's doings ("in the ledger",
    # "flagged rn"): not the thing.
    r"|'s\b|^(?:in|on|at|from|with|for|flagged|caught|archived|new|up|going|happening|left|been)\b"
)


def _topic(thing: str) -> tuple[bool, HelpTopic | None]:
    """(whether `thing` is something of the bot's, the topic it names or None for the bot as a whole)."""
    thing = thing.strip().replace("’", "'")
    if _NOW.search(thing):
        return False, None
    if _WHOLE.fullmatch(thing) or (" and " in thing and len(intl.modes_named(thing)) > 1):
        return True, None
    thing = _KIND.sub("", _ARTICLE.sub("", thing))
    if not thing or len(thing.split()) > 6:
        return False, None
    if (listed := _LIST_THINGS.get(thing)) is not None:
        return True, listed
    modes = intl.modes_named(thing)
    return (True, cast(HelpTopic, modes[0])) if len(modes) == 1 else (False, None)


def _asked(sentence: str) -> tuple[bool, HelpTopic | None]:
    """(whether `sentence` asks how the bot or a thing of it works, that thing or None)."""
    if _ABOUT_THE_BOT.match(sentence):
        return True, None
    match = _QUESTION.match(sentence)
    if match is None:
        return False, None
    name, thing = next((name, value) for name, value in match.groupdict().items() if value)
    if name.startswith("named") and not _ONE_OF.match(thing) and _WANTED.search(thing):
        return False, None  # "what are the flags?", "what's the report": asked for, not explained
    return _topic(thing)


def explanation_asked(text: str) -> Explanation | None:
    """What `text` (cleaned) only asks to have explained ("what does the warden do?"), else None."""
    said = " ".join(text.lower().replace("’", "'").replace("‘", "'").split())
    said = _QUOTE_MARK.sub(" ", said)
    sentences = [s.strip() for s in _SENTENCES.split(said) if s.strip()]
    topics: list[HelpTopic | None] = []
    for sentence in sentences:
        asks, topic = _asked(sentence)
        if asks:
            topics.append(topic)
        elif not _ASKS_NOTHING.match(sentence):
            return None
    if not topics:
        return None
    named = list(dict.fromkeys(t for t in topics if t is not None))
    return Explanation(named[0] if len(named) == 1 else None)
