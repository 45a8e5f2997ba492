"""Moderation requests: "timeout @x", "ban grumpy_otter", "mute rusty_hinge22 for me".

The bot flags, it never moderates: the handler answers politely, so this is a read-only candidate. The
verb must open a sentence (after "pls" or "can you" at most) and be followed by a login; "mute the
steward" names a mode, not a chatter, and "ban" said of anything else ("how do I ban someone") is talk.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from chronicler.contract.commands import MODES
from chronicler.nlp.rules import _intl as intl
from chronicler.nlp.rules._intents._base import Candidate
from chronicler.nlp.rules._lexicon import LEXICON, STOPWORDS
from chronicler.nlp.rules._logins import described_login, login_of, one_shaped_login, one_user_named, shaped
from chronicler.nlp.rules._utterance import Utterance

_REQUEST = re.compile(
    r"^(?:(?:pls|plz|please|yo|hey|ok|okay|can\s+(?:you|u)|could\s+(?:you|u)|just)\W+)*"
    r"(?:time\s*out|timeout|ban|permaban|perma\s*ban|kick|mute|block)\s+(?:request\W+)?"
    r"(?:(?:the\s+)?(?:user|chatter|viewer)\s+(?:(?:named|called)\s+)?)?"
    r"(?P<at>@?)(?P<login>[a-z0-9_]{3,25})\b(?:\s+(?P<next>\w+))?",
)
# "remove the user x from my chat", "get rid of x from chat": only with the chat they leave named, as
# "remove the webhook" removes something else.
_OUT_OF_CHAT = re.compile(
    r"^(?:(?:pls|plz|please|yo|hey|ok|okay|can\s+(?:you|u)|could\s+(?:you|u)|just)\W+)*"
    r"(?:remove|get\s+rid\s+of|throw|kick|boot)\s+(?:(?:the|that|this)\s+(?:user|chatter|viewer|guy|dude|wanker|idiot"
    r"|clown|troll|spammer|bot)\s+)?(?P<at>@?)(?P<login>[a-z0-9_]{3,25})"
    r"\s+(?:out\s+)?(?:of|from)\s+(?:my\s+|the\s+)?chat\b(?P<next>)"
)
# The same in the other four languages, with a login only a login can be ("bane o tiozao_gamer do chat",
# "banea a trolazo99"): "banea a todos", "bane geral" are said of everyone, often in a condition.
_REQUEST_ELSEWHERE = re.compile(
    r"^(?:(?:pls|por\s+favor|porfa|stp|bitte)\W+)*(?:bane|banea|banear|banir|bannis|banne|bann|expulsa|vire|virez)\s+"
    # "bann mal den Typen lolbot_xx", "vire ce connard de promo_follows": a few words describing them first.
    r"(?:(?:mal|den|die|das|ce|cette|le|la|les|o|a|al|el|este|esse|typen|typ|kerl|connard|mec|gars|tipo|cara"
    r"|pendejo|idiota|troll|de|du|des|do|da)\s+){0,3}"
    r"(?P<at>@?)(?P<login>[a-z0-9_]*[0-9_][a-z0-9_]*)\b(?:\s+(?P<next>\w+))?"
)
# "kick things off", "block it out": a plain word then a particle is a phrasal verb, not a chatter;
# a login only a login can be ("kick spam_bot99 off") or one marked with "@" still is one.
_PARTICLES = frozenset({"off", "up", "out", "on", "in", "back"})
_SENTENCES = re.compile(r"[.!?;,\n]+|\s+and\s+")
# "mute the bot that talks in chat" is our own Steward, described: no chatter (a lookahead for after "bot").
OUR_BOT_DESCRIBED = (
    r"(?!\s+(?:that|which|who)\s+(?:talk|repl|answer|respond|post|ping|chat|greet|welcome|nudge|prompt))"
)
# "ban that guy", "time out whoever is spamming", "ban the bots": a chatter no name is given for.
_SOMEONE = re.compile(
    r"^(?:him|her|them|whoever\b.*|(?:that|this|the)\s+(?:guy|dude|person|user|chatter|troll|spammer|bot)s?"
    r"|(?:the\s+)?(?:trolls|spammers|bots|scammers))\b"
    rf"{OUR_BOT_DESCRIBED}"
)
# Words after the verb that are no chatter.
_NOT_LOGINS = frozenset(
    {
        *MODES,
        "the",
        "this",
        "that",
        "them",
        "him",
        "her",
        "everyone",
        "chat",
        "all",
        "me",
        "my",
        "someone",
        "off",
        "out",
        "up",
        "on",
    }
)
_SCORE = 0.9
# "mute clip finding", "kick the report": a feature of ours after the verb, never a chatter.
_FEATURES = frozenset({"obj.clips", "obj.blog", "obj.ledger", "obj.stats", "obj.idle", "obj.webhook"})


def _names_a_feature(word: str) -> bool:
    entry = LEXICON.get(word)
    return (
        entry is not None
        and entry.concept is not None
        and (entry.concept in _FEATURES or entry.concept.startswith("mode."))
    )


def moderation(u: Utterance) -> Iterator[Candidate]:
    """Ban, time out, kick or mute a chatter, named or not ("ban that guy"): answered with what the bot
    can do instead."""
    for sentence in _SENTENCES.split(u.text.lower()):
        sentence = sentence.strip()
        match = _REQUEST.match(sentence) or _OUT_OF_CHAT.match(sentence) or _REQUEST_ELSEWHERE.match(sentence)
        if match is None:
            continue
        phrasal = match["next"] in _PARTICLES and not match["at"] and not shaped(match["login"])
        described = (
            _SOMEONE.match(sentence[match.start("login") :])
            or (intl.not_a_chatter(match["login"]) and match["login"] not in _NOT_LOGINS)
            # "ban please", "timeout for crumbleboss_", "time out the user spamming caps, its x": an ordinary
            # word after the verb is no name; the name is elsewhere, if anywhere.
            or (match["login"] in STOPWORDS and match["login"] not in _NOT_LOGINS and not phrasal)
        )
        if not match["at"] and described:
            # "kick the bot named free_stuff_4u": someone described, then named; or named anywhere by the one
            # word only a login can be ("timeout that guy spamming the copypasta, moss_gnawer", "ban moi
            # ce relou de x").
            named = intl.login_named(sentence[match.start("login") :]) or intl.login_named(u.text)
            login = named or one_shaped_login(u) or one_user_named(u) or described_login(u.text)
            yield Candidate("moderate", None, _SCORE, {"username": login} if login else {})
            return
        if match["login"] in _NOT_LOGINS or phrasal or _names_a_feature(match["login"]):
            continue
        login = login_of(match["login"]).value
        if login is not None:
            yield Candidate("moderate", None, _SCORE, {"username": login})
            return
