"""`chronicler scheduler`: the daemon that runs idle checks, closes sessions, makes and posts ledgers."""

from __future__ import annotations

import signal
import threading
from datetime import timedelta

import click

from chronicler.cli.context import CliContext
from chronicler.cli.llm import writer_for
from chronicler.scheduler import SchedulerConfig, build_scheduler


@click.command()
@click.option("--once", is_flag=True, help="Run every job once and exit.")
@click.pass_obj
def scheduler(obj: CliContext, once: bool) -> None:
    """Run the scheduler until Ctrl-C (two can run side by side without doubling anything)."""
    settings = obj.settings
    config = SchedulerConfig(
        export_path=settings.export_path,
        silent_after=timedelta(hours=settings.auto_close_silent_hours),
        offline_grace=timedelta(minutes=settings.auto_close_offline_minutes),
        allow_local_webhooks=settings.allow_local_webhooks,
    )
    daemon = build_scheduler(obj.db, config, writer=writer_for(settings))
    if once:
        for job in daemon.jobs:
            job.next_at = 0.0
        daemon.run_due()
        return
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        daemon.run_forever(stop)
    except KeyboardInterrupt:
        pass
    click.echo("scheduler stopped")
