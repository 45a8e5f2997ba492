"""News of the stream: it went live ("I'm live!", "bin live", "ya estoy en vivo") or is over ("offline now",
"that's a wrap", "já terminei o direto"), in the five languages.

A DM to the bot that is nothing but such news asks for chronicling started or stopped: streamers tell
the bot, they do not always command it. News beside other words ("I'm live on youtube", "that's a wrap
on the boss fight") asks nothing: the words beside it may be what it is about.
"""

from __future__ import annotations

import re

from chronicler.nlp.rules import _intl as intl
from chronicler.nlp.rules._lexicon import ANNOUNCE_DONE, ANNOUNCE_LIVE, FILLER, GREETING, SLOT_NUMBER, THANKS
from chronicler.nlp.rules._text import clean
from chronicler.nlp.rules._utterance import Utterance, analyse

# English news is read by the lexicon's phrases (ANNOUNCE_LIVE, ANNOUNCE_DONE); these are the other
# languages' and English forms the phrases leave to the model ("i just ended", "raided out").
_LIVE = re.compile(
    r"\b(?:en\s+(?:vivo|directo|direto|live|ondes)|ao\s+vivo|al\s+aire|(?:stream|live)\s+l(?:ae|a)uft"
    r"|bin\s+live|ich\s+bi\s+live|jsuis\s+en\s+live|on\s+est\s+live|je\s+suis\s+en\s+live|estoy\s+live"
    r"|(?:just\s+)?went\s+live|we\s+live|(?:i'?m|we'?re)\s+back\s+on|stream'?s\s+up)\b"
)
_DONE = re.compile(
    r"\b(?:offline|fertig|vorbei|feierabend|schluss|(?:ya\s+)?(?:acabe|termine)|se\s+acabo|on\s+a\s+fini"
    r"|c'?est\s+fini|j'?ai\s+fini|acabei|terminei|acabou|(?:i\s+)?(?:just\s+)?ended(?:\s+(?:the\s+)?stream)?"
    r"|raided\s+out|we'?re\s+done|(?:bin|sind)\s+durch|ya\s+no\s+estoy\s+(?:live|en\s+vivo|en\s+directo)"
    r"|(?:je\s+suis|jsuis|j'?suis)\s+plus\s+en\s+live|(?:i'?m|we'?re)\s+(?:no\s+longer\s+live|not\s+live\s+any\s*more)"
    r"|ending\s+(?:it\s+)?now)\b"
)
# Done with what? Alone, "I'm done" is as often a reaction ("I'm done 😂") as the stream over.
_DONE_WITH_WHAT = re.compile(r"\W*(?:i'?m|i\s+am|we'?re|we\s+are)\s+(?:done|finished)\W*")
# Words beside the news that ask nothing of their own: a greeting to chat, a time, "get ready".
_BESIDE = frozenset(
    """
    gg everyone all chat guys folks yay finally again here in a the for now rn tonight today min mins
    minutes sec secs second get ready go ok okay so and we i it's its lets let's hey hi hello yo woo
    do your ur thing
    """.split()
)
_QUIET = frozenset({FILLER, GREETING, THANKS, SLOT_NUMBER})


def told(text: str) -> bool:
    """True when a DM says the stream went live or is over, in a language the lexicon's phrases do not
    read ("stop bitte, bin offline")."""
    plain = intl.unaccented(text.lower())
    return bool(_LIVE.search(plain) or _DONE.search(plain))


def only_news(u: Utterance, live: bool) -> bool:
    """True when a DM is nothing but news of the stream gone live (`live`) or over, with greetings,
    thanks and polite words beside it: "I'm live! 🎮", "gg everyone, offline now", "bin live!"."""
    news, other = (ANNOUNCE_LIVE, ANNOUNCE_DONE) if live else (ANNOUNCE_DONE, ANNOUNCE_LIVE)
    plain = intl.unaccented(u.text.lower())
    if len(re.findall(r"[^\W\d_]+", plain)) < 2 or _DONE_WITH_WHAT.fullmatch(plain):
        return False  # "offline", "vorbei", "I'm done": what chat says of the stream, or of anything
    ours, theirs = (_LIVE, _DONE) if live else (_DONE, _LIVE)
    if theirs.search(plain) or any(t.concept == other for t in u.tokens):
        return False
    said = any(t.concept == news for t in u.tokens)
    if ours.search(plain):
        said = True
        u = analyse(clean(ours.sub(" ", plain)))
    return said and all(t.concept in _QUIET or t.concept == news or t.text in _BESIDE for t in u.tokens)
