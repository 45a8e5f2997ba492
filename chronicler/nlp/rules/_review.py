"""Answers on the flags just listed: "#3 is spam", "3 is not spam", "that one's fine", "dismiss 2".

Read before the intent rules, and only when the whole message is such an answer: a number or
"that one", and a verdict. Anything more ("maybe #3 is spam", "#3 and #4 are spam") is left to the
other rules, which ask. The number is the flag's place in the last list the bot showed
(`item`); "that one" leaves `item` out, and the bot works out which flag it means.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from chronicler.contract.commands import Command, ReviewVerdict
from chronicler.nlp.rules import _intl as intl
from chronicler.nlp.rules._text import clean

CONFIDENCE = 0.95
_LONGEST = 200  # an answer on a flag is a few words; longer text is never one

_LEAD = (
    r"(?:(?:ok|okay|yes|yeah|yep|no|nope|nah|hmm+|well|actually|so|and|oh|hey|uh+|um+|lol|lmao|lmfao|haha)"
    r"\s*[,.!]?\s+)*"
)
# After the verdict, a short reason may follow ("#5 is spam, the crypto one", "the second one is fine,
# they're a regular"), but not another number or a word that takes the verdict back.
_TAKE_BACK = r"jk|kidding|not|no|nah|nvm|never|wait|maybe|or|and|ignore|actually|undo|cancel|sorry|oops|mean"
# Nor one that answers other flags ("..., the rest are fine").
_REASON = rf"(?:\s*[,;:.-]\s*(?!.*\b(?:{_TAKE_BACK}|rest|others)\b)[^#\d,;?]{{1,60}})?"
# "flag 1 is ok its just my mum typing in caps": a reason with no comma, saying who, never what.
_WHO_REASON = (
    r"(?:\s+(?:it'?s|its|he'?s|hes|she'?s|shes|they'?re|theyre|that'?s|thats|just)\s+"
    rf"(?!.*\b(?:{_TAKE_BACK}|spam|scam|bot|spammer|scammer)\b)[^#\d,;]{{1,60}})?"
)
_TAIL = (
    r"(?:\s*[,.]?\s*(?:too|as well|then|thanks|thank you|thx|please|pls|i think|mark it|confirm|confirmed"
    r"|lol|lmao|kekw|lul|omegalul|for sure|yes|yeah|yep|tbh|imo|ngl|fr|af|asf|no cap|100 ?%|unflag(?: it)?"
    r"|clear it|leave it|clear that flag))*"
    rf"{_WHO_REASON}{_REASON}\s*[.!]*"
)
_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")
_CARDINALS = (
    *("one", "two", "three", "four", "five", "six"),
    *("seven", "eight", "nine", "ten", "eleven", "twelve"),
)
_NUMBER = (
    r"(?:#\s*(?P<n1>\d{1,3})|(?:the\s+)?(?:number|no\.?|nr\.?|flag(?:\s+number)?|item)\s*#?\s*(?P<n2>\d{1,3})"
    rf"|(?:flag|number)\s+(?:number\s+)?(?P<c1>{'|'.join(_CARDINALS)})\b"
    r"|(?:the\s+)?(?P<n3>\d{1,3})(?:st|nd|rd|th)?"
    rf"|(?:the\s+)?(?P<o1>{'|'.join(_ORDINALS)})(?:\s+(?:flagged\s+)?(?:one|flag|message))?)"
)
# "that one", never a bare "that": "that's fine" is said of anything, "that one's fine" of a flag.
# Up to two describing words may sit between ("the crypto one", "that discord invite one"), never a
# place ("the fourth flagged message" is flag 4), and what the bot did with it may follow ("that last
# flag you showed me").
_THAT_ONE = (
    rf"(?:that|this|the)\s+(?:(?!(?:{'|'.join(_ORDINALS)})\b)[a-z]+\s+){{0,2}}?(?:one|flag|message|chatter)"
    r"(?:\s+(?:you|u)\s+(?:just\s+)?(?:showed|sent|flagged|caught|listed)(?:\s+me)?)?"
)
# "the guy in flag 1", "the chatter from #3": who was flagged, by the flag's number.
_WHO_IN = r"(?:the\s+)?(?:guy|one|chatter|person|user|account|message|msg|dude|girl)\s+(?:in|from|at|on)\s+"
# "the 3rd one", "3rd flag", "number 1 flag": the word for what is counted may follow its number.
_ONE = rf"(?:(?:{_WHO_IN})?{_NUMBER}(?:\s+(?:one|flag|message))?|{_THAT_ONE})"
# With "spam" in the answer, "that's spam" can only mean a flag; "he's not a spammer" its chatter.
_ANY = rf"(?:{_ONE}|that|this|it|he|she|they)"
# "a real person", "a genuine viewer", "a regular": who the chatter is says the flag was wrong, and may
# go on to say what they did ("a real person asking about my pastries").
# Shared with the other readers of answers on flags (`_learned`), so that all vouch alike.
REAL_PERSON = (
    r"(?:real|genuine|actual)\s+(?:person|viewer|human|chatter|user|account|follower|people|viewers)"
)
KIN = (
    r"(?:nephew|niece|sister|brother|mum|mom|mother|dad|father|son|daughter|grandson|granddaughter|grandma"
    r"|grandpa|neighbou?r|student|cousin|wife|husband|partner|aunt|uncle|brother-in-law|sister-in-law"
    r"|regulars|students|friend|colleague|coworker)"
)
_REAL = (
    rf"(?:an?\s+)?(?:{REAL_PERSON}|real\s+one|human|genuine|regular|known\s+(?:person|viewer|chatter|regular|one))"
    rf"(?:\s+(?:asking|who|from|talking|saying|just)\b(?!.*\b(?:{_TAKE_BACK}|spam|scam|bot)\b)"
    r"[^#\d,;]{1,60})?"
)
# "my brother", "our mod": someone the streamer knows.
_OURS = (
    rf"(?:my|our)\s+(?:own\s+|little\s+|big\s+|best\s+|lil\s+)?(?:{KIN}|mod|moderator|bestie|bff|buddy|pal|mate|homie|chum)"
    r"(?!'s|\w)"
)
_FINE = (
    r"(?:fine|ok|okay|alright|all right|good|cool|chill|legit|legitimate|safe|harmless|innocent|allowed"
    rf"|a false (?:alarm|positive)|false (?:alarm|positive)|{_REAL}|{_OURS}"
    # "flag 11 is real": a real chatter, not a real scam.
    r"|real(?!\s+(?:spam|scam|bot|spammer|scammer|one\b))"
    # "7 = friend", "#3 was a joke": someone known, or something said in fun.
    r"|(?:just\s+)?(?:an?\s+)?(?:friend|mate|buddy|pal|joke|inside\s+joke|meme|bit)(?:\s+of\s+(?:mine|ours))?)"
)
_SPAM = (
    r"(?:(?:a |an )?(?:spam|scams?|spammers?|spambots?|spam bots?|scam bots?|scammers?|bots?|phishing"
    r"|(?:scam|spam|phishing) links?|(?:follow|view)[ -]?bots?))"
)
# What the streamer sees in a flag, said as a verdict: "#4 is sketchy af", "that one's sus". Only of a
# flag named: "that's sketchy" is said of anything.
_SUSPICIOUS = (
    r"(?:(?:so|very|super|really|hella|totally|kinda)\s+)?(?:sketchy|shady|sus|dodgy|fishy|malicious)"
)
_NOT_SPAM = rf"(?:not {_SPAM}|no spam)"
# "the 4th one a scam", "the 9th one i think is a bot": the verb left out, or an opinion said with it.
_IS = r"(?:'s|\s+is|\s+was|\s+(?:i\s+think|i'?d\s+say)\s+(?:is|was|it'?s)|(?=\s+an?\s))"
_ISNT = r"(?:\s+isn'?t|\s+wasn'?t|\s+ain'?t|'s\s+not|\s+is\s+not|\s+was\s+not)"

_DISMISSED = [
    rf"{_ONE}{_IS}\s+{_FINE}",
    # "4 is just my friend being dumb, not spam": who they are, then the verdict.
    rf"{_ONE}{_IS}\s+(?!(?:{_TAKE_BACK})\b)[^,;#\d]{{1,50}}[,;]\s*(?:{_NOT_SPAM}|{_FINE})",
    rf"{_ANY}(?:{_ISNT}\s+{_SPAM}|{_IS}\s+no\s+spam)",
    # "that's my mod testing something, not spam": with "not spam" after it, "that" is the flag.
    rf"{_ANY}{_IS}\s+(?!(?:{_TAKE_BACK})\b)[^,;#\d]{{1,50}}[,;]\s*{_NOT_SPAM}",
    rf"(?:you\s+can\s+)?(?:dismiss|clear|unflag|approve|allow)\s+{_ONE}",
    # "you can ignore flag 9": by its number only ("ignore that last message" is about a DM).
    r"(?:you\s+can\s+)?ignore\s+(?:flag\s+(?:number\s+)?|number\s+|#\s*)(?P<n4>\d{1,3})",
    rf"mark\s+{_ONE}\s+as\s+(?:{_FINE}|{_NOT_SPAM})",
    rf"{_NUMBER}\s*[:=—–,-]?\s*(?:{_FINE}|{_NOT_SPAM})",
    rf"{_NOT_SPAM}",  # "not spam": about the one flag being looked at
    rf"(?:a\s+)?false\s+(?:alarm|positive)\s+(?:on|for|with)\s+{_ONE}",
    # "flag 3 is a regular, unflag it": who they are, then what to do.
    rf"{_ONE}{_IS}\s+(?!(?:{_TAKE_BACK})\b)[^,;#\d]{{1,50}}[,;]\s*(?:unflag|dismiss|clear|approve)\s+(?:it|them)",
]
_CONFIRMED = [
    rf"{_ANY}{_IS}\s+(?:(?:indeed|definitely|def|defo|really|clearly|legit|totally|obviously|absolutely|also|100%"
    r"|an?\s+real|an?\s+actual|the\s+same)\s+)?"
    # "... a spammer selling sunglasses": what it did may follow.
    rf"{_SPAM}(?:\s+(?:selling|posting|pushing|advertising|offering|promoting|sending|dropping|asking|spamming)\b"
    rf"(?!.*\b(?:{_TAKE_BACK})\b)[^#\d,;]{{1,60}})?",
    rf"{_ONE}{_IS}\s+{_SUSPICIOUS}",
    rf"confirm\s+{_ONE}",
    rf"mark\s+{_ONE}\s+as\s+{_SPAM}",
    rf"{_NUMBER}\s*[:=—–-]?\s*(?:confirmed\s+|(?:yes|yeah|yep)\s+)?{_SPAM}",
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
    r"|signalement|sinalizacao|marca|numero|nummer|nr\.?|n[o°]\.?)\s*)?(?:(?:numero|nummer|nr\.?)\s*)?"
    r"#?\s*(?P<n1>\d{1,3})"
)
# Someone the streamer knows: "es mi compa", "c'est ma modo", "das ist meine Moderatorin", "é meu parceiro".
_KNOWN_INTL = (
    r"(?:(?:mi|mon|ma|mein\w*|meu|minha)\s+(?:compa|chum|cuate|carnal|pana|parce|mano|hermano|hermana|amig[oa]|prim[oa]|pote|pareja|frere|soeur"
    r"|cousine?|amie?|copine?|coloc\w*|comadre|compadre|modo|mod|moderador\w*|moderat(?:eur|rice|or|orin)|bruder|schwester|freund\w*"
    r"|kumpel|parceir[oa]|irmao|irma|mae|pai|madre|padre|mere|pere|mutter|vater|mama|papa)"
    # "un amigo mío", "un pote à moi", "ein Freund von mir", "um amigo meu"
    r"|(?:un|une|um|uma|ein|eine)\s+(?:amig[oa]|pote|copain|copine|ami|amie|freund\w*|kumpel|parceir[oa]"
    r"|colega|conocid[oa])(?:\s+(?:mio|mia|meu|minha|a\s+moi|von\s+mir|de\s+moi))?)"
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
        "dismissed",
        rf"(?:(?:c'?est|est|es|e|ist|esta|era|etait|war)\s+)?{_KNOWN_INTL}|(?:ok|okay|bien|bom|passt)(?=\s*[,.]\s*\S)"
        r"|(?:c'?)?(?:est|es|e|ist|era|etait|war)\s+(?:une?\s+|um\s+|ein\s+)?(?:fausse\s+alerte|faux\s+positif"
        r"|falso\s+positivo|falsa\s+alarma|falso\s+alarme|fehlalarm)"
        r"|(?:no|nao|n'est\s+pas|ist\s+nicht)\s+(?:es\s+|e\s+)?(?:sospechos[oa]|suspeit[oa]|suspect|verdachtig)",
    ),
    (
        "confirmed",
        # "el 1 sí es estafa", "el 3 es spam claramente", "el #2 es spam for sure"
        rf"(?:si\s+|sim\s+)?(?:c'?)?(?:est|es|e|ist|era|etait|war)\s+(?:(?:bien|claramente|clairement|klar"
        rf"|definitivamente|obviamente|obvio)\s+)?{_SPAM_INTL}(?:\s+(?:mesmo|total|sim|ja|claro|seguro|sicher"
        r"|vraiment|claramente|clairement|obviamente|obvio|definitivamente|for\s+sure|100\s*%?))?",
    ),
)
# "but" in the four other languages (and English, in an answer in another language): what follows may
# say the other answer ("está bien, pero es spam").
_BUT = r"pero|mais|aber|mas|sauf|excepto"
_BUT_INTL = re.compile(rf"\b(?:{_BUT}|but)\b")
# The verdict said a second way ("está bien, no es spam"): its "no" takes nothing back.
_SAID_AGAIN: dict[ReviewVerdict, str] = {
    "dismissed": (
        # "..., no es spam", "... no pasa nada": the comma is often left out.
        r"(?:(?:\s*[,;]\s*|\s+)(?:(?:(?:ce\s+|c')?n'?est\s+pas|no\s+es|nao\s+e|c'?est\s+pas|ist\s+kein\w*|kein\w*)"
        rf"\s+{_SPAM_INTL}|no\s+pasa\s+nada|kein\s+problem|pas\s+de\s+souci|t'?inquiete\s+pas|tudo\s+bem))?"
    ),
    "confirmed": "",
}
# Slang said to the bot after a verdict: "el 2 está bien wey", "o 3 é golpe mano".
_SLANG_INTL = r"(?:\s+(?:wey|guey|bro|mano|mec|man|alter|jaja\w*|kkk+|mdr|lol))*"
# "pero el 4 es mi primo": a "but" before a numbered answer of its own joins it to the one before.
_INTL_LEAD = (
    r"^(?:(?:si|oui|ja|sim|non|nein|nao|no)\s*[,.!]?\s+"
    rf"|(?:{_BUT})\s+(?=(?:el|la|le|o|a|der|die|das)\s+#?\d))?"
)
_INTL: tuple[tuple[ReviewVerdict, re.Pattern[str]], ...] = tuple(
    (
        verdict,
        re.compile(
            rf"{_INTL_LEAD}{_NUMBER_INTL}\s+(?:{body}){_SLANG_INTL}{_SAID_AGAIN[verdict]}{_REASON}\s*[.!]*$"
        ),
    )
    for verdict, body in _INTL_BODIES
)


# A flag described, not numbered, then its verdict: "celui avec le lien chelou, c'était une arnaque", "el
# del cripto era estafa", "der Typ mit dem Link war ein Bot", "aquele do pix era golpe mesmo".
_DESCRIBED_INTL = re.compile(
    r"^(?:celui|celle|el|la|aquel[ea]?|aquilo|der|die|das|o|a|ese|esa|esse|essa)\s+"
    r"(?:avec|del?|do|da|mit|com|con|qui|que|that)\b"
    r"[^#\d]{1,60}?[,\s]\s*(?P<neg>no\s+|nao\s+|n')?(?:c'?)?(?:etait|est|era|es|e|war|ist|esta|ta)\s+"
    r"(?:(?P<not>pas\s+|kein\w*\s+|nicht\s+)?"
    r"(?:bien\s+|mesmo\s+|total\s+|definitivamente\s+|klar\s+)?(?:une?\s+|una\s+|uma?\s+|de\s+|du\s+|ein\s+)?"
    r"(?:spam|arnaque|estafa|golpe|betrug|scam|bot)"
    # "esse do link tá de boa, é do meu mod": the flag described, then that it is fine.
    r"|(?P<fine>bien|ok|okay|de\s+boa|in\s+ordnung|legit|clean|tranquilo|harmlos|correct))\b[^#\d]{0,30}$"
)


# After the answer, a reason that calls the flag spam, unless it says "not spam".
_CALLED_SPAM_AFTER = re.compile(
    r"[,;.]\s.*?(?<!not )(?<!no )(?<!not a )(?<!not an )\b(?:spam|scam|bot|spammer|scammer|phishing)\b"
)


# "el segundo", "le premier", "der zweite", "o terceiro": a flag by its place, written as its number.
_PLACES_INTL = (
    (1, r"primer[oa]?|premiere?|erste[nr]?|primeir[oa]"),
    (2, r"segund[oa]|deuxieme|seconde?|zweite[nr]?"),
    (3, r"tercer[oa]?|troisieme|dritte[nr]?|terceir[oa]"),
)
_PLACE_INTL = tuple(
    (number, re.compile(rf"^(?:(?:el|la|le|der|die|das|o|a)\s+)(?:{words})\b"))
    for number, words in _PLACES_INTL
)
# "el último", "le dernier", "der letzte", "o último": the last flag shown.
_LAST_INTL = re.compile(r"^(?:(?:el|la|le|der|die|das|o|a)\s+)(?:ultim[oa]|derniere?|letzte[nr]?)\b")


# An emoji or two closing an answer ("every one of those is a bot 🤖") says nothing more.
_CLOSING_SYMBOLS = re.compile(r"(?:\s*[^\w\s#%?.!,;:'\"()\[\]-])+\s*$")


def _without_closing_symbols(said: str) -> str:
    """The answer without the emoji that close it."""
    return _CLOSING_SYMBOLS.sub("", said)


def read_review(text: str, shown: int = 0) -> Command | None:
    """The answer on a flag that `text` (cleaned) is in full, or None (`shown`: how many flags the last
    list showed, for "the last one" in the other four languages)."""
    said = _asked_softly(_without_closing_symbols(" ".join(text.lower().replace("’", "'").split())))
    unaccented = intl.unaccented(said)
    for place_number, place in _PLACE_INTL:
        unaccented = place.sub(f"#{place_number}", unaccented)
    if shown:
        unaccented = _LAST_INTL.sub(f"#{shown}", unaccented)
    for verdict, pattern in _INTL:
        if (match := pattern.match(unaccented)) is not None and 1 <= int(match["n1"]) <= 100:
            if _BUT_INTL.search(unaccented[match.start("n1") :]):
                return None  # "el 3 está bien, pero es spam": the reason may say the other answer
            return Command(interaction_type="flags", action="review", verdict=verdict, item=int(match["n1"]))
    if (described := _DESCRIBED_INTL.match(unaccented)) is not None:
        said_not = described["neg"] or described["not"] or described["fine"]
        return Command(
            interaction_type="flags", action="review", verdict="dismissed" if said_not else "confirmed"
        )
    for verdict, pattern in _VERDICTS:
        match = pattern.match(said)
        if match is None:
            continue
        if verdict == "dismissed" and _CALLED_SPAM_AFTER.search(said):
            return None  # "flag 2 is fine, it's a scam": the reason says the other answer
        number = next((match[g] for g in match.re.groupindex if g.startswith("n") and match[g]), None)
        ordinal = next((match[g] for g in match.re.groupindex if g.startswith("o") and match[g]), None)
        cardinal = next((match[g] for g in match.re.groupindex if g.startswith("c") and match[g]), None)
        if number is not None:
            item = int(number)
        elif ordinal is not None:
            item = _ORDINALS.index(str(ordinal)) + 1
        elif cardinal is not None:
            item = _CARDINALS.index(str(cardinal)) + 1
        else:
            return Command(interaction_type="flags", action="review", verdict=verdict)
        if not 1 <= item <= 100:
            return None  # "0 is fine", "500 is spam": no list has that
        return Command(interaction_type="flags", action="review", verdict=verdict, item=item)
    return None


# "would you mind marking the second one as okay? it's a viewer i know": the answer asked for politely.
_SOFT_ASK = re.compile(
    r"^(?:(?:would|do)\s+(?:you|u)\s+mind\s+|(?:can|could|will|would)\s+(?:you|u)\s+(?:please\s+)?|please\s+)"
    r"(?P<verb>mark|dismiss|clear|confirm|unflag|approve)(?:ing)?\b(?P<rest>[^?]*)\?(?P<after>.*)$"
)


def _asked_softly(said: str) -> str:
    """The answer a polite question on a flag asks for, as if said outright ("mark #2 as ok. ...")."""
    if (soft := _SOFT_ASK.match(said)) is None:
        return said
    after = soft["after"].strip()
    return f"{soft['verb']}{soft['rest']}" + (f". {after}" if after else "")


# Several answers in one DM ("3 scam, 4 fine, 5 scam", "flag 4: fine. flag 8: scam", "1 fine 2 fine 3 bot",
# "#1 was fine but #2 is def a scam"): split where one answer ends and the next begins.
_BETWEEN = re.compile(r"\s*(?:[,;]|\.(?=\s)|\s(?:and|but|&)\s|\n)\s*")
_NEXT_NUMBER = re.compile(
    r"\b(fine|ok|okay|good|legit|safe|spam|scam|bot|spammer|scammer)\s+(?=(?:#|flag\s*|number\s*)?\d{1,3}\b)"
)
# "5 and 6 are both the same scam bot", "2, 3 and 4 were fine": one verdict for several numbers.
# "flag 1 and flag 4 are both legit", "flags 1 through 3 are all fine": a range is every number in it.
_SEVERAL = re.compile(
    r"^(?:the\s+)?(?:flags?\s+|numbers?\s+|messages?\s+)?(?P<numbers>#?\d{1,3}(?:st|nd|rd|th)?"
    r"(?:\s*(?:,|and|&)\s*(?:flag\s+|number\s+|message\s+)?#?\d{1,3}(?:st|nd|rd|th)?)+"
    r"|#?\d{1,3}\s*(?:-|–|to|through|thru)\s*#?\d{1,3})\s+(?:(?:are|were)\s+)?"
    r"(?:both\s+|all\s+)?(?P<verdict>.+)$"
)
_TOO = re.compile(
    r"^(?:and\s+)?(?:flag\s*|number\s*)?#?\s*(?P<n>\d{1,3})\s+(?:too|as\s+well|also)(?:\s+(?:actually|then|lol))?$"
)
# "flag 5 scam, flag 6 not", "14 yes spam, 15 no": after an answer, a bare "not" is the other verdict.
_NOT_EITHER = re.compile(r"^(?:and\s+)?(?:flag\s*|number\s*)?#?\s*(?P<n>\d{1,3})\s*:?\s+(?:not|no|nope)$")
# What only closes the answers ("that's all", "100%"): no answer, no reason, nothing taken back.
_CLOSING = re.compile(r"^(?:that'?s\s+(?:all|it)|100\s*%|for\s+sure|definitely)$")
# Every flag shown, answered at once: "all of those were bots", "they're all fine", "none of them are spam",
# "all false alarms tbh". A verdict on its own, with no reason that could say the other one.
_ALL_VERDICT = (
    rf"(?P<verdict>{_SPAM}s?|(?:a\s+)?false\s+(?:alarms?|positives?)|fine|ok|okay|good|legit|safe"
    r"|real\s+(?:people|viewers|chatters)|(?:my\s+)?(?:regulars|friends|mods|viewers)"
    rf"|not\s+{_SPAM}s?"
    r")"
)
# What may follow an answer on every flag: manners, or a reason that names no flag and takes nothing back.
_ALL_TAIL = (
    r"(?:\s*[,.]?\s*(?:tbh|lol|lmao|imo|honestly|thanks|thank you|thx|fr|for sure))*"
    rf"(?:\s*[,;.-]\s*(?!.*\b(?:{_TAKE_BACK}|except|but|besides)\b)[^#\d?]{{1,60}})?\s*[.!]*$"
)
_THOSE = (
    r"(?:those|them|these|the\s+flags|(?:those|these|the|tonight'?s|today'?s)\s+flags(?:\s+from\s+\S+)?"
    r"|the\s+flagged\s+(?:ones|messages))"
)
# A bare "all ..." is about the flags only when its verdict is: "all bots", "all false alarms" ("all good,
# thanks!" answers anything); with "those", "them", "they're all" any verdict is.
_FLAG_VERDICT = rf"(?P<flagged>{_SPAM}s?|(?:a\s+)?false\s+(?:alarms?|positives?)|not\s+{_SPAM}s?)"
_EVERY = re.compile(
    rf"^{_LEAD}(?:(?:they|those|these)(?:'re|\s+are|\s+were)\s+all|all\s+(?:of\s+)?{_THOSE}"
    rf"(?:\s+(?:are|were|r))?(?:\s+all)?|every\s+(?:one|flag|single\s+one)(?:\s+of\s+{_THOSE})?"
    rf"\s+(?:is|was))\s+(?:just\s+|totally\s+|obviously\s+|clearly\s+)?{_ALL_VERDICT}{_ALL_TAIL}"
    rf"|^{_LEAD}all(?:\s+(?:are|were))?\s+(?:just\s+|totally\s+|obviously\s+)?{_FLAG_VERDICT}{_ALL_TAIL}"
    rf"|^{_LEAD}none\s+of\s+{_THOSE}\s+(?:are|were|is|was)\s+(?P<neg>{_SPAM}s?){_ALL_TAIL}"
)
# "both scams", "los dos son bots", "les deux sont des arnaques", "beides bots": every flag of two shown.
_BOTH = re.compile(
    rf"^{_LEAD}(?:both(?:\s+of\s+{_THOSE})?|(?:los|las|os|as)\s+dos|ambos|ambas|(?:tous\s+)?les\s+deux|beides?)"
    r"(?:\s+(?:are|were|r|son|eran|sao|eram|sont|etaient|c'?est|sind|waren))?\s+(?:just\s+|totally\s+)?"
    r"(?:des\s+|de\s+|um\s+|uns\s+|unos\s+)?(?:(?P<spam>spam|scams?|bots?|spammers?|scammers?|estafas?|golpes?"
    r"|arnaques?|betrug)|(?P<fine>fine|ok|okay|legit|bien|bons?|de\s+boa|in\s+ordnung|harmlos))"
    rf"(?:\s*[,.]?\s*(?:clarisimo|claramente|clairement|klar|obviamente|obviously|tbh|lol))*{_ALL_TAIL}"
)
# Every flag shown, answered at once in the other four languages (accents dropped): "todos esos son spam",
# "tous ces messages sont des arnaques", "alle sind Bots", "todos são golpe".
_EVERY_INTL = re.compile(
    r"^(?:(?:si|oui|ja|sim)\s*[,.!]?\s+)?(?:tod[oa]s(?:\s+(?:esos|esas|estos|estas|esses|essas|estes|eles|elas|ellos"
    r"|ellas))?|tous(?:\s+ces\s+\w+)?|toutes(?:\s+ces\s+\w+)?|alle(?:\s+(?:davon|diese))?)\s+(?:son|eran|sao|eram"
    r"|sont|etaient|sind|waren)\s+(?:des\s+|de\s+|du\s+)?(?:(?P<spam>spam|scams?|bots?|spammers?|estafas?|golpes?"
    r"|arnaques?|betrug)|(?P<fine>bien|ok|okay|legit|de\s+boa|in\s+ordnung|harmlos|bons?))\W*$"
)
# "the rest are fine", "others were spam": after numbered answers, every flag shown they did not name.
_REST = re.compile(
    rf"^(?:and\s+|but\s+)?(?:the\s+)?(?:rest|others|other\s+ones)(?:\s+(?:are|were|r|you\s+can\s+mark))?"
    rf"(?:\s+all)?\s+(?:as\s+)?{_ALL_VERDICT}$"
    # "the rest you can clear": the verb is the verdict.
    r"|^(?:and\s+|but\s+)?(?:the\s+)?(?:rest|others|other\s+ones)\s+(?:you\s+can\s+)?(?:clear|dismiss|unflag"
    r"|ignore)(?P<cleared>)(?:\s+(?:them|those))?$"
)
# "the first two are bots", "first 3 were fine".
_FIRST = re.compile(
    rf"^(?:the\s+)?first\s+(?P<count>two|three|four|five|[2-9])(?:\s+(?:ones|flags))?\s+(?:are|were)\s+"
    rf"(?:both\s+|all\s+)?{_ALL_VERDICT}$"
)
_SPAM_ONLY = re.compile(rf"{_SPAM}s?")
# Where one group of answers ends: "1 and 2 are spam, 3 is ok" has two, the first on two flags.
_GROUPS = re.compile(r"\s*(?:[,;]|\.(?=\s)|\sbut\s|\n)\s*")
# A piece that is no answer may be a reason ("he is my cousin"), never a word that takes an answer
# back or points at flags without a number ("no wait", "the rest are fine").
_NOT_A_REASON = re.compile(rf"\d|\b(?:{_TAKE_BACK}|rest|others?|all|every\w*|both|same|{_BUT})\b|\?")


_SUBJECT = r"(?:(?:it|that|he|she|they|this)(?:'?s|'?re|\s+is|\s+was|\s+are)\s+|its\s+|hes\s+|shes\s+)?"
_AGREES: dict[str, re.Pattern[str]] = {
    "dismissed": re.compile(
        rf"^{_SUBJECT}(?:(?:definitely|def|just|really|totally|clearly)\s+)?(?:not|no)\s+(?:an?\s+)?"
        r"(?:spam|bot|scam|spammer|scammer|spambot)(?:\s+at\s+all)?$"
    ),
    "confirmed": re.compile(
        rf"^{_SUBJECT}(?:(?:definitely|def|just|really|totally|clearly|obviously)\s+)?(?:an?\s+)?"
        r"(?:spam|bot|scam|spammer|scammer|spambot|scam\s+link|phishing)$"
    ),
}


# Said before the answers, answering nothing: "quick, live rn: 1 bot, 2 ok", "sorry was mid boss fight. #1
# scam, #2 fine". No number, no verdict, nothing taken back and nothing asked for.
_PREFACE = re.compile(r"^(?P<preface>[^#\d:.?!]{1,60})(?::|\.(?=\s))\s+(?P<answers>.+)$")
_NOT_A_PREFACE = re.compile(
    rf"\b(?:{_TAKE_BACK}|spam\w*|scam\w*|bots?|fine|ok|okay|good|legit|all|both|rest|start|stop|turn|post"
    r"|show|set|enable|disable|flag\w*|clip\w*|ledger|warden|steward|librarian|scribe|hearthkeeper)\b"
)
# "sorry was mid boss fight": an apology for answering late takes nothing back.
_LATE = re.compile(r"^sorry\s+(?=(?:i\s+)?was\b|for\b|been\b|i'?m\b)|^(?:ok|okay|alright|so)\s+(?=\w)")
# "3 fine (it was a joke)": a reason in brackets, unless it takes the answer back.
_BRACKETED = re.compile(rf"\s*\((?![^()]*\b(?:{_TAKE_BACK})\b)[^()]{{1,60}}\)")
# "6 idk honestly leave it as is": a flag left unanswered among answered ones.
_UNDECIDED = re.compile(
    r"^(?:flag\s*|number\s*)?#?\d{1,3}\s*:?\s+(?:i'?m\s+|i\s+am\s+)?(?:idk|i\s+don'?t\s+know|not\s+sure"
    r"|no\s+idea|unsure|dunno|skip)(?:\s+(?:about\s+(?:it|that\s+one)|honestly|tbh|lol))*"
    r"(?:\s*,?\s*(?:leave|skip)\s+(?:it|that\s+one)(?:\s+(?:as\s+is|for\s+now))?)?$"
)
# Words that only open an answer ("ok #6 fine #7 fine"), read as a piece of their own.
_OPENER = re.compile(r"^(?:ok|okay|yes|yeah|yep|so|oh|well|alright|right|quick|hmm+)$")


def read_reviews(text: str, shown: int = 0) -> tuple[Command, ...]:
    """Every answer on a flag that `text` (cleaned) is in full, in order; () when it is not.

    One answer is `read_review`'s. Several are read piece by piece, each with its flag's number; a
    piece that is no answer may only be a reason, and anything that could take an answer back leaves
    the whole to the other rules. Flags answered without their numbers ("all of those were bots",
    "the rest are fine", "the first two are spam") need to know how many were `shown`: without that,
    "all of them" is one answer without a number, which the bot asks about.
    """
    if (single := read_review(text, shown)) is not None:
        return (single,)
    said = _without_closing_symbols(" ".join(text.lower().replace("’", "'").split()))
    if (opened := _PREFACE.match(said)) is not None and not _NOT_A_PREFACE.search(
        _LATE.sub("", opened["preface"])
    ):
        after = read_reviews(opened["answers"], shown)
        return after if after and all(answer.item for answer in after) else ()
    said = _BRACKETED.sub("", said)
    if (every := _EVERY.match(said)) is not None:
        said_of_all = every["verdict"] or every["flagged"]
        verdict: ReviewVerdict = "dismissed" if every["neg"] else _verdict_of(said_of_all)
        return _on_each(range(1, shown + 1), verdict, shown)
    if (every_intl := _EVERY_INTL.match(intl.unaccented(said))) is not None:
        verdict_of_all: ReviewVerdict = "confirmed" if every_intl["spam"] else "dismissed"
        return _on_each(range(1, shown + 1), verdict_of_all, shown)
    if (both := _BOTH.match(intl.unaccented(said))) is not None:
        verdict_of_both: ReviewVerdict = "confirmed" if both["spam"] else "dismissed"
        # Two flags shown: both answered; any other list: one answer without a number, asked about.
        return _on_each(range(1, 3), verdict_of_both, shown if shown == 2 else 0)
    if several := _several(said):
        return several
    answers: list[Command] = []
    for group in _GROUPS.split(said):
        piece = group.strip(" .!")
        # "1 and 2 are spam, 3 is ok": one verdict for several numbers, then another answer.
        if (together := _several(piece)) is not None:
            if not together:
                return ()
            answers.extend(together)
        elif (first := _FIRST.match(piece)) is not None:
            written = first["count"]
            count = int(written) if written.isdigit() else _CARDINALS.index(written) + 1
            answers.extend(_on_each(range(1, count + 1), _verdict_of(first["verdict"]), shown or count))
        elif (rest := _REST.match(piece)) is not None and answers and shown:
            # "#1 spam, #3 spam, the rest are fine": every flag shown that no answer named.
            named = {answer.item for answer in answers}
            left = [n for n in range(1, shown + 1) if n not in named]
            cleared = rest["cleared"] is not None
            answers.extend(_on_each(left, "dismissed" if cleared else _verdict_of(rest["verdict"]), shown))
        elif not _answers_in(group, answers):
            return ()
    return tuple(answers)


def _verdict_of(said: str) -> ReviewVerdict:
    """ "bots", "scams", "spam" confirm; "fine", "false alarms", "not spam", "real people" dismiss."""
    return "confirmed" if _SPAM_ONLY.fullmatch(said) else "dismissed"


def _on_each(items: Iterable[int], verdict: ReviewVerdict, shown: int) -> tuple[Command, ...]:
    """One answer per flag number; one without a number when how many were shown is not known."""
    numbers = [n for n in items if 1 <= n <= 100]
    if not shown:
        return (Command(interaction_type="flags", action="review", verdict=verdict),)
    return tuple(Command(interaction_type="flags", action="review", verdict=verdict, item=n) for n in numbers)


def _several(said: str) -> tuple[Command, ...] | None:
    """One verdict for several numbers ("5 and 6 are both bots"): every answer, () when one of them is no
    answer, None when `said` is not of that shape."""
    if (several := _SEVERAL.match(said)) is None:
        return None
    numbers = [int(n) for n in re.findall(r"\d{1,3}", several["numbers"])]
    if re.search(r"-|–|\bto\b|\bthr(?:ough|u)\b", several["numbers"]):
        low, high = numbers
        if not 1 <= low < high <= min(low + 20, 100):
            return ()  # "3 to 1", "1 to 500": no list reads so
        numbers = list(range(low, high + 1))
    each = [read_review(f"#{number} is {several['verdict']}") for number in numbers]
    read = tuple(answer for answer in each if answer is not None and answer.item is not None)
    return read if len(read) == len(each) else ()


def _answers_in(said: str, answers: list[Command]) -> bool:
    """Add the answers `said` holds to `answers`; False when a piece of it could take one back or
    answers flags without their numbers."""
    for piece in _BETWEEN.split(_NEXT_NUMBER.sub(r"\1, ", said)):
        piece = piece.strip(" .!")
        if not piece:
            continue
        if (_OPENER.match(piece) and not answers) or _UNDECIDED.match(piece):
            continue
        if answers and _CLOSING.match(piece):
            continue
        if (other := _NOT_EITHER.match(piece)) is not None and answers and 1 <= int(other["n"]) <= 100:
            before = answers[-1].verdict
            verdict: ReviewVerdict = "dismissed" if before == "confirmed" else "confirmed"
            answers.append(answers[-1].model_copy(update={"item": int(other["n"]), "verdict": verdict}))
            continue
        if (too := _TOO.match(piece)) is not None and answers and 1 <= int(too["n"]) <= 100:
            answers.append(answers[-1].model_copy(update={"item": int(too["n"])}))
            continue
        answer = read_review(piece)
        if answer is not None and answer.item is not None:
            answers.append(answer)
        elif answers and _AGREES[answers[-1].verdict or "dismissed"].match(piece):
            continue  # "flag 2 is ok, he is my cousin, not a bot": the same verdict, said again
        elif answer is not None or _NOT_A_REASON.search(piece) or not answers:
            return False
    return True


def review_in_dm(text: str, shown: int = 0) -> tuple[Command, ...]:
    """`read_reviews` of a raw DM, cleaned first: what the bot reads before any parser, LLM or not
    (`shown`: how many flags the last list showed)."""
    if len(text) > _LONGEST:
        return ()
    cleaned = clean(text)
    return read_reviews(cleaned, shown) if cleaned else ()


# A flag described rather than answered in a few words, as people who write letters do: "the flagged
# message from the person with the dog picture was fine, she's a regular", "the flag on the gentleman
# asking about chess clubs is wrong. He's a real person.", "that message from the user offering
# 'promotion services' was spam. Please record it."
_POINTS_AT_FLAG = re.compile(
    r"\bflag(?:ged)?\b|\b(?:the|that|this)\s+(?:\w+\s+){0,2}(?:message|msg|one|person|guy|user|chatter|account"
    r"|gentleman|lady|man|woman|girl|boy)\s+(?:from|about|with|asking|offering|selling|posting|who|that|saying"
    r"|calling|named)\b"
)
# A request for the list itself ("show me the flagged messages", "what was flagged") is no answer.
_ASKS_FOR_LIST = re.compile(
    r"\?|\b(?:show|list|see|send|give|display|what|which|how\s+many|any|were\s+there|did\s+you)\b"
)
_SAID_SPAM = re.compile(
    r"\b(?:is|was|are|were)\s+(?:\w+\s+){0,2}?(?:an?\s+)?(?:spam|scam|scammer|spammer|spambot|bot|phishing)\b"
    r"|\bmark\s+(?:it|him|her|them|that|this)\s+as\s+(?:spam|a\s+scam|a\s+bot)\b"
    r"|\bflag\s+(?:on\s+[^.]{1,60}\s+)?(?:is|was)\s+(?:correct|right|justified)\b"
)
_SAID_FINE = re.compile(
    r"\b(?:is|was|are|were)\s+(?:\w+\s+){0,2}?(?:fine|wrong|a\s+mistake|innocent|harmless|legit|genuine|a\s+regular"
    r"|an?\s+(?:real|genuine|actual)\s+(?:lady|man|woman))\b"
    rf"|\b(?:not|no)\s+(?:a\s+)?(?:spam|scam|bot)\b|\bunflag\b|\b{REAL_PERSON}\b"
    rf"|\b(?:is|was|are|were)\s+(?:from\s+)?my\s+(?:\w+\s+)?{KIN}\b"
)
# Words that keep a described answer a question: a doubt, a take-back, another flag's answer after it.
_UNSURE = re.compile(
    r"\b(?:maybe|perhaps|not\s+sure|unsure|might|i\s+wonder|if|unless|jk|kidding|nvm|never\s*mind|wait)\b"
    r"|\b(?:the\s+rest|others?|both|all\s+of)\b"
)


_FLAG_NUMBER = re.compile(r"(?:#|\bnumber|\bno\.|\bflag|\bmessage|\bitem)\s*#?\s*(\d{1,3})\b")
_OF_THE_LIST = r"(?:\s+(?:one|flag\w*|message|msg)\b|\s+(?:\w+\s+)?on\s+(?:your|the)\s+list\b)"


def read_described(text: str) -> Command | None:
    """The answer on one flag that `text` (cleaned) describes in a sentence or a letter, or None.

    Both verdicts said, a doubt, several flags, or a request for the list leave it to the other rules.
    A number or an ordinal names the flag; without one the bot asks which (unless the list had one).
    """
    said = intl.unaccented(" ".join(text.lower().replace("’", "'").split()))
    if (
        len(said) > 300
        or not _POINTS_AT_FLAG.search(said)
        or _ASKS_FOR_LIST.search(said)
        or _UNSURE.search(said)
    ):
        return None
    spam, fine = _SAID_SPAM.search(said), _SAID_FINE.search(said)
    if bool(spam) == bool(fine):
        return None
    # Only a number that names a flag ("number 6", "message 13"), not "a 68-year-old"; only an ordinal
    # of the list ("the seventh flagged message"), not "my second stream".
    numbers = [int(n) for n in _FLAG_NUMBER.findall(said)]
    ordinals = [i + 1 for i, word in enumerate(_ORDINALS) if re.search(rf"\b{word}{_OF_THE_LIST}", said)]
    places = numbers + ordinals
    if len(places) > 1 or any(not 1 <= n <= 100 for n in places):
        return None
    verdict: ReviewVerdict = "confirmed" if spam else "dismissed"
    if places:
        return Command(interaction_type="flags", action="review", verdict=verdict, item=places[0])
    return Command(interaction_type="flags", action="review", verdict=verdict)
