"""`chronicler warden`: score chat lines given as JSON lines with the Warden."""

from __future__ import annotations

from typing import TextIO

import click

from chronicler.domain.warden import ConfigError, Warden, WardenConfig
from chronicler.domain.warden.jsonl import check_lines


@click.command("warden")
@click.option(
    "--jsonl",
    "source",
    type=click.File("r", encoding="utf-8", errors="replace"),
    required=True,
    help='JSON lines {"text", "username"?, "badges"?, "first_message"?, "sent_at"?} to score, and '
    '{"event": "raid", "from", "viewers", "sent_at"?} when another channel raids; "-" reads stdin.',
)
@click.option(
    "--allow-domain", "allowed_domains", multiple=True, help="A domain never treated as spam (repeatable)."
)
@click.option(
    "--block-term", "blocked_terms", multiple=True, help="A term to flag, '*' as wildcard (repeatable)."
)
@click.option("--channel", default="jsonl", show_default=True, help="Channel login, so links to it are fine.")
def warden_command(
    source: TextIO, allowed_domains: tuple[str, ...], blocked_terms: tuple[str, ...], channel: str
) -> None:
    """Print one verdict line per input line, in order: {"flagged", "rule", "score", "reason"}.

    A raid line is answered too, unflagged and with "event": "raid", so answers still pair with lines.
    """
    try:
        config = WardenConfig(allowed_domains=allowed_domains, blocked_terms=blocked_terms)
    except ConfigError as error:
        raise click.UsageError(str(error)) from error
    for line in check_lines(source, Warden(config), channel=channel.lower()):
        # click.echo flushes after every line, so a reader on the other end of a pipe sees each
        # verdict as soon as its input line is scored.
        click.echo(line)
