"""Runs the enabled modes over each chat message and collects what they decided."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from core.chat import ChatMessage
from core.librarian import ClipCandidate, ClipDetector, DiscussionArchiver, NotableMessage
from core.mode_settings import ModeSetting
from core.policies import ChatActivity, ResponseSuppression, Steward, Writer
from core.warden import Verdict, Warden


@dataclass
class Decisions:
    """What the modes made of one message."""

    verdict: Verdict | None = None
    notables: list[NotableMessage] = field(default_factory=list)
    clips: list[ClipCandidate] = field(default_factory=list)
    reply: str | None = None


class ModeRunner:
    """The modes of one session; Warden, Librarian and Steward per message (the Hearthkeeper is the scheduler's)."""

    def __init__(
        self,
        modes: dict[str, ModeSetting],
        *,
        warden: Warden,
        bot_login: str,
        known_bots: frozenset[str],
        theme: str | None = None,
        writer: Writer | None = None,
        started_at: datetime | None = None,
    ) -> None:
        self._warden = warden if modes["warden"].enabled else None
        librarian = modes["librarian"].enabled
        self._clips = ClipDetector() if librarian else None
        self._discussion = DiscussionArchiver(known_bots=known_bots) if librarian else None
        self.activity = ChatActivity(known_bots=known_bots | {bot_login}, started_at=started_at)
        self._steward = Steward(
            bot_login,
            known_bots=known_bots,
            suppression=ResponseSuppression(modes["steward"].active_chat_threshold),
            writer=writer,
            theme=theme,
        ) if modes["steward"].enabled else None

    def handle(self, message: ChatMessage) -> Decisions:
        """Run every enabled mode over one message."""
        decisions = Decisions()
        self.activity.observe(message)
        if self._warden is not None:
            verdict = self._warden.check(message)
            if verdict.flagged:
                decisions.verdict = verdict
        if self._clips is not None and self._discussion is not None:
            decisions.clips = self._clips.feed(message)
            decisions.notables = self._discussion.feed(message)
        if self._steward is not None and decisions.verdict is None:
            decisions.reply = self._steward.consider(message, self.activity, message.sent_at)
        return decisions

    def finish(self) -> list[ClipCandidate]:
        """Close any clip window still open at the end of the session."""
        return self._clips.flush() if self._clips is not None else []
