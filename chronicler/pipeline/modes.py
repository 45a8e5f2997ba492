"""Runs the enabled modes over each chat message and collects what they decided."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from chronicler.domain.chat import ChatMessage
from chronicler.domain.librarian import ClipCandidate, ClipDetector, DiscussionArchiver, NotableMessage
from chronicler.domain.policies import ChatActivity, ResponseSuppression, Steward, Writer
from chronicler.domain.warden import Verdict, Warden
from chronicler.store.mode_settings import ModeSetting


@dataclass(frozen=True, slots=True)
class Decisions:
    """What the modes made of one message."""

    verdict: Verdict | None = None
    notables: Sequence[NotableMessage] = ()
    clips: Sequence[ClipCandidate] = ()
    reply: str | None = None


# Most messages move no mode to act: they all share this one (no allocation on the hot path).
NOTHING = Decisions()


class ModeRunner:
    """The modes of one session; Warden, Librarian and Steward per message.

    The Hearthkeeper is the scheduler's.
    """

    def __init__(
        self,
        modes: dict[str, ModeSetting],
        *,
        warden: Warden,
        bot_login: str,
        known_bots: frozenset[str],
        theme: str | None = None,
        writer: Writer | None = None,
    ) -> None:
        self._warden = warden if modes["warden"].enabled else None
        librarian = modes["librarian"].enabled
        self._clips = ClipDetector() if librarian else None
        self._discussion = DiscussionArchiver(known_bots=known_bots) if librarian else None
        self.activity = ChatActivity(known_bots=known_bots | {bot_login})
        self._steward = (
            Steward(
                bot_login,
                known_bots=known_bots,
                suppression=ResponseSuppression(modes["steward"].active_chat_threshold),
                writer=writer,
                theme=theme,
            )
            if modes["steward"].enabled
            else None
        )

    def handle(self, message: ChatMessage) -> Decisions:
        """Run every enabled mode over one message."""
        self.activity.observe(message)
        verdict = self._warden.check(message) if self._warden is not None else None
        if verdict is not None and not verdict.flagged:
            verdict = None
        clips: Sequence[ClipCandidate] = ()
        notables: Sequence[NotableMessage] = ()
        if self._clips is not None and self._discussion is not None:
            clips = self._clips.feed(message)
            notables = self._discussion.feed(message)
        reply = None
        if self._steward is not None and verdict is None:
            reply = self._steward.consider(message, self.activity, message.sent_at)
        if verdict is None and not clips and not notables and reply is None:
            return NOTHING
        return Decisions(verdict, notables, clips, reply)

    def finish(self) -> list[ClipCandidate]:
        """Close any clip window still open at the end of the session."""
        return self._clips.flush() if self._clips is not None else []
