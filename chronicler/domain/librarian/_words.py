"""Reading chat text: words that carry meaning, mentions, links, and what a question looks like."""

from __future__ import annotations

import re
from collections.abc import Sequence

from chronicler.domain.librarian._emotes import emotes_in
from chronicler.domain.wording import LINK

MENTION = re.compile(r"@(\w+)")
# Emoji written out as ":rabbit_face:" by some clients and logs.
_SHORTCODE = re.compile(r":[a-z0-9_+-]+:")
# A word is letters, with inner apostrophes or hyphens ("don't", "auto-chess").
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")

_QUESTION_WORDS = frozenset("who whom whose what whats what's when where which why how hows how's".split())
_AUXILIARIES = frozenset(
    "is isn't are aren't was were do does did don't doesn't didn't can can't could should would will "
    "won't have has".split()
)
# "is this...", "do you...", "can anyone...": an auxiliary then one of these opens a question.
_SUBJECTS = frozenset(
    "i you u he she it this that they we there chat anyone anybody someone somebody".split()
)

# English function words, very common words, the filler of chat and swearing: none makes a topic.
STOP_WORDS: frozenset[str] = frozenset(
    """
    a about above after again against ago all almost also although always am among an and another any
    anybody anyone anything anyway anywhere are aren't around as at away back be became because become
    been before being below best better between both but by came can can't cannot could couldn't did
    didn't do does doesn't doing don't done down during each either else enough even ever every
    everybody everyone everything few for from further get gets getting give go goes going gone got
    gotta had hadn't has hasn't have haven't having he he'd he'll he's her here here's hers herself him
    himself his how how's however i i'd i'll i'm i've if in into is isn't it it's its itself just keep
    kind know let let's like likely made make makes many may maybe me might mine more most much must my
    myself need needs never new next no nobody none nor not nothing now of off often oh ok okay old on
    once one only or other others our ours ourselves out over own part per perhaps please put quite
    rather really right said same say says see seem seems seen shall she she'd she'll she's should
    shouldn't since so some somebody someone something sometimes soon still such sure take than that
    that's the their theirs them themselves then there there's these they they'd they'll they're
    they've thing things think this those though through thus till to today together too took toward
    under until up upon us use used very want wanted wants was wasn't way we we'd we'll we're we've
    well went were weren't what what's whatever when whenever where where's whether which while who
    who's whoever whole whom whose why will with within without won't would wouldn't yet you you'd
    you'll you're you've your yours yourself yourselves

    afk ah aha bro bruh btw chat cuz dude eh fr gg gj gonna guys guy haha hahaha hah hey hi hello hm hmm
    idk ikr im imo jk k kinda lmao lmfao lol lul lmk man mate nah nope np nvm omg pls plz pog sir ty
    u ur xd ya yah yea yeah yep yes yo yup wanna wtf wow ppl thx thanks thank dont cant wont didnt
    doesnt isnt wasnt thats whats youre ive id ill hes shes theyre stream streamer watching watch time
    day good bad nice cool great lot lots little big stuff guess true actually literally probably
    look looks looking play playing played game games tho though instead saw fine come comes coming
    type day days eat mean means tell told find found care lost feel feels felt wait help imagine call
    called stop start end left long hard easy fun funny sad happy real name last try people show world
    year years week first true false god life love die dies died dead kill kills killed

    ass bitch crap damn fuck fucked fucking hell shit shitty
    """.split()
)


def words(text: str) -> list[str]:
    """The words of a message with links, mentions and emotes taken out, in their original case."""
    if "@" in text or "." in text:
        text = MENTION.sub(" ", LINK.sub(" ", text))
    if ":" in text:
        text = _SHORTCODE.sub(" ", text)
    tokens = text.split()
    emotes = emotes_in(tokens)
    if emotes:
        tokens = [token for token in tokens if token not in emotes]
    return _WORD.findall(" ".join(tokens))


def mentions(text: str) -> list[str]:
    """The logins a message @-mentions, lower-cased."""
    return [name.lower() for name in MENTION.findall(text)]


def opens_like_question(tokens: Sequence[str]) -> bool:
    """True when the first words open a question: "how do...", "is this...", "do you...".

    Works on raw tokens or on words; "what a play" is an exclamation, not a question.
    """
    if len(tokens) < 3:
        return False
    first, second = tokens[0].lower(), tokens[1].lower()
    if first in _QUESTION_WORDS:
        return second not in ("a", "an")
    return first in _AUXILIARIES and second in _SUBJECTS


def looks_like_question(text: str, message_words: Sequence[str]) -> bool:
    """True when the text ends with "?" or its words open like a question."""
    return text.rstrip().endswith("?") or opens_like_question(message_words)


def shouting(message_words: Sequence[str]) -> bool:
    """True when most letters are capitals: chat copypastas and spam are written that way."""
    letters = "".join(message_words)
    return len(letters) >= 8 and sum(map(str.isupper, letters)) * 2 > len(letters)
