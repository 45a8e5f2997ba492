"""The Warden: flags spam and scams in Twitch chat for the streamer's review.

It never deletes or times out anything. Every chat message goes through ``Warden.check``, which
returns a ``Verdict`` naming the rule that fired (a stable id such as ``viewer_selling``), a score
between 0 and 1, and a reason a person understands.

Rule ids: ``blocked_term``, ``learned_pattern`` (matches spam the streamer confirmed earlier),
``viewer_selling``, ``follow_for_follow``, ``self_promotion``, ``discord_scam`` (asks to be added on
Discord, posts an invite), ``contact_handle`` (hands out a Discord or chat-app handle),
``follow_scam`` (the "I can connect you with a big streamer, add him on Discord" pitch),
``fake_giveaway``, ``crypto_scam``, ``easy_money``, ``adult_bait``, ``artist_pitch``,
``link_shortener``, ``throwaway_domain``, ``phishing_link``, ``first_message_link``,
``copy_paste_raid``, and ``spam_model`` (the learned model, for what no rule names; its cue is the
reason). Weak signs only ever add to other evidence and never flag alone: ``outside_link`` (an
ordinary link), ``first_message`` (the chatter's first message in the channel; it weighs more with a
contact handle) and ``follow_opener`` ("I dropped a follow").

A reason says why in words, with the other evidence in brackets and, when only part of the message
fired, a short quote of that part: ``asks you to add a Discord handle (first message in the
channel): "discord: name_01"``. The message itself is stored and shown beside it.

Context, as a moderator reads chat: a copy-paste raid needs a payload (a link, a contact, other
evidence) or a crowd of brand-new chatters, so a community's own copypasta is never one; for a few
minutes after ``Warden.observe_raid`` the raiders' greetings and first words are a welcome. What the
streamer taught is applied: trusted chatters and allowed phrasings are never flagged, learned
patterns flag like blocked terms.

A Warden keeps a little state per channel (recent texts, for raids; the latest raid), so give each
chronicled stream its own and call it from one thread or event loop. ``Warden(config, model=...)``
takes the learned model: the shipped one by default, ``None`` for the rules alone.

Exceptions: ``WardenError`` is the base of what the Warden raises on purpose: ``ConfigError`` (a
setting cannot be used; ``field`` names it, e.g. ``blocked_terms``) and ``BadLineError`` (one JSONL
input line is unusable). Both are also ``InvalidInput`` and ``ValueError``; the product's one error
tree is drawn in ``chronicler.contract.errors``.

Example::

    warden = Warden(WardenConfig(allowed_domains=("mysite.com",), blocked_terms=("free v*bucks",)))
    verdict = warden.check(message)
    if verdict.flagged:
        print(verdict.rule, verdict.score, verdict.reason)
"""

from __future__ import annotations

from chronicler.domain.warden._blocked import usable_terms
from chronicler.domain.warden._config import WardenConfig, load_known_bots
from chronicler.domain.warden._errors import BadLineError, ConfigError, WardenError
from chronicler.domain.warden._learning import learned_pattern, phrasing_key
from chronicler.domain.warden._normalize import normalize
from chronicler.domain.warden._verdict import Verdict
from chronicler.domain.warden._warden import SpamScorer, Warden

__all__ = [
    "usable_terms",
    "BadLineError",
    "ConfigError",
    "SpamScorer",
    "Verdict",
    "Warden",
    "WardenConfig",
    "WardenError",
    "learned_pattern",
    "load_known_bots",
    "normalize",
    "phrasing_key",
]
