"""`chronicler interactions USERNAME`: the streamer's recent DMs, as the audit trail recorded them."""

from __future__ import annotations

import json

import click

from chronicler.cli.context import CliContext
from chronicler.store.interactions import recent_interactions
from chronicler.store.users import find_credentials


@click.command()
@click.argument("username")
@click.option("--limit", type=click.IntRange(1, 200), default=20, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.pass_obj
def interactions(obj: CliContext, username: str, limit: int, as_json: bool) -> None:
    """Show USERNAME's recent DMs: text, parser, command, latency and the reply."""
    found = find_credentials(obj.db, username)
    if found is None:
        raise click.ClickException(f"no user named {username!r}")
    for item in reversed(recent_interactions(obj.db, found[0].id, limit=limit)):
        if as_json:
            click.echo(json.dumps(item, ensure_ascii=False))
            continue
        command = json.dumps(item["command"], ensure_ascii=False) if item["command"] else "-"
        fallback = " (fell back)" if any(e for e in item["errors"]) and item["parser"] == "rules" else ""
        click.echo(
            f"{item['created_at'][:19]}  [{item['parser']}{fallback}, {item['latency_ms']:.0f} ms]  "
            f"{item['text']!r}\n    -> {command}\n    <- {item['reply'][:200]!r}"
        )
