"""Notable discussion: real questions, the replies that answer them, and long thoughtful messages.

Chat is mostly emotes, one-word reactions and copypastas; the archiver keeps the rest:

- question: ends with "?" or opens like one ("how do you...", "is this..."), with at least
  `question_min_words` words that are not emotes, mentions or links;
- answer: a reply that @-mentions someone whose archived question is at most `answer_window`
  old, from someone else, with at least `answer_min_words` words; a question gets at most
  `max_answers` answers, one per chatter. Twitch's reply button writes "@asker ..." itself, so
  this catches threaded replies too. A question in such a reply is a follow-up question that
  replies to the first;
- thoughtful: at least `thoughtful_min_words` words (emotes, mentions and links do not count) in
  a message of at least `thoughtful_min_chars` characters, mostly words rather than emotes, and
  without links (those are more often ads than thoughts).

Copypastas are not discussion: shouted text (mostly capitals), text that repeats its own words,
and longer text already seen in recent chat are never archived. Known bots are ignored entirely.
"""

from __future__ import annotations

from collections import OrderedDict, deque
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from chronicler.contract.errors import InvalidInput
from chronicler.domain.chat import ChatMessage
from chronicler.domain.librarian._words import (
    looks_like_question,
    mentions,
    opens_like_question,
    shouting,
    words,
)
from chronicler.domain.wording import LINK

NotableKind = Literal["question", "answer", "thoughtful"]

# Bounds on memory: open questions waiting for answers, and recent texts kept to spot copypastas.
_OPEN_QUESTIONS = 200
_RECENT_TEXTS = 2000
_TEXT_KEY_CHARS = 80
_COPYPASTA_MIN_WORDS = 6
# Copypastas repeat themselves; real sentences rarely use fewer distinct words than this share.
_MIN_DISTINCT_SHARE = 0.6
_MAX_EMOTE_SHARE = 0.25


@dataclass(frozen=True)
class DiscussionConfig:
    """What counts as notable discussion."""

    question_min_words: int = 3
    answer_min_words: int = 2
    thoughtful_min_words: int = 12
    thoughtful_min_chars: int = 60
    answer_window: timedelta = timedelta(minutes=3)
    max_answers: int = 3

    def __post_init__(self) -> None:
        for name in (
            "question_min_words",
            "answer_min_words",
            "thoughtful_min_words",
            "thoughtful_min_chars",
            "max_answers",
        ):
            if getattr(self, name) < 1:
                raise InvalidInput(f"{name} must be at least 1", field=name)
        if self.answer_window <= timedelta(0):
            raise InvalidInput("answer_window must be longer than zero", field="answer_window")


@dataclass(frozen=True)
class NotableMessage:
    """A chat message worth keeping, what kind it is, and why it was kept."""

    message: ChatMessage
    kind: NotableKind
    reply_to: str | None  # message_id of the question this one answers or follows up
    reason: str


class _OpenQuestion:
    __slots__ = ("message", "asked_at", "answered_by")

    def __init__(self, message: ChatMessage) -> None:
        self.message = message
        self.asked_at = message.sent_at
        self.answered_by: set[str] = set()


class DiscussionArchiver:
    """Picks notable discussion out of a live chat, one message at a time, in bounded memory."""

    def __init__(
        self, config: DiscussionConfig | None = None, *, known_bots: frozenset[str] = frozenset()
    ) -> None:
        self._config = config or DiscussionConfig()
        self._bots = frozenset(login.lower() for login in known_bots)
        self._open: OrderedDict[str, _OpenQuestion] = OrderedDict()  # asker login -> latest question
        self._seen: set[str] = set()
        self._seen_order: deque[str] = deque()

    def feed(self, message: ChatMessage) -> list[NotableMessage]:
        """Judge one message; return it as notable (at most once), or nothing."""
        if message.chatter_login in self._bots:
            return []
        config = self._config
        text = message.text
        tokens = text.split()
        # Cheap tests first: most chat is short and can be none of the three kinds.
        asked = self._open_question_mentioned(message) if "@" in text and self._open else None
        maybe_question = "?" in text or (len(tokens) >= 3 and opens_like_question(tokens))
        maybe_thoughtful = (
            len(tokens) >= config.thoughtful_min_words and len(text) >= config.thoughtful_min_chars
        )
        if asked is None and not maybe_question and not maybe_thoughtful:
            return []
        message_words = words(text)
        if shouting(message_words) or _repetitive(message_words):
            return []
        # Short texts repeat innocently ("is it free?"); long ones that repeat are copypastas.
        if len(message_words) >= _COPYPASTA_MIN_WORDS and self._already_seen(message_words):
            return []
        question = looks_like_question(text, message_words)
        if asked is not None:
            return self._reply(message, message_words, question, asked)
        if question and len(message_words) >= config.question_min_words:
            self._ask(message)
            addressed = [name for name in mentions(text) if name != message.chatter_login]
            reason = f"a question for {', '.join(addressed)}" if addressed else "a question to chat"
            return [NotableMessage(message, "question", None, reason)]
        if (
            maybe_thoughtful
            and len(message_words) >= config.thoughtful_min_words
            and len(message_words) >= (1 - _MAX_EMOTE_SHARE) * len(tokens)
            and LINK.search(text) is None
        ):
            return [
                NotableMessage(
                    message, "thoughtful", None, f"a long, thoughtful message ({len(message_words)} words)"
                )
            ]
        return []

    def _open_question_mentioned(self, message: ChatMessage) -> _OpenQuestion | None:
        """The still-open question of someone this message @-mentions (not the sender's own)."""
        self._expire(message.sent_at)
        for name in mentions(message.text):
            asked = self._open.get(name)
            if asked is not None and name != message.chatter_login:
                return asked
        return None

    def _reply(
        self, message: ChatMessage, message_words: list[str], question: bool, asked: _OpenQuestion
    ) -> list[NotableMessage]:
        """A message in reply to an open question: a follow-up question, an answer, or neither."""
        config = self._config
        asker = asked.message.chatter_login
        if question:
            if len(message_words) < config.question_min_words:
                return []
            self._ask(message)
            return [
                NotableMessage(
                    message, "question", asked.message.message_id, f"a follow-up to {asker}'s question"
                )
            ]
        if (
            len(message_words) < config.answer_min_words
            or message.chatter_login in asked.answered_by
            or len(asked.answered_by) >= config.max_answers
        ):
            return []
        asked.answered_by.add(message.chatter_login)
        return [NotableMessage(message, "answer", asked.message.message_id, f"answers {asker}'s question")]

    def _ask(self, message: ChatMessage) -> None:
        self._expire(message.sent_at)
        login = message.chatter_login
        self._open[login] = _OpenQuestion(message)
        self._open.move_to_end(login)
        if len(self._open) > _OPEN_QUESTIONS:
            self._open.popitem(last=False)

    def _expire(self, now: datetime) -> None:
        """Forget questions too old to be answered; the oldest are first."""
        horizon = now - self._config.answer_window
        while self._open:
            login, asked = next(iter(self._open.items()))
            if asked.asked_at >= horizon:
                break
            del self._open[login]

    def _already_seen(self, message_words: list[str]) -> bool:
        """Remember this text; True if it was already in recent chat (a copypasta or a repeat)."""
        key = " ".join(message_words).casefold()[:_TEXT_KEY_CHARS]
        if not key:
            return False
        if key in self._seen:
            return True
        self._seen.add(key)
        self._seen_order.append(key)
        if len(self._seen_order) > _RECENT_TEXTS:
            self._seen.discard(self._seen_order.popleft())
        return False


def _repetitive(message_words: list[str]) -> bool:
    """True for text that mostly repeats itself ("NO NO NO NO", a pasted line three times)."""
    if len(message_words) < 5:
        return False
    distinct = len({word.casefold() for word in message_words})
    return distinct < _MIN_DISTINCT_SHARE * len(message_words)
