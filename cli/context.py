"""What every command gets: the settings read once at start, and lazily opened services."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from config.secrets import with_secrets
from config.settings import Settings
from core.db import Database, connect


@dataclass
class CliContext:
    """Settings plus the database, opened on first use and closed at exit."""

    settings: Settings
    _db: Database | None = field(default=None, repr=False)

    def secured(self) -> Settings:
        """Settings with development secrets filled in (refused in production)."""
        self.settings = with_secrets(self.settings)
        return self.settings

    @property
    def db(self) -> Database:
        """The migrated database (starting the embedded server when needed)."""
        if self._db is None:
            self._db = connect(self.settings)
        return self._db

    def close(self) -> None:
        """Release the pool."""
        if self._db is not None:
            self._db.close()
            self._db = None


def configure_logging(level: str) -> None:
    """One log format for every process of the product."""
    logging.basicConfig(
        level=level.upper(),
        format="%(asctime)s %(levelname)-7s %(name)s: %(message)s",
        datefmt="%H:%M:%S",
    )
    # pgserver narrates every initdb/pg_ctl call at INFO; its warnings still show.
    logging.getLogger("pgserver").setLevel(logging.WARNING)
    logging.getLogger("yoyo").setLevel(logging.WARNING)
