"""Is a burst of fast chat a reaction? A small logistic model over what the burst's messages look like.

Fast chat is not always a moment: chat also speeds up over a topic (a question to the streamer,
an argument, a copypasta) or when a raid says hello. A person labelled 651 fast-chat windows of 19
real VODs (../shared/data/reactions) as a reaction (laughter, excitement, shock, disappointment) or
not ("special topic", "other"). What tells them apart, in the windows' messages alone:

- reactions: the share of messages that are reactions in the lexicon (`_reactions.py`);
- emote_only: the share of messages that are nothing but emotes ("KEKW", "catJAM catJAM");
- shouting: the share written in capitals ("WHAT", "NO WAY"), emotes left out;
- words: log(1 + words per message): a reaction is short, talk is long;
- repeats: the share of messages that say exactly what one of the few before them said (chat
  echoing one line: on its own, with the rest, it leans to a copypasta rather than a reaction);
- questions: the share of messages that ask something (talk, not a reaction);
- greetings: the share of "hi", "hello" (a stream's start, a raid);
- clip_calls: the share of "clip it" and the like.

`WEIGHTS` and `BIAS` are a logistic regression over these, fit by tools/fit_burst_model.py on the
TUNE VODs of bench/reactions.py's split only (EVAL is never read there); the script prints the
block below and its leave-one-VOD-out figures. Who wrote the messages is not in that data, so how
many different chatters took part is left to the clip score's breadth (`clips._score`).
"""

from __future__ import annotations

import functools
import math
import re
from collections import deque
from collections.abc import Iterable
from typing import NamedTuple

from chronicler.domain.librarian._emotes import emotes_in
from chronicler.domain.librarian._reactions import ReactionKind, is_greeting, reaction_kinds
from chronicler.domain.librarian._words import looks_like_question, shouting, words
from chronicler.domain.notices import NoticeKind, twitch_notice

# "clip it", "CLIP THAT", "someone clip this", "clip pls", "CLIPPED", a bare "clip!"; not "old clip".
CLIP_CALL = re.compile(r"\bclip(?:\s*(?:it|that|this|pls|plz|please)\b|ped\b)|^\W*clip\W*$", re.IGNORECASE)
# A command to a chat bot: "!" and a letter ("!join", "!uptime"), not a shouted "!!!" or "!?".
_COMMAND = re.compile(r"^![^\W\d_]")
# A message repeats when it says what one of the last `_ECHO` messages said: close echoes are what
# copy-paste looks like (on TUNE this told reactions apart better than repeats over a whole burst),
# and the memory stays a few lines however long the burst.
_ECHO = 8
# The clip score's reaction factor is `_WEIGHT_FLOOR + _WEIGHT_SCALE * chance`, as it was a floor plus
# the share of reaction messages before the model: a strong spike of talk still counts for a little.
# The model is surer than the lexicon share was (a laughing burst reads 0.9, where the lexicon caught
# 0.6 of its messages), so the scale was set on TUNE for the score to keep its meaning: `MIN_SCORE`
# gives as many candidates on the busiest TUNE log as before (22, now 21), and `CLIP_FLOOR` and
# `MARK_SCORE` stay as they were. Other floors and scales ranked no better there.
_WEIGHT_FLOOR = 0.35
_WEIGHT_SCALE = 0.8

FEATURES = (
    "reactions",
    "emote_only",
    "shouting",
    "words",
    "repeats",
    "questions",
    "greetings",
    "clip_calls",
)
# Fit by tools/fit_burst_model.py (TUNE VODs of ../shared/data/reactions only); do not edit by hand.
WEIGHTS: tuple[float, ...] = (4.500, 4.209, 5.282, -2.937, -4.255, -2.688, -13.098, 78.354)
BIAS = 1.581


class Traits(NamedTuple):
    """What one message looks like, as the model reads it."""

    reaction: bool
    greeting: bool
    kinds: frozenset[ReactionKind]  # the reactions it shows; none for a greeting
    emotes: tuple[str, ...]  # the distinct emotes in it
    emote_only: bool
    shouting: bool
    words: int
    question: bool
    clip_call: bool
    command: bool  # "!giveaway", "!uptime": addressed to a bot, not a word to chat
    notice: NoticeKind | None  # Twitch's own line in a chat export (a raid, a sub): no chatter wrote it


# Chat repeats itself: each distinct text is read once (the detector reads every message).
@functools.lru_cache(maxsize=8192)
def traits(text: str) -> Traits:
    """How one message reads: reaction or greeting, emotes only, shouting, words, question, clip call."""
    tokens = text.split()
    greeting = is_greeting(text)
    kinds = frozenset[ReactionKind]() if greeting else reaction_kinds(text)
    emotes = emotes_in(tokens) if tokens else set()
    # Shouting needs 8 letters and a question's opening 3 words: most chat lines have neither, and
    # reading their words is the costliest part (bench/librarian.py times it).
    plain = words(text) if len(tokens) >= 3 or len(text) >= 8 else []
    return Traits(
        reaction=bool(kinds),
        greeting=greeting,
        kinds=kinds,
        emotes=tuple(emotes),
        emote_only=bool(tokens) and all(token in emotes for token in tokens),
        shouting=shouting(plain),
        words=len(tokens),
        # "???" and "what?!" are shock, not a question.
        question=not kinds and looks_like_question(text, plain),
        clip_call="clip" in text.lower() and CLIP_CALL.search(text) is not None,
        command=_COMMAND.match(text.lstrip()) is not None,
        notice=twitch_notice(text),
    )


class ChatTally:
    """Counts of a stretch of chat's messages by trait, in bounded memory; tallies merge."""

    __slots__ = (
        "messages",
        "reactions",
        "greetings",
        "emote_only",
        "shouting",
        "words",
        "questions",
        "clip_calls",
        "repeats",
        "_recent",
    )

    def __init__(self) -> None:
        self.messages = 0
        self.reactions = 0
        self.greetings = 0
        self.emote_only = 0
        self.shouting = 0
        self.words = 0
        self.questions = 0
        self.clip_calls = 0
        self.repeats = 0
        self._recent: deque[str] = deque(maxlen=_ECHO)

    def add(self, text: str) -> Traits:
        """Count one message; return how it reads.

        A blank message is not counted: it says nothing of what chat is doing (chat exports keep an
        emote-only line as an empty one), so it neither dilutes a reaction nor makes talk look short.
        Nor is a bot command: a giveaway's "!join" from every chatter is no reaction to the stream;
        nor Twitch's own notices (a gift bomb's fifty "gifted a Tier 1 sub" lines).
        """
        read = traits(text)
        if read.command or read.notice or not text.strip():
            return read
        self.messages += 1
        self.reactions += read.reaction
        self.greetings += read.greeting
        self.emote_only += read.emote_only
        self.shouting += read.shouting
        self.words += read.words
        self.questions += read.question
        self.clip_calls += read.clip_call
        said = text.strip()
        recent = self._recent
        self.repeats += said in recent
        recent.append(said)
        return read

    def merge(self, other: ChatTally) -> None:
        """Add another tally's counts to this one (a hot bucket joining a candidate).

        Echoes across the seam are not looked for: a bucket's tally already counted its own.
        """
        self.messages += other.messages
        self.reactions += other.reactions
        self.greetings += other.greetings
        self.emote_only += other.emote_only
        self.shouting += other.shouting
        self.words += other.words
        self.questions += other.questions
        self.clip_calls += other.clip_calls
        self.repeats += other.repeats

    def features(self) -> tuple[float, ...]:
        """The model's inputs, in the order of `FEATURES`."""
        n = max(self.messages, 1)
        return (
            self.reactions / n,
            self.emote_only / n,
            self.shouting / n,
            math.log1p(self.words / n),
            self.repeats / n,
            self.questions / n,
            self.greetings / n,
            self.clip_calls / n,
        )

    def weight(self) -> float:
        """The clip score's reaction factor: the floor plus the scaled chance, less the greetings' share.

        Greetings never count, whatever the model says of the rest: a raid's hellos are no moment.
        """
        greeted = self.greetings / max(self.messages, 1)
        return (_WEIGHT_FLOOR + _WEIGHT_SCALE * self.reacting()) * (1 - greeted)

    def reacting(self) -> float:
        """The chance, by the model, that this stretch of fast chat is a reaction (0 when empty)."""
        if not self.messages:
            return 0.0
        logit = BIAS + sum(w * x for w, x in zip(WEIGHTS, self.features(), strict=True))
        return 1 / (1 + math.exp(-logit))


def tally_chat(texts: Iterable[str]) -> ChatTally:
    """A tally of these messages' texts."""
    counts = ChatTally()
    for text in texts:
        counts.add(text)
    return counts
