"""The Librarian: clip candidates, notable discussion and blog seeds, read from chat.

Pure decision logic: messages in, records out; the caller persists them and wires the LLM.

- `ClipDetector` (streaming) and `detect_clips` (batch) find moments worth clipping: chat-rate
  spikes against a rolling baseline, emote bursts and "clip it" calls (see `core.librarian.clips`).
- `DiscussionArchiver` (streaming) keeps real questions, the replies that answer them and long
  thoughtful messages (see `core.librarian.discussion`).
- `propose_blog_seeds` (at session end) turns recurring topics into post ideas, optionally worded
  by an LLM writer (see `core.librarian.seeds`).

Errors:

    core.errors.InvalidInput   a setting is out of range (`field` names it): the caller can fix it
    ValueError                 a message time without a zone: a bug upstream, not user input

A failing writer never raises here: its failure is logged and the template wording is used.
"""

from chronicler.domain.librarian._emotes import EMOTES, emotes_in
from chronicler.domain.librarian.clips import ClipCandidate, ClipConfig, ClipDetector, detect_clips
from chronicler.domain.librarian.discussion import (
    DiscussionArchiver,
    DiscussionConfig,
    NotableKind,
    NotableMessage,
)
from chronicler.domain.librarian.seeds import BlogSeed, propose_blog_seeds

__all__ = [
    "EMOTES",
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
    "propose_blog_seeds",
]
