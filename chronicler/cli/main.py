"""The `chronicler` command: the one entry point that reads the environment and wires the parts."""

from __future__ import annotations

import os
import sys

import click

from chronicler.cli import accounts, db, demo, interactions, parse, replay, scheduler, serve, twitch, warden
from chronicler.cli import bot as bot_cli
from chronicler.cli import clips as clips_cli
from chronicler.cli.context import CliContext, configure_logging
from chronicler.config.settings import SettingsError, load_settings
from chronicler.contract.errors import ChroniclerError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--env-file", default=".env", show_default=True, help="Optional file of settings.")
@click.pass_context
def cli(ctx: click.Context, env_file: str) -> None:
    """Sanctum Chronicler: a self-hosted assistant for Twitch streamers."""
    try:
        settings = load_settings(env_file=env_file)
    except SettingsError as exc:
        raise click.ClickException(str(exc)) from exc
    configure_logging(settings.log_level)
    context = CliContext(settings)
    ctx.obj = context
    ctx.call_on_close(context.close)


for command in (
    db.db,
    accounts.user,
    accounts.link_code,
    serve.api,
    serve.run,
    twitch.twitch,
    twitch.simulate,
    replay.replay,
    warden.warden_command,
    parse.parse,
    interactions.interactions,
    bot_cli.bot,
    bot_cli.console,
    scheduler.scheduler,
    demo.demo,
    clips_cli.clips,
):
    cli.add_command(command)


def main() -> None:
    """Console-script entry point."""
    # What the product writes (secrets, logs, ledgers, the journal, the database) is the operator's
    # alone; set here, once, so every part and every child process inherits it.
    os.umask(0o077)
    try:
        cli(standalone_mode=True, prog_name="chronicler")
    except KeyboardInterrupt:
        sys.exit(130)
    except ChroniclerError as exc:
        # Raised on purpose, with a message meant for the operator ("could not start the embedded
        # PostgreSQL in ..."): a traceback would bury it.
        click.echo(f"Error: {exc}", err=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
