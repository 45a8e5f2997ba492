"""Answers on the flags just listed: "#3 is spam", "3 is not spam", "that one's fine", "dismiss 2".

Read before the intent rules, and only when the whole message is such an answer: a number or
"that one", and a verdict. Anything more ("maybe #3 is spam", "#3 and #4 are spam") is left to the
other rules, which ask. The number is the flag's place in the last list the bot showed
(`item`); "that one" leaves `item` out, and the bot works out which flag it means.
"""

from __future__ import annotations

import re

from chronicler.contract.commands import Command, ReviewVerdict
from chronicler.nlp.rules import _intl as intl
from chronicler.nlp.rules._text import clean

CONFIDENCE = 0.95
_LONGEST = 200  # an answer on a flag is a few words; longer text is never one

_LEAD = r"(?:(?:ok|okay|yes|yeah|yep|no|nope|nah|hmm+|well|actually|so|and|oh)\s*[,.!]?\s+)*"
# After the verdict, a short reason may follow ("#5 is spam, the crypto one", "the second one is fine,
# they're a regular"), but not another number or a word that takes the verdict back.
_TAKE_BACK = r"jk|kidding|not|no|nah|nvm|never|wait|maybe|or|and|ignore|actually|undo|cancel|sorry|oops|mean"
_REASON = rf"(?:\s*[,;:-]\s*(?!.*\b(?:{_TAKE_BACK})\b)[^#\d,;]{{1,60}})?"
_TAIL = (
    r"(?:\s*[,.]?\s*(?:too|as well|then|thanks|thank you|thx|please|pls|i think|mark it|confirm|confirmed"
    r"|lol|lmao|for sure|yeah|yep|tbh|imo|fr|100%))*"
    rf"{_REASON}\s*[.!]*"
)
_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")
_NUMBER = (
    r"(?:#\s*(?P<n1>\d{1,3})|(?:number|no\.?|nr\.?|flag|item)\s*#?\s*(?P<n2>\d{1,3})"
    r"|(?:the\s+)?(?P<n3>\d{1,3})(?:st|nd|rd|th)?"
    rf"|(?:the\s+)?(?P<o1>{'|'.join(_ORDINALS)})(?:\s+(?:one|flag|message))?)"
)
# "that one", never a bare "that": "that's fine" is said of anything, "that one's fine" of a flag.
# One describing word may sit between ("the crypto one", "that last flag").
_THAT_ONE = r"(?:that|this|the)\s+(?:[a-z]+\s+)?(?:one|flag|message|chatter)"
# "the guy in flag 1", "the chatter from #3": who was flagged, by the flag's number.
_WHO_IN = r"(?:the\s+)?(?:guy|one|chatter|person|user|account|message|msg|dude|girl)\s+(?:in|from|at|on)\s+"
_ONE = rf"(?:(?:{_WHO_IN})?{_NUMBER}(?:\s+one)?|{_THAT_ONE})"
_ANY = rf"(?:{_ONE}|that|this|it)"  # with "spam" in the answer, "that's spam" can only mean a flag
_FINE = (
    r"(?:fine|ok|okay|alright|all right|good|legit|legitimate|safe|harmless|innocent|allowed"
    r"|a false (?:alarm|positive)|false (?:alarm|positive))"
)
_SPAM = r"(?:(?:a |an )?(?:spam|scam|spammer|spambot|spam bot|scam bot|scammer|bot|phishing))"
_NOT_SPAM = rf"(?:not {_SPAM}|no spam)"
_IS = r"(?:'s|\s+is|\s+was)"
_ISNT = r"(?:\s+isn'?t|\s+wasn'?t|\s+ain'?t|'s\s+not|\s+is\s+not|\s+was\s+not)"

_DISMISSED = [
    rf"{_ONE}{_IS}\s+{_FINE}",
    # "4 is just my friend being dumb, not spam": who they are, then the verdict.
    rf"{_ONE}{_IS}\s+(?!(?:{_TAKE_BACK})\b)[^,;#\d]{{1,50}}[,;]\s*(?:{_NOT_SPAM}|{_FINE})",
    rf"{_ANY}(?:{_ISNT}\s+{_SPAM}|{_IS}\s+no\s+spam)",
    rf"(?:dismiss|clear|unflag|approve|allow)\s+{_ONE}",
    rf"mark\s+{_ONE}\s+as\s+(?:{_FINE}|{_NOT_SPAM})",
    rf"{_NUMBER}\s*[:=-]?\s*(?:{_FINE}|{_NOT_SPAM})",
    rf"{_NOT_SPAM}",  # "not spam": about the one flag being looked at
    rf"(?:a\s+)?false\s+(?:alarm|positive)\s+(?:on|for|with)\s+{_ONE}",
    # "flag 3 is a regular, unflag it": who they are, then what to do.
    rf"{_ONE}{_IS}\s+(?!(?:{_TAKE_BACK})\b)[^,;#\d]{{1,50}}[,;]\s*(?:unflag|dismiss|clear|approve)\s+(?:it|them)",
]
_CONFIRMED = [
    rf"{_ANY}{_IS}\s+(?:(?:indeed|definitely|def|defo|really|clearly|legit|totally|obviously|absolutely|an?\s+real|an?\s+actual)\s+)?"
    rf"{_SPAM}",
    rf"confirm\s+{_ONE}",
    rf"mark\s+{_ONE}\s+as\s+{_SPAM}",
    rf"{_NUMBER}\s*[:=-]?\s*(?:confirmed\s+)?{_SPAM}",
]


def _whole(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"^{_LEAD}(?:{pattern}){_TAIL}$")


# Dismissed first: "3 is not spam" must not read as "3 is ... spam".
_ANSWERS: tuple[tuple[ReviewVerdict, list[str]], ...] = (("dismissed", _DISMISSED), ("confirmed", _CONFIRMED))
_VERDICTS = tuple((verdict, _whole(pattern)) for verdict, patterns in _ANSWERS for pattern in patterns)


# The same answers in Spanish, French, German and Portuguese (accents dropped): "le message 2 n'est pas
# du spam", "markierung 2 ist kein spam", "o 3 e golpe". A number is needed: "no es spam" alone is talk.
_NUMBER_INTL = (
    r"(?:(?:el|la|le|o|a|der|die|das)\s+)?(?:(?:mensaje|message|mensagem|nachricht|meldung|markierung|flag"
    r"|signalement|marca|numero|nummer|nr\.?|n[o°]\.?)\s*)?#?\s*(?P<n1>\d{1,3})"
)
_SPAM_INTL = r"(?:du\s+|un\s+|une\s+|de\s+|ein\s+)?(?:spam|arnaque|estafa|golpe|betrug|scam|bot)"
_INTL_BODIES: tuple[tuple[ReviewVerdict, str], ...] = (
    (
        "dismissed",
        rf"(?:c'?)?(?:n'?(?:est|etait)\s+pas|est\s+pas|no\s+(?:es|era)|nao\s+(?:e|era)|(?:ist|war)\s+(?:kein\w*|nicht))"
        rf"\s+{_SPAM_INTL}",
    ),
    (
        "dismissed",
        r"(?:c'?)?(?:est|es|e|esta|ta|ist|era|etait|war)\s+(?:ok|okay|bien|bon|bom|correct|legit|normal|sauber"
        r"|in\s+ordnung|de\s+boa|harmlos|inofensiv[oa]|inoffensif|tranquilo)|passt",
    ),
    (
        "confirmed",
        rf"(?:c'?)?(?:est|es|e|ist|era|etait|war)\s+(?:(?:bien|claramente|clairement|klar|definitivamente)\s+)?"
        rf"{_SPAM_INTL}(?:\s+(?:mesmo|total|sim|ja|claro|seguro|sicher|vraiment))?",
    ),
)
_INTL_LEAD = r"^(?:(?:si|oui|ja|sim|non|nein|nao|no)\s*[,.!]?\s+)?"
_INTL: tuple[tuple[ReviewVerdict, re.Pattern[str]], ...] = tuple(
    (verdict, re.compile(rf"{_INTL_LEAD}{_NUMBER_INTL}\s+{body}{_REASON}\s*[.!]*$"))
    for verdict, body in _INTL_BODIES
)


# A flag described, not numbered, then its verdict: "celui avec le lien chelou, c'était une arnaque", "el
# del cripto era estafa", "der Typ mit dem Link war ein Bot", "aquele do pix era golpe mesmo".
_DESCRIBED_INTL = re.compile(
    r"^(?:celui|celle|el|la|aquel[ea]?|aquilo|der|die|das|o|a)\s+(?:avec|del?|do|da|mit|com|con|qui|que|that)\b"
    r"[^#\d]{1,60}?[,\s]\s*(?P<neg>no\s+|nao\s+|n')?(?:c'?)?(?:etait|est|era|es|e|war|ist)\s+"
    r"(?P<not>pas\s+|kein\w*\s+|nicht\s+)?"
    r"(?:bien\s+|mesmo\s+|total\s+|definitivamente\s+|klar\s+)?(?:une?\s+|de\s+|du\s+|ein\s+)?"
    r"(?:spam|arnaque|estafa|golpe|betrug|scam|bot)\b[^#\d]{0,30}$"
)


def read_review(text: str) -> Command | None:
    """The answer on a flag that `text` (cleaned) is in full, or None."""
    said = " ".join(text.lower().replace("’", "'").split())
    unaccented = intl.unaccented(said)
    for verdict, pattern in _INTL:
        if (match := pattern.match(unaccented)) is not None and 1 <= int(match["n1"]) <= 100:
            return Command(interaction_type="flags", action="review", verdict=verdict, item=int(match["n1"]))
    if (described := _DESCRIBED_INTL.match(unaccented)) is not None:
        said_not = described["neg"] or described["not"]
        return Command(
            interaction_type="flags", action="review", verdict="dismissed" if said_not else "confirmed"
        )
    for verdict, pattern in _VERDICTS:
        match = pattern.match(said)
        if match is None:
            continue
        number = next((match[g] for g in match.re.groupindex if g.startswith("n") and match[g]), None)
        ordinal = next((match[g] for g in match.re.groupindex if g.startswith("o") and match[g]), None)
        if number is None and ordinal is None:
            return Command(interaction_type="flags", action="review", verdict=verdict)
        item = int(number) if number is not None else _ORDINALS.index(str(ordinal)) + 1
        if not 1 <= item <= 100:
            return None  # "0 is fine", "500 is spam": no list has that
        return Command(interaction_type="flags", action="review", verdict=verdict, item=item)
    return None


def review_in_dm(text: str) -> Command | None:
    """`read_review` of a raw DM, cleaned first: what the bot reads before any parser, LLM or not."""
    if len(text) > _LONGEST:
        return None
    cleaned = clean(text)
    return read_review(cleaned) if cleaned else None
