"""Twitch logins named in a message: "@spammer123", "#pixel_wren", "twitch.tv/Pixel_Wren", "from xqc_fan99".

A marked handle ("@", "#", a twitch.tv link) is always a login. An unmarked word only is one after a word
that introduces it ("flags *from* xqc_fan99", "start *on* pixel_wren") and when it is no word the parser
knows; otherwise "flags from today" would look for a chatter called "today".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from chronicler.contract.logins import normalize_login
from chronicler.nlp.rules._lexicon import LEXICON, READ_OBJECTS, SLOT_CHANNEL_URL, SLOT_TIME, STOPWORDS
from chronicler.nlp.rules._model import shipped
from chronicler.nlp.rules._text import Clause, Token
from chronicler.nlp.rules._utterance import Utterance

_BEFORE_USERNAME = frozenset(
    {"from", "by", "user", "chatter", "viewer", "of", "did", "about", "for", "called", "named"}
)
# Words between "from"/"by" and a name that are no name themselves ("from a user called x", "by some bot").
_NAMING = frozenset(
    "user users chatter chatters viewer viewer's called named a an the some any guy person account".split()
)
_NAMED_AFTER = frozenset({"from", "by"})
# "they've been at it for months", "a subscriber for years": how long, never who.
_SPANS = frozenset("seconds minutes hours days weeks months years ages decades".split())
_CLOCK = re.compile(r"\d{1,2}(?::\d\d)?(?:am|pm|h)?$|\d+(?:st|nd|rd|th|min|mins|m|s)?$")  # "8pm", "20min"
# Not "at": "log day at work"; "auf" and "sur" as streamers writing German and French say "on".
_BEFORE_CHANNEL = frozenset({"on", "for", "in", "channel", "auf", "sur"})
# "start watching kittenkrusader now": a channel straight after the verb that watches it, ending the clause.
_WATCHING = frozenset(
    {"watch", "watching", "chronicle", "chronicling", "monitor", "monitoring", "track", "tracking"}
)


@dataclass(frozen=True, slots=True)
class Login:
    """A login as found: `value` is None when what was written is not a valid login."""

    value: str | None
    written: str


def login_of(written: str) -> Login:
    """The login `written` names, or a Login with value None when it names none."""
    try:
        return Login(normalize_login(written), written)
    except ValueError:
        return Login(None, written)


def plain_login(token: Token) -> bool:
    """True for an unmarked word that can only be a login: unknown to the parser and login-shaped."""
    if token.concept is not None or token.marker or token.text in STOPWORDS or _CLOCK.match(token.text):
        return False
    return login_of(token.text).value is not None


def handles(u: Utterance, markers: str) -> list[Login]:
    """Logins written with one of `markers` ("@", "#"), plus twitch.tv links when "#" is asked for."""
    found: list[Login] = []
    for token in u.tokens:
        if token.marker and token.marker in markers:
            found.append(login_of(token.marker + token.text))
        elif token.concept == SLOT_CHANNEL_URL and "#" in markers:
            value = u.found.twitch[token.slot]
            found.append(Login(value, f"twitch.tv/{value or ''}"))
    return found


def _distinct(logins: list[Login]) -> list[Login]:
    seen: dict[str | None, Login] = {}
    for login in logins:
        seen.setdefault(login.value if login.value is not None else login.written, login)
    return list(seen.values())


def usernames(u: Utterance) -> list[Login]:
    """Chatters a flags request is about: "@x", "from x", "x's flags", "what did x say", or else the one
    word only a login can be."""
    found = handles(u, "@")
    for clause in u.clauses:
        tokens = clause.tokens
        for i, token in enumerate(tokens):
            j = i + 1
            while token.text in _NAMED_AFTER and j < len(tokens) and tokens[j].text in _NAMING:
                j += 1  # "from user x", "by a chatter called x": the name comes after the naming words
            after = tokens[j] if j < len(tokens) else None
            if (
                token.text in _BEFORE_USERNAME
                and after is not None
                and after.text not in _NAMING
                and after.text not in _SPANS
                and plain_login(after)
            ):
                found.append(login_of(after.text))
            elif token.possessive and plain_login(token) and after and after.concept in READ_OBJECTS:
                found.append(login_of(token.text))  # "xqc_fan99's flags"
    if not found:
        # "des messages louches de la part de b0ulette_zz ?": the one word only a login can be is the
        # chatter asked about, whatever words (in whatever language) lead to it.
        shaped_ones = _distinct(shaped_logins(u))
        found = shaped_ones if len(shaped_ones) == 1 else []
    if not found and (described := described_login(u.text)):
        found = [Login(described, described)]
    return _distinct(found)


def one_user_named(u: Utterance) -> str | None:
    """The one chatter `usernames` finds ("delete that message from snorbleflax"), if exactly one."""
    named = {login.value for login in usernames(u) if login.value}
    return named.pop() if len(named) == 1 else None


def one_shaped_login(u: Utterance) -> str | None:
    """The one word only a login can be ("xx_raider_xx is being a jerk, time them out"), if one."""
    found = {login.value for login in shaped_logins(u) if login.value}
    return found.pop() if len(found) == 1 else None


# "time out that guy toxicwaffle", "has quillmoth been flagged?": a chatter described, or asked about,
# by a plain word that is no word of the five languages (the intent model's corpus never had it).
_DESCRIBED_THEN_NAMED = re.compile(
    r"\b(?:that|this|the)\s+(?:guy|dude|person|user|chatter|viewer|account|troll|spammer)\s+@?([a-z0-9_]{3,25})\b"
    r"|\b(?:has|is|was|did)\s+@?([a-z0-9_]{3,25})\s+(?:been|get|got|gotten|ever\s+been)\s+(?:flagged|caught)\b"
    r"|\bflags\s+on\s+@?([a-z0-9_]{3,25})\b"
)


# "start watching lunarfoxx's chat", "I mod for tinkertoad, start watching his chat", "watch chat for
# pixelpaprika instead of mine": someone else's channel, named by a word no language has.
_THEIR_CHANNEL = re.compile(
    r"\b([a-z0-9_]{4,25})'s\s+(?:chat|stream|channel)\b"
    r"|\b(?:mod|mods|modding|moderate|moderating|moderator)\s+for\s+@?([a-z0-9_]{4,25})\b"
    # "el chat de lunaticaverde", "le chat de pixelbrioche", "den Chat von kaffeekobold", "o chat do x"
    r"|\b(?:chat|stream|channel|canal|kanal|chaine|live|directo)\s+(?:for|of|de|do|da|del|du|des|von|vom)\s+@?([a-z0-9_]{4,25})\b"
)
# "el chat de mi compa elgatotacho", "le chat de mon pote lerenardbleu", "den Chat von meinem Kollegen
# grueezi_gaming", "o canal do meu amigo tiozao", "ich bin Mod bei hannahbackt": a friend's, by name.
_FRIENDS_CHANNEL = re.compile(
    r"\b(?:chat|stream|channel|canal|kanal|chaine|live|directo)\s+(?:of|de|do|da|del|du|von|vom)\s+"
    r"(?:my|mi|mon|ma|meu|minha|meinem|meiner|meine|mein)\s+(?:friend|buddy|pal|mate|compa|amig[oa]|pote|ami|amie"
    r"|copain|copine|kollegen?|kollegin|freund\w*|kumpel|parceir[oa]|colega|cuate|pana)(?:\s+(?:channel|canal))?"
    r"\s*,?\s+@?(?P<name>[a-z0-9_]{4,25})\b"
    r"|\bmod\s+(?:bei|chez)\s+@?(?P<name2>[a-z0-9_]{4,25})\b"
)


# A word this long that no list has is a name, even if the model's hashed memory of words seems to know it.
_LONG_NAME = 10


def _uncommon(word: str) -> bool:
    """True for a login-shaped word that is neither the parser's nor a common word of the five languages."""
    return word not in STOPWORDS and word not in LEXICON and login_of(word).value is not None


def unknown_word(word: str) -> bool:
    """True for a word that is no word of the five languages: not the parser's, not the corpus's."""
    model = shipped()
    return not (word in STOPWORDS or word in LEXICON or (model is not None and model.knows(word)))


def elsewhere_unnamed(text: str) -> bool:
    """True when a DM says the chat to watch is not the streamer's own ("instead of mine", "not my
    channel"): without a name found for it, starting on their own would change something else."""
    return _ANOTHER_CHANNEL.search(text.lower()) is not None


# Only the own channel set aside counts: "my buddy's stream raided me, start" still starts on one's own.
_ANOTHER_CHANNEL = re.compile(
    r"\binstead\s+of\s+(?:mine|ours|my\s+(?:own\s+)?(?:channel|chat|stream))\b"
    r"|\bnot\s+(?:on\s+|in\s+)?my\s+(?:own\s+|main\s+)?(?:channel|chat)\b"
)
# What to ask then.
WHICH_CHANNEL = "Which channel should I chronicle? Send its name, e.g. 'start on pixel_wren'."


def their_channel(text: str) -> str | None:
    """The one channel a DM names as someone else's by a word no language has (`_THEIR_CHANNEL`,
    `_FRIENDS_CHANNEL`).
    Named right after a friend ("el chat de mi compa elgatotacho"), a word is a name unless it is one of
    the parser's or a common word: the model's memory of words it has seen is a hashed bitmap, and a name
    it never saw can share a bit with one it did."""
    said = text.lower()
    found = {
        word
        for match in _THEIR_CHANNEL.finditer(said)
        if (word := next(group for group in match.groups() if group))
        and (unknown_word(word) or (len(word) >= _LONG_NAME and _uncommon(word)))
    } | {
        word
        for match in _FRIENDS_CHANNEL.finditer(said)
        if _uncommon(word := match["name"] or match["name2"])
    }
    return login_of(found.pop()).value if len(found) == 1 else None


def described_login(text: str) -> str | None:
    """The chatter a DM names by a word no language has, right after describing them ("ban that guy
    toxicwaffle") or asking whether they were flagged ("has quillmoth been flagged?")."""
    for match in _DESCRIBED_THEN_NAMED.finditer(text.lower()):
        word = match[1] or match[2] or match[3]
        if unknown_word(word):
            return login_of(word).value
    return None


def channels(u: Utterance) -> list[Login]:
    """Channels named with "#", "@" or a twitch.tv link; failing those, unmarked words only a login can
    be ("start chronicling velvetotter_live", "channel=moss_and_ember": an underscore or a digit in a
    word the parser does not know), unless they name a chatter ("flags from xqc_fan99")."""
    marked = handles(u, "#@")
    if marked:
        return _distinct(marked)
    shaped = shaped_logins(u, not_after=_BEFORE_USERNAME - {"for", "called", "named"})
    called = _called(u)
    if len(shaped) > 1 and called:
        return _distinct(called)  # "channel name is now x_2 (it was x_1)": the one named as the channel
    return _distinct(shaped or called)


_CHANNEL_WORDS = frozenset({"channel", "kanal", "canal", "chaine", "chaîne"})
_DETERMINERS = frozenset({"my", "our", "your", "his", "her", "their", "a", "an", "the", "this", "that"})


def _called(u: Utterance) -> list[Login]:
    """An unknown word right after "channel" ("live on channel tinyhatwizard", "auf dem Kanal
    hexenkessel"): named as one, so it need not look like a login."""
    found: list[Login] = []
    for clause in u.clauses:
        tokens = clause.tokens
        for i, before in enumerate(tokens[:-1]):
            if _live_on(tokens, i):
                found.append(login_of(tokens[i + 1].text))  # "she's live on oonaxbytes": where
                continue
            if (
                before.possessive
                and tokens[i + 1].text in _CHANNEL_WORDS
                and plain_login(before)
                and (i == 0 or tokens[i - 1].text not in _DETERMINERS)  # "my friend's channel": no name
            ):
                found.append(login_of(before.text))  # "co-streaming from zeph0rine's channel"
                continue
            if before.text not in _CHANNEL_WORDS:
                continue
            j = i + 1
            if j < len(tokens) - 2 and tokens[j].text in _AT and tokens[j + 1].text == "twitch":
                j += 2  # "meu canal na twitch é x", "my channel on twitch is x": where, then the name
            while j < len(tokens) - 1 and tokens[j].text in _LINKING:
                j += 1  # "mi canal ahora es tacosyteclas", "channel is now x"
            if plain_login(tokens[j]) and tokens[j].text not in _LINKING | _NOT_A_NAME:
                found.append(login_of(tokens[j].text))
    return found + _named_after_comma(u)


# Words between "channel," and its name: "on my channel, it's quillbarrow", "mi canal, nebulacabra".
_APPOSITION = frozenset({"it's", "its", "it", "is", "es", "which", "called", "named", "that's", "thats"})
_AFTER_NAME = frozenset({"please", "pls", "plz", "thanks", "thx", "ty", "now", "rn", "tonight"})


def _named_after_comma(u: Utterance) -> list[Login]:
    """The channel named in the clause right after one that ends on "channel" ("can we get the
    chronicler rolling on my channel, it's quillbarrow"): that clause is the name alone."""
    found: list[Login] = []
    for clause, after in zip(u.clauses, u.clauses[1:], strict=False):
        if not clause.tokens or clause.tokens[-1].text not in _CHANNEL_WORDS:
            continue
        words = [t for t in after.tokens if t.text not in _APPOSITION and t.text not in _AFTER_NAME]
        if len(words) == 1 and plain_login(words[0]):
            found.append(login_of(words[0].text))
    return found


def _live_on(tokens: tuple[Token, ...], i: int) -> bool:
    """True when tokens[i] is the "on" of "live on <name>" / "streaming on <name>" and the name is no
    platform ("live on youtube" says where, not which channel)."""
    if tokens[i].text != "on" or i == 0:
        return False
    before = i - 1
    if before >= 2 and tokens[before].text.startswith("<dur:") and tokens[before - 1].text == "in":
        before -= 2  # "he's live in a minute on oskarbuild": when, then where
    if tokens[before].text not in _LIVE:
        return False
    name = tokens[i + 1]
    return plain_login(name) and name.text not in _PLATFORMS


_LIVE = frozenset({"live", "streaming", "golive"})
_PLATFORMS = frozenset(
    "twitch youtube yt kick tiktok facebook fb discord instagram ig x air stage cam camera obs streamlabs"
    " mobile phone console ps5 xbox switch pc".split()
)
# Words between "channel" and its name: "is", "now", "called", in the five languages.
# ... and whose it is: "la chaîne de brumedor", "o canal do x", "der Kanal von x".
_LINKING = frozenset(
    "name is now called named ahora es se llama agora e é est maintenant ist jetzt heisst"
    " de du des do da del von vom of".split()
)
# Words after "channel" that are no name: "chronicle that channel instead of mine".
_NOT_A_NAME = frozenset("instead too also again tho though anyway either".split())
_AT = frozenset({"on", "at", "in", "na", "no", "en", "sur", "auf", "bei", "de", "da", "do"})


def shaped(written: str) -> bool:
    """True for a word only a login can be: it has a digit or an underscore ("velvetotter_live")."""
    return any(c.isdigit() or c == "_" for c in written)


def shaped_logins(u: Utterance, *, not_after: frozenset[str] = frozenset()) -> list[Login]:
    """Unmarked words the parser does not know that only a login can be, in order; none right after a
    word in `not_after` ("flags from xqc_fan99" names a chatter, not a channel)."""
    found: list[Login] = []
    for clause in u.clauses:
        tokens = clause.tokens
        for before, token in zip((None, *tokens), tokens, strict=False):
            if shaped(token.text) and plain_login(token) and (before is None or before.text not in not_after):
                found.append(login_of(token.text))
    return found


_AFTER_CHANNEL = frozenset({"rn", "now", "pls", "plz", "please", "thx", "thanks", "tonight", "asap"})


def _end_of_name(tokens: tuple[Token, ...], end: int) -> int:
    """Where a channel ending the clause ends: before "rn", "pls", "tonight" after it, or how long ("for
    the next few hours", "for a bit")."""
    while end > 0 and (tokens[end - 1].text in _AFTER_CHANNEL or tokens[end - 1].concept == SLOT_TIME):
        end -= 1
    words = [t.text for t in tokens[:end]]
    if "for" in words:
        at = len(words) - 1 - words[::-1].index("for")
        if at + 1 < end and all(w in _HOW_LONG or w.startswith("<dur:") for w in words[at + 1 :]):
            end = at
    return end


_HOW_LONG = frozenset(
    "the next few a couple of an hours hrs hour minutes mins while bit him her them me us".split()
)


def _without_own_set_aside(tokens: tuple[Token, ...], end: int) -> int:
    """Where the clause ends before "instead of mine" (or "instead of my own channel") closing it: the
    streamer's own channel set aside after the one named ("chronicle velvetmoss instead of mine")."""
    words = [t.text for t in tokens[:end]]
    for i in range(len(words) - 2, 0, -1):
        if words[i : i + 2] == ["instead", "of"] and all(w in _OWN for w in words[i + 2 :]) and end > i + 2:
            return i
    return end


_OWN = frozenset({"mine", "my", "own", "usual", "channel", "one", "ours", "our", "main"})


def channel_after_preposition(clause: Clause) -> Login | None:
    """An unmarked channel ending a clause after "on"/"for"/...: "start chronicling on pixel_wren", also
    with "rn", "now", "pls" or "tonight" after it."""
    tokens = clause.tokens
    end = _without_own_set_aside(tokens, _end_of_name(tokens, len(tokens)))
    end = _end_of_name(tokens, end)
    for i in range(end - 1):
        before = tokens[i].text in _BEFORE_CHANNEL or tokens[i].text in _WATCHING
        # "live on obs", "start on youtube": where the stream goes out, no channel of its.
        if before and plain_login(tokens[i + 1]) and i + 2 == end and tokens[i + 1].text not in _PLATFORMS:
            return login_of(tokens[i + 1].text)
    return None
