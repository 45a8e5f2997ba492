"""What every command gets: the settings read once at start, and lazily opened services."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

import click

from chronicler.config.secrets import with_secrets
from chronicler.config.settings import Settings
from chronicler.store import Database, connect, database_url


def settings_database_url(settings: Settings) -> str:
    """DATABASE_URL, or the embedded server under the data folder (started on first use)."""
    return database_url(settings.database_url, settings.pg_data)


def open_database(settings: Settings) -> Database:
    """The configured database, migrated, behind a pool sized by the settings."""
    return connect(
        settings_database_url(settings), pool_min=settings.db_pool_min, pool_max=settings.db_pool_max
    )


@dataclass
class CliContext:
    """Settings plus the database, opened on first use and closed at exit."""

    settings: Settings
    _db: Database | None = field(default=None, repr=False)
    opener: Callable[[Settings], Database] = field(default=open_database, repr=False)  # tests pass their own

    def secured(self) -> Settings:
        """Settings with development secrets filled in (refused in production)."""
        self.settings = with_secrets(self.settings)
        return self.settings

    @property
    def db(self) -> Database:
        """The migrated database (starting the embedded server when needed).

        Interrupted while opening it (Ctrl-C, or `chronicler run` stopping its parts during start-up),
        the command ends quietly with status 130: nothing had started yet.
        """
        if self._db is None:
            try:
                self._db = self.opener(self.settings)
            except KeyboardInterrupt:
                raise click.exceptions.Exit(130) from None
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
