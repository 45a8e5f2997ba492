"""`chronicler user add|set-password` and `chronicler link-code`: account chores from the terminal."""

from __future__ import annotations

import secrets
import sys

import click

from chronicler.accounts import Accounts
from chronicler.cli.context import CliContext
from chronicler.contract.errors import UserError
from chronicler.store.users import find_credentials


@click.group()
def user() -> None:
    """Streamer accounts."""


@user.command("add")
@click.argument("username")
@click.option("--channel", help="The streamer's Twitch channel (login).")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@click.pass_obj
def user_add(obj: CliContext, username: str, channel: str | None, password_stdin: bool) -> None:
    """Create an account (the default way; the API's /register is off unless enabled)."""
    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = click.prompt("Password (8 to 72 bytes)", hide_input=True, confirmation_prompt=True)
    accounts = Accounts.from_settings(obj.db, obj.secured())
    try:
        created = accounts.register(username, password, twitch_channel=channel)
    except UserError as exc:
        raise click.ClickException(exc.message) from exc
    click.echo(f"created user {created.username} (id {created.id})")


@user.command("set-password")
@click.argument("username")
@click.option("--password-stdin", is_flag=True, help="Read the new password from standard input.")
@click.option("--generate", is_flag=True, help="Make up a password and print it (as `chronicler run` did).")
@click.pass_obj
def user_set_password(obj: CliContext, username: str, password_stdin: bool, generate: bool) -> None:
    """Give USERNAME a new password (a lost one cannot be read back); their logins end."""
    if generate:
        password = secrets.token_urlsafe(12)
    elif password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = click.prompt("New password (8 to 72 bytes)", hide_input=True, confirmation_prompt=True)
    accounts = Accounts.from_settings(obj.db, obj.secured())
    try:
        changed = accounts.set_password(username, password)
    except UserError as exc:
        raise click.ClickException(exc.message) from exc
    click.echo(f"new password for {changed.username}" + (f": {password}" if generate else " set"))


@click.command("link-code")
@click.argument("username")
@click.pass_obj
def link_code(obj: CliContext, username: str) -> None:
    """Print a one-time code that links USERNAME's Discord account: DM the bot `link <code>`."""
    found = find_credentials(obj.db, username)
    if found is None:
        raise click.ClickException(f"no user named {username!r}")
    code, expires_at = Accounts.from_settings(obj.db, obj.secured()).create_link_code(found[0].id)
    click.echo(f"link code for {found[0].username}: {code} (valid until {expires_at:%H:%M} UTC)")
    click.echo(f"DM the Chronicler bot on Discord: link {code}")


def ensure_local_user(accounts: Accounts) -> tuple[str, str] | None:
    """On a fresh install, create the user `streamer` with a random password and return both."""
    from chronicler.store.users import count_users

    if count_users(accounts.db) > 0:
        return None
    password = secrets.token_urlsafe(12)
    accounts.register("streamer", password)
    return "streamer", password
