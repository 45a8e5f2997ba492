"""`chronicler parse`: what a DM means, as the command JSON."""

from __future__ import annotations

import json
import sys
from typing import IO

import click

from chronicler.cli.context import CliContext
from chronicler.cli.llm import llm_config
from chronicler.nlp.factory import PARSER_KINDS, make_parser
from chronicler.nlp.jsonl import parse_lines


@click.command()
@click.argument("text", required=False)
@click.option(
    "--jsonl", "jsonl", type=click.File("r"), help='Read lines {"text": ...} from FILE (- for stdin).'
)
@click.option(
    "--parser",
    "kind",
    type=click.Choice(PARSER_KINDS),
    default="auto",
    show_default=True,
    help="auto: the LLM when one is configured, else the built-in parser.",
)
@click.pass_obj
def parse(obj: CliContext, text: str | None, jsonl: IO[str] | None, kind: str) -> None:
    """Print the command TEXT parses to, or one command per line of --jsonl input, in order."""
    if (text is None) == (jsonl is None):
        raise click.UsageError("give either TEXT or --jsonl FILE")
    try:
        parser = make_parser(kind, llm_config(obj.settings))  # type: ignore[arg-type]
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    if text is not None:
        click.echo(json.dumps(parser.parse(text).command.to_json(), ensure_ascii=False))
        return
    for command in parse_lines(parser, jsonl):  # type: ignore[arg-type]
        sys.stdout.write(json.dumps(command, ensure_ascii=False) + "\n")
        sys.stdout.flush()
