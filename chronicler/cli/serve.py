"""`chronicler api` and `chronicler run`: serving the product, one part or all of it.

`run` prepares the machine (secrets, database, migrations, a first user), then supervises the parts
as child processes (`cli.supervisor`): the API, the Twitch worker (the chat simulator without Twitch
credentials), the scheduler and, with a Discord token, the bot. Without one, the conversation runs
in this terminal instead, once the API answers. Ctrl-C, Ctrl-D or SIGTERM stops everything.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click
from waitress import serve as waitress_serve

from chronicler.accounts import Accounts, User
from chronicler.api import create_app
from chronicler.bot.console import Terminal
from chronicler.bot.wording import count
from chronicler.cli.accounts import ensure_local_user
from chronicler.cli.bot import converse_in_terminal, local_user
from chronicler.cli.context import CliContext
from chronicler.config.settings import Settings
from chronicler.runtime.supervisor import Child, Supervisor, chronicler_argv, interrupt_on_termination

SIMULATOR_SPEED = "20"  # `make run` without Twitch: a stream's chat, twenty times faster than real time
HEALTH_TIMEOUT_S = 60.0
FLAG_PAGE = 200  # the ticker counts flags up to this many ("200+" beyond)
TICKER_EVERY_S = 5.0  # a line of chat counts at most this often (piped input: no status line)
STATUS_EVERY_S = 2.0  # the status line under the console's prompt, redrawn in place

TRY_THIS = """
The API answers at {api_url} (health: {api_url}/health).
Talk to the Chronicler here as you would in a Discord DM. Try, one after the other:
  start chronicling tonight's stream     chat starts flowing ({source})
  show today's flagged messages          what the Warden caught, for your review
  stop                                   the Scribe writes the ledger and says where it is
  help                                   everything else it understands
Ctrl-D or Ctrl-C stops everything. Each part logs to {logs}/.
"""


@click.command()
@click.pass_obj
def api(obj: CliContext) -> None:
    """Serve the JSON API with waitress (a production WSGI server)."""
    settings = obj.secured()
    app = create_app(settings, db=obj.db)
    click.echo(f"API on http://{settings.api_host}:{settings.api_port} (Ctrl-C stops)")
    waitress_serve(app, **server_options(settings))


def server_options(settings: Settings) -> dict[str, Any]:
    """waitress's settings for a server that may face the open internet, not only this machine."""
    return {
        "host": settings.api_host,
        "port": settings.api_port,
        "threads": settings.api_threads,
        "ident": "chronicler",
        # waitress's default of 100 let 110 idle connections stop the API answering at all;
        # an idle one is closed after 30 s instead of 120.
        "connection_limit": 1000,
        "channel_timeout": 30,
        # Refused with a 413 as the body arrives, rather than spooled to disk (a 256 MB body was)
        # before Flask's own MAX_CONTENT_LENGTH check.
        "max_request_body_size": settings.max_body_bytes,
        "max_request_header_size": 64 * 1024,
    }


@click.command()
@click.option(
    "--no-console",
    is_flag=True,
    help="Run headless (API, Twitch worker, scheduler) until Ctrl-C: no conversation here.",
)
@click.pass_obj
def run(obj: CliContext, no_console: bool) -> None:
    """Run the whole product on this machine: API, Twitch worker, scheduler, and the bot or this console."""
    refuse_a_busy_port(obj.settings)
    prepared = prepare(obj)
    settings = prepared.settings
    announce(prepared)
    console = not no_console and not settings.discord_token
    # The console shares the terminal: the API's everyday lines would only be in its way, and the
    # others' go through the console's terminal, above its prompt while it waits for a line.
    terminal = Terminal(sys.stdin, sys.stdout) if console else None
    children = product_children(settings, worker=worker_argv(settings), quiet={"api"} if console else set())
    supervisor = Supervisor(
        children,
        echo=terminal.echo if terminal is not None else click.echo,
        log_dir=logs_folder(settings),
        on_failure=_interrupt_the_console if console else None,
    )
    with interrupt_on_termination():
        supervisor.start()
        try:
            if terminal is not None:
                _converse(obj, prepared, supervisor, terminal)
            else:
                click.echo("Ctrl-C stops everything.")
                supervisor.wait()
        except KeyboardInterrupt:
            pass
        finally:
            click.echo("\nstopping…")
            supervisor.stop()
    if supervisor.failure:
        raise click.ClickException(f"stopped: {supervisor.failure}")
    click.echo("stopped.")


def _converse(obj: CliContext, prepared: Prepared, supervisor: Supervisor, terminal: Terminal) -> None:
    """Once the API answers: what to type, then the conversation in this terminal with a chat ticker.

    At a prompt the ticker's counts are the status line under it; else (piped input) a line now and then.
    """
    settings = prepared.settings
    wait_for_api(settings.api_url, supervisor)
    source = "Twitch" if settings.twitch_configured else f"synthetic, {SIMULATOR_SPEED}× real time"
    terminal.echo(TRY_THIS.format(api_url=settings.api_url, source=source, logs=logs_folder(settings)))
    accounts = Accounts.from_settings(obj.db, settings)
    status = terminal.set_status if terminal.interactive else None
    if status is not None:
        status(chat_status(None, api_ok=True))  # it has just answered; the ticker says more at once
    ticker = ChatTicker(
        settings.api_url,
        lambda: accounts.access.issue(prepared.user.id)[0],
        lambda line: terminal.echo(supervisor.prefix("chat") + line),
        status=status,
        every=STATUS_EVERY_S if status is not None else TICKER_EVERY_S,
    )
    ticker.start()
    try:
        converse_in_terminal(obj, prepared.user.username, "auto", terminal)
    finally:
        ticker.stop()


# -- preparing ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Prepared:
    """The machine made ready: settings with secrets, the local streamer, its password when just created."""

    settings: Settings
    user: User
    password: str | None


def prepare(obj: CliContext) -> Prepared:
    """Secrets, the migrated database (started when embedded), and a first user on a fresh install."""
    settings = obj.secured()
    accounts = Accounts.from_settings(obj.db, settings)
    created = ensure_local_user(accounts)
    user = local_user(obj.db, created[0] if created else None)
    if created and not settings.twitch_configured:
        # Without Twitch the chat is synthetic, so any channel will do; "start chronicling" just works.
        user = accounts.update_profile(user.id, {"twitch_channel": user.username})
    return Prepared(settings, user, created[1] if created else None)


def announce(prepared: Prepared) -> None:
    """Tell a fresh install's operator the password of the user just created, and how to log in."""
    if prepared.password is None:
        return
    settings, username = prepared.settings, prepared.user.username
    body = json.dumps({"username": username, "password": prepared.password})
    click.echo(f"\nCreated the local user '{username}' with password: {prepared.password}")
    click.echo(f"Keep it (lost? `chronicler user set-password {username} --generate`); log in with:")
    click.echo(
        f"  curl -s -X POST {settings.api_url}/api/login -H 'Content-Type: application/json' -d '{body}'"
    )
    if prepared.user.twitch_channel:
        click.echo(
            f"Its channel is #{prepared.user.twitch_channel} (synthetic chat); "
            "say “set my channel to <yours>” once Twitch is set up."
        )
    click.echo("")


def _interrupt_the_console(reason: str) -> None:
    """A part failed for good: end the console as Ctrl-C would (it waits for a line on the main thread)."""
    os.kill(os.getpid(), signal.SIGINT)


def refuse_a_busy_port(settings: Settings) -> None:
    """Fail now, clearly, rather than have the API child fail over and over on a taken port."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        # As waitress binds: connections of a run just stopped, left in TIME-WAIT, do not hold the
        # port; a server listening on it still does.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((settings.api_host, settings.api_port))
        except OSError as exc:
            raise click.ClickException(
                f"{settings.api_host}:{settings.api_port} is in use (is `chronicler run` running already?); "
                "stop that, or choose another port with API_PORT and API_URL"
            ) from exc


# -- the parts ---------------------------------------------------------------------------------


def worker_argv(settings: Settings) -> list[str]:
    """The Twitch worker's command: live chat with Twitch credentials, else the accelerated simulator."""
    return ["twitch"] if settings.twitch_configured else ["simulate", "--speed", SIMULATOR_SPEED]


def product_children(settings: Settings, *, worker: list[str], quiet: Collection[str] = ()) -> list[Child]:
    """The API, the worker (`worker` is its command), the scheduler, and the Discord bot given a token.

    The children named in `quiet` show only their warnings and errors; all of it is in their log files.
    """
    env = child_environment(settings)
    commands = {"api": ["api"], "worker": worker, "scheduler": ["scheduler"]}
    if settings.discord_token:
        commands["bot"] = ["bot"]
    return [Child(name, chronicler_argv(*argv), env, quiet=name in quiet) for name, argv in commands.items()]


def child_environment(settings: Settings, base: Mapping[str, str] | None = None) -> dict[str, str]:
    """`base` (default: this environment) with every setting spelled out, so children see exactly ours.

    That includes the secrets generated for development and anything the `.env` file said, and an
    unset setting is passed as empty, which `load_settings` reads as unset: a `.env` cannot override it.
    """
    env = dict(os.environ if base is None else base)
    for name in Settings.model_fields:
        value = getattr(settings, name)
        env[name.upper()] = "" if value is None else str(value)
    return env


def wait_for_api(base_url: str, supervisor: Supervisor, timeout: float = HEALTH_TIMEOUT_S) -> None:
    """Until `GET /health` answers 200; ClickException when a part failed or the time ran out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if supervisor.failure:
            raise click.ClickException(supervisor.failure)
        try:
            if get_json(f"{base_url}/health") is not None:
                return
        except (OSError, ValueError):
            pass  # not listening yet, or the database still starting (503)
        time.sleep(0.2)
    raise click.ClickException(f"the API did not answer at {base_url}/health within {timeout:g} s")


class ChatTicker:
    """Every few seconds, a line when there is news: how a chronicled stream's chat goes, then its ledger.

    The console's window on what the other parts do: `#streamer: 1,234 messages, 3 flagged` while a
    stream is chronicled, and once it has ended, where the Scribe wrote its ledger and chart. Given
    `status`, the counts go there instead, at every look, as a status line to redraw in place
    (`live: #streamer · 1,234 msgs · 3 flags · API ok`); only the ledger's news is echoed.
    """

    def __init__(
        self,
        base_url: str,
        token: Callable[[], str],
        echo: Callable[[str], None],
        *,
        status: Callable[[str], None] | None = None,
        every: float = TICKER_EVERY_S,
    ) -> None:
        self._base_url = base_url.rstrip("/")
        self._token = token
        self._echo = echo
        self._status = status
        self._every = every
        self._watching: dict[str, Any] | None = None  # the session seen live whose ledger is still to come
        self.live: str | None = None  # '#streamer · 1,234 msgs · 3 flags' while a stream is chronicled
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="chat-ticker", daemon=True)

    def start(self) -> None:
        """Start polling the API in the background."""
        self._thread.start()

    def stop(self) -> None:
        """Stop polling (at once; a poll in flight is abandoned)."""
        self._stop.set()

    def look(self) -> str | None:
        """The news now: the live stream's chat, or the ledger of the one that ended; None when neither."""
        token = self._token()
        session = get_json(f"{self._base_url}/api/sessions/current", token)
        if session is not None:
            self._watching = session
            flags = get_json(f"{self._base_url}/api/flags?range=current&limit={FLAG_PAGE}", token) or {}
            found, more = len(flags.get("items", [])), bool(flags.get("next_cursor"))
            flagged = f"{found}{'+' if more else ''}"
            messages = int(session["message_count"])
            plural = "" if found == 1 and not more else "s"
            self.live = f"#{session['channel']} · {count(messages, 'msg')} · {flagged} flag{plural}"
            return f"#{session['channel']}: {count(messages, 'message')}, {flagged} flagged"
        self.live = None
        if self._watching is None:
            return None
        # 404 while the worker finishes the session; then the ledger the scheduler makes (or this makes).
        ended = self._watching
        ledger = get_json(f"{self._base_url}/api/sessions/{ended['id']}/ledger?format=markdown", token)
        if ledger is None:
            return None
        self._watching = None
        return (
            f"the ledger of #{ended['channel']} is in {ledger.get('markdown_path')}"
            f" (chart: {ledger.get('chart_path')})"
        )

    def _run(self) -> None:
        last: str | None = None
        wait = 0.0 if self._status is not None else self._every  # a status line: at once
        while not self._stop.wait(wait):
            wait = self._every
            try:
                line = self.look()
            except (OSError, ValueError, KeyError):  # the API restarting, or a surprise: next time, then
                if self._status is not None:
                    self._status(chat_status(self.live, api_ok=False))
                continue
            if self._status is not None:
                self._status(chat_status(self.live, api_ok=True))
                if self.live is not None:
                    line = None  # the counts are on the status line
            if line is not None and line != last:
                self._echo(line)
            last = line


def chat_status(live: str | None, *, api_ok: bool) -> str:
    """The console's status line: 'live: #streamer · 1,234 msgs · 3 flags · API ok' (or 'not chronicling')."""
    api = "API ok" if api_ok else "API not answering"
    return f"live: {live} · {api}" if live is not None else f"not chronicling · {api}"


def get_json(url: str, token: str | None = None) -> Any:
    """The JSON body of `GET url`; None on 404; OSError (urllib's errors) for any other failure."""
    request = urllib.request.Request(url, headers={"Accept": "application/json"})
    if token is not None:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return json.load(response)
    except urllib.error.HTTPError as exc:
        if exc.code == 404:
            return None
        raise


def logs_folder(settings: Settings) -> Path:
    """Where the supervised parts write their logs."""
    return settings.data_dir / "logs"
