"""`chronicler db ...`: schema migrations."""

from __future__ import annotations

import click

from chronicler.cli.context import CliContext, settings_database_url
from chronicler.store import upgrade


@click.group()
def db() -> None:
    """Database maintenance."""


@db.command("upgrade")
@click.pass_obj
def db_upgrade(obj: CliContext) -> None:
    """Apply the migrations not applied yet (also done at every start)."""
    applied = upgrade(settings_database_url(obj.settings))
    click.echo(
        f"applied {len(applied)} migration(s): {', '.join(applied)}" if applied else "schema is up to date"
    )
