"""The Librarian: clip candidates, notable discussion and blog seeds, read from chat.

Pure decision logic: messages in, records out; the caller persists them and wires the LLM.

- `ClipDetector` (streaming) and `detect_clips` (batch, best first) find moments worth clipping:
  many distinct chatters reacting at once against a rolling baseline, reaction words and emotes in
  several languages, "clip it" calls; each tagged funny, hype, shock, sad or wholesome (see
  `domain.librarian.clips` and `_reactions`); whether a burst is a reaction rather than talk is
  judged by a small model fit on labelled fast chat (`ChatTally`, `_burst`). Flagged messages
  never count.
- `select_clips` keeps a finished stream's best candidates, about `PER_TEN_MINUTES` per ten minutes
  of it and none under `CLIP_FLOOR` (see `_budget`).
- `MarkerPacing` picks the strong candidates that get a Twitch stream marker (score >= `MARK_SCORE`,
  one per `MARK_EVERY`) and `marker_description` says what it reads (see `markers`).
- `DiscussionArchiver` (streaming) keeps real questions, the replies that answer them and long
  thoughtful messages (see `core.librarian.discussion`).
- `propose_blog_seeds` (at session end) turns recurring topics into post ideas, optionally worded
  by an LLM writer (see `core.librarian.seeds`).

Errors:

    core.errors.InvalidInput   a setting is out of range (`field` names it): the caller can fix it
    ValueError                 a message time without a zone: a bug upstream, not user input

A failing writer never raises here: its failure is logged and the template wording is used.
"""

from chronicler.domain.librarian._budget import CLIP_FLOOR, PER_TEN_MINUTES, clip_budget, select_clips
from chronicler.domain.librarian._burst import ChatTally, tally_chat
from chronicler.domain.librarian._emotes import EMOTES, emotes_in
from chronicler.domain.librarian._reactions import KINDS, ReactionKind, classify, reaction_kinds
from chronicler.domain.librarian.clips import (
    MIN_SCORE,
    ClipCandidate,
    ClipConfig,
    ClipDetector,
    detect_clips,
    rank,
)
from chronicler.domain.librarian.discussion import (
    DiscussionArchiver,
    DiscussionConfig,
    NotableKind,
    NotableMessage,
)
from chronicler.domain.librarian.markers import (
    MARK_EVERY,
    MARK_SCORE,
    MarkerPacing,
    StreamMarkers,
    marker_description,
)
from chronicler.domain.librarian.seeds import BlogSeed, propose_blog_seeds

__all__ = [
    "CLIP_FLOOR",
    "ChatTally",
    "EMOTES",
    "PER_TEN_MINUTES",
    "KINDS",
    "MIN_SCORE",
    "ReactionKind",
    "MARK_EVERY",
    "MARK_SCORE",
    "MarkerPacing",
    "StreamMarkers",
    "classify",
    "clip_budget",
    "reaction_kinds",
    "tally_chat",
    "BlogSeed",
    "ClipCandidate",
    "ClipConfig",
    "ClipDetector",
    "DiscussionArchiver",
    "DiscussionConfig",
    "NotableKind",
    "NotableMessage",
    "detect_clips",
    "emotes_in",
    "marker_description",
    "propose_blog_seeds",
    "rank",
    "select_clips",
]
