"""A streamer's Warden settings (blocked terms with * wildcards, allowed domains), stored and applied."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from chronicler.contract.errors import InvalidInput
from chronicler.domain.warden import WardenConfig, usable_terms
from chronicler.store import Database
from chronicler.store.flag_reviews import lessons

log = logging.getLogger(__name__)

MAX_ENTRIES = 200


def warden_config(db: Database, user_id: int, *, known_bots: frozenset[str]) -> WardenConfig:
    """The Warden configuration for one streamer: their own lists, and what their answers on flags taught."""
    row = db.select_one("user_settings", {"user_id": user_id}) or {}
    terms, dropped = usable_terms(row.get("blocked_terms") or ())
    if dropped:
        # Stored before today's limits: the session starts without them rather than not at all.
        log.warning("user %d: blocked terms set aside (over the limits): %s", user_id, list(dropped))
    taught = lessons(db, user_id)
    return WardenConfig(
        blocked_terms=terms,
        allowed_domains=tuple(row.get("allowed_domains") or ()),
        known_bots=known_bots,
        trusted_chatters=frozenset(taught.trusted_chatters),
        allowed_phrasings=frozenset(taught.allowed_phrasings),
        learned_patterns=taught.learned_patterns,
    )


def get_warden_settings(db: Database, user_id: int) -> dict[str, Any]:
    """What the streamer set: blocked terms and allowed domains."""
    row = db.select_one("user_settings", {"user_id": user_id}) or {}
    return {
        "blocked_terms": list(row.get("blocked_terms") or []),
        "allowed_domains": list(row.get("allowed_domains") or []),
    }


def update_warden_settings(db: Database, user_id: int, changes: dict[str, list[str]]) -> dict[str, Any]:
    """Replace the given lists.

    Each is checked by building the Warden's config, so bad entries never get stored.
    """
    merged = {**get_warden_settings(db, user_id), **changes}
    for name, values in merged.items():
        if len(values) > MAX_ENTRIES:
            raise InvalidInput(f"{name}: at most {MAX_ENTRIES} entries", field=name)
    # A bad entry raises the Warden's ConfigError: an InvalidInput already, whose `field` names the list.
    WardenConfig(
        blocked_terms=tuple(merged["blocked_terms"]), allowed_domains=tuple(merged["allowed_domains"])
    )
    db.upsert(
        "user_settings",
        {"user_id": user_id, **merged, "updated_at": datetime.now(UTC)},
        conflict=["user_id"],
        returning=None,
    )
    return merged
