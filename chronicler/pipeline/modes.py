"""Runs the enabled modes over each chat message and collects what they decided.

A raid into the channel (`RaidArrived`) is no chat message: it goes to the Warden, which reads the
raiders' greetings as a welcome, and to the Librarian, which leaves the raid's welcomes and pastes
out of its clips for a few minutes (they would otherwise pass for a burst of chat worth a clip).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from chronicler.domain.chat import ChatMessage, RaidArrived
from chronicler.domain.librarian import (
    CLIP_FLOOR,
    ClipCandidate,
    ClipConfig,
    ClipDetector,
    DiscussionArchiver,
    NotableMessage,
)
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

# Candidates down to the floor are stored: the ledger keeps the stream's best (`clip_budget`), so a
# small, slow chat gets its moments too (2.0, the old bar, left most such streams with none).
_CLIPS = ClipConfig(min_score=CLIP_FLOOR)


class ModeRunner:
    """The modes of one session; Warden, Librarian and Steward per message.

    The Hearthkeeper is the scheduler's. `apply` turns modes on and off during the session (the
    streamer said "turn off the steward", for tonight or for good).
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
        started_at: datetime | None = None,
    ) -> None:
        self.modes = dict(modes)
        self._started_at = started_at  # the session's start: the Steward's uptime answers come from it
        self._bot_login = bot_login
        self._known_bots = known_bots
        self._theme = theme
        self._writer = writer
        self._warden_built = warden  # kept while the Warden is off, for when it is turned on again
        self._warden = warden if modes["warden"].enabled else None
        librarian = modes["librarian"].enabled
        self._clips = ClipDetector(_CLIPS) if librarian else None
        self._discussion = DiscussionArchiver(known_bots=known_bots) if librarian else None
        self.activity = ChatActivity(known_bots=known_bots | {bot_login})
        self.last_raid: RaidArrived | None = None  # the latest raid into the channel this session
        self._steward = self._new_steward(modes["steward"]) if modes["steward"].enabled else None

    def _new_steward(self, setting: ModeSetting) -> Steward:
        return Steward(
            self._bot_login,
            known_bots=self._known_bots,
            suppression=ResponseSuppression(setting.active_chat_threshold),
            writer=self._writer,
            theme=self._theme,
            started_at=self._started_at,
        )

    def apply(self, modes: dict[str, ModeSetting]) -> list[ClipCandidate]:
        """Go on with `modes` from the next message; the clips a Librarian turned off still had open.

        A mode turned off stops at once; one turned on starts afresh (the Librarian with no chat
        behind it, the Warden with what it was last taught).
        """
        closed: list[ClipCandidate] = []
        if modes["warden"].enabled and self._warden is None:
            self._warden = self._warden_built
            if self.last_raid is not None:
                self._warden.observe_raid(self.last_raid)
        elif not modes["warden"].enabled:
            self._warden = None
        if modes["librarian"].enabled and self._clips is None:
            self._clips = ClipDetector(_CLIPS)
            self._discussion = DiscussionArchiver(known_bots=self._known_bots)
        elif not modes["librarian"].enabled and self._clips is not None:
            closed = self._clips.flush()
            self._clips = self._discussion = None
        steward = modes["steward"]
        if not steward.enabled:
            self._steward = None
        elif (
            self._steward is None
            or steward.active_chat_threshold != self.modes["steward"].active_chat_threshold
        ):
            self._steward = self._new_steward(steward)
        self.modes = dict(modes)
        return closed

    def enabled(self, mode: str) -> bool:
        """Whether `mode` runs in this session now."""
        return self.modes[mode].enabled

    def handle(self, message: ChatMessage) -> Decisions:
        """Run every enabled mode over one message."""
        self.activity.observe(message)
        verdict = self._warden.check(message) if self._warden is not None else None
        if verdict is not None and not verdict.flagged:
            verdict = None
        clips: Sequence[ClipCandidate] = ()
        notables: Sequence[NotableMessage] = ()
        if self._clips is not None and self._discussion is not None:
            # A message the Warden flagged (a scam raid's paste) is no reaction: the detector skips it.
            clips = self._clips.feed(message, flagged=verdict is not None)
            # Nor is it notable discussion: a scam's "free nitro?" is no question for the ledger.
            notables = self._discussion.feed(message) if verdict is None else ()
        reply = None
        if self._steward is not None and verdict is None:
            reply = self._steward.consider(message, self.activity, message.sent_at)
        if verdict is None and not clips and not notables and reply is None:
            return NOTHING
        return Decisions(verdict, notables, clips, reply)

    def observe_raid(self, raid: RaidArrived) -> None:
        """Another channel raided this one: tell the Warden, and the Librarian to skip its welcome."""
        self.last_raid = raid
        if self._warden is not None:
            self._warden.observe_raid(raid)
        if self._clips is not None:
            self._clips.observe_raid(raid.at)

    def replace_warden(self, warden: Warden) -> None:
        """Judge from the next message on with `warden` (built with what the streamer taught since)."""
        self._warden_built = warden  # the one to turn on, should the Warden be off now
        if self._warden is None:
            return  # the Warden is off for this session, for now
        if self.last_raid is not None:
            warden.observe_raid(self.last_raid)  # the raid's welcome goes on being one
        self._warden = warden

    def finish(self) -> list[ClipCandidate]:
        """Close any clip window still open at the end of the session."""
        return self._clips.flush() if self._clips is not None else []
