"""`chronicler parse`: what a DM means, as the command JSON."""

from __future__ import annotations

import dataclasses
import json
import sys
from typing import IO

import click

from chronicler.cli.context import CliContext
from chronicler.cli.llm import llm_config
from chronicler.nlp.factory import PARSER_KINDS, make_parser
from chronicler.nlp.jsonl import describe, parse_results


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
@click.option(
    "--verbose",
    "-v",
    is_flag=True,
    help="Also say, on stderr, which parser answered and why (fallbacks, retries, grounding, latency).",
)
@click.pass_obj
def parse(obj: CliContext, text: str | None, jsonl: IO[str] | None, kind: str, verbose: bool) -> None:
    """Print the command TEXT parses to, or one command per line of --jsonl input, in order."""
    if (text is None) == (jsonl is None):
        raise click.UsageError("give either TEXT or --jsonl FILE")
    config = llm_config(obj.settings)
    if config is not None:
        # One-shot: no background warm-up racing the DMs this command is about to send.
        config = dataclasses.replace(config, warm_up=False)
    try:
        parser = make_parser(kind, config)  # type: ignore[arg-type]
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    lines = [json.dumps({"text": text})] if text is not None else jsonl
    for command, result in parse_results(parser, lines):  # type: ignore[arg-type]
        sys.stdout.write(json.dumps(command, ensure_ascii=False) + "\n")
        sys.stdout.flush()
        if verbose and result is not None:
            click.echo(describe(result), err=True)
