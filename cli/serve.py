"""`chronicler api` and `chronicler run`: serving the product."""

from __future__ import annotations

import json

import click
from waitress import serve as waitress_serve

from api import create_app
from cli.accounts import ensure_local_user
from cli.context import CliContext


@click.command()
@click.pass_obj
def api(obj: CliContext) -> None:
    """Serve the JSON API with waitress (a production WSGI server)."""
    settings = obj.secured()
    app = create_app(settings, db=obj.db)
    click.echo(f"API on http://{settings.api_host}:{settings.api_port} (Ctrl-C stops)")
    waitress_serve(app, host=settings.api_host, port=settings.api_port, threads=settings.api_threads,
                   ident="chronicler")


@click.command()
@click.pass_obj
def run(obj: CliContext) -> None:
    """Run the product on this machine: database, migrations, a first user, and the API."""
    settings = obj.secured()
    app = create_app(settings, db=obj.db)
    created = ensure_local_user(app.extensions["chronicler"].accounts)
    base = f"http://{settings.api_host}:{settings.api_port}"
    if created:
        username, password = created
        body = json.dumps({"username": username, "password": password})
        click.echo(f"\nCreated the local user '{username}' with password: {password}")
        click.echo("Keep it; log in with:")
        click.echo(f"  curl -s -X POST {base}/api/login -H 'Content-Type: application/json' -d '{body}'\n")
    click.echo(f"API on {base} (health: {base}/health). Ctrl-C stops.")
    waitress_serve(app, host=settings.api_host, port=settings.api_port, threads=settings.api_threads,
                   ident="chronicler")
