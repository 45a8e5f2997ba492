"""The Warden: flags spam and scams in Twitch chat for the streamer's review.

It never deletes or times out anything. Every chat message goes through ``Warden.check``, which
returns a ``Verdict`` naming the rule that fired (a stable id such as ``viewer_selling``), a score
between 0 and 1, and a reason a person understands.

Rule ids: ``blocked_term``, ``viewer_selling``, ``follow_for_follow``, ``self_promotion``,
``discord_scam``, ``fake_giveaway``, ``crypto_scam``, ``easy_money``, ``adult_bait``,
``artist_pitch``, ``link_shortener``, ``throwaway_domain``, ``phishing_link``,
``first_message_link``, ``copy_paste_raid``. Two weak signs only ever add to other evidence and
never flag alone: ``outside_link`` (an ordinary link) and ``first_message`` (the chatter's first
message in the channel).

A Warden keeps a little state per channel (recent texts, for raids), so give each chronicled
stream its own and call it from one thread or event loop.

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
from chronicler.domain.warden._warden import Warden

__all__ = [
    "usable_terms",
    "BadLineError",
    "ConfigError",
    "Verdict",
    "Warden",
    "WardenConfig",
    "WardenError",
    "learned_pattern",
    "load_known_bots",
    "normalize",
    "phrasing_key",
]
