"""A streamer's Warden settings (blocked terms, allowed domains) from their stored preferences."""

from __future__ import annotations

from core.db import Database
from core.warden import WardenConfig


def warden_config(db: Database, user_id: int, *, known_bots: frozenset[str]) -> WardenConfig:
    """The Warden configuration for one streamer."""
    row = db.select_one("user_settings", {"user_id": user_id}) or {}
    return WardenConfig(
        blocked_terms=tuple(row.get("blocked_terms") or ()),
        allowed_domains=tuple(row.get("allowed_domains") or ()),
        known_bots=known_bots,
    )
