"""The scheduler daemon: idle checks, closing stale sessions, making and delivering ledgers.

    scheduler = build_scheduler(db, config)
    scheduler.run_forever(stop_event)

Jobs live in `scheduler.jobs`, the loop in `scheduler.loop`, webhook posting in `scheduler.webhook`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from chronicler.domain.policies import Writer
from chronicler.scheduler.jobs import AutoClose, DeliverLedgers, IdleCheck, MakeLedgers
from chronicler.scheduler.loop import Job, Scheduler
from chronicler.scheduler.webhook import WebhookClient
from chronicler.store import Database

__all__ = ["Job", "Scheduler", "SchedulerConfig", "build_scheduler"]


@dataclass(frozen=True)
class SchedulerConfig:
    """What the jobs need to know, from the settings."""

    export_path: Path
    silent_after: timedelta = timedelta(hours=2)
    offline_grace: timedelta = timedelta(minutes=2)
    worker_grace: timedelta = timedelta(seconds=30)
    allow_local_webhooks: bool = False
    idle_every: float = 30.0
    close_every: float = 60.0
    ledgers_every: float = 5.0
    deliver_every: float = 5.0


def build_scheduler(
    db: Database,
    config: SchedulerConfig,
    *,
    writer: Writer | None = None,
    client: WebhookClient | None = None,
) -> Scheduler:
    """The daemon's four jobs on one database."""
    # One attempt per run: the delivery job owns retries and back-off, so no transaction waits on sleeps.
    client = client or WebhookClient(
        max_attempts=1, max_rate_limit_waits=0, allow_insecure_local=config.allow_local_webhooks
    )
    return Scheduler(
        [
            Job("idle-check", config.idle_every, IdleCheck(db, writer=writer)),
            Job(
                "auto-close",
                config.close_every,
                AutoClose(db, silent_after=config.silent_after, offline_grace=config.offline_grace),
            ),
            Job(
                "make-ledgers",
                config.ledgers_every,
                MakeLedgers(db, config.export_path, worker_grace=config.worker_grace),
            ),
            Job("deliver-ledgers", config.deliver_every, DeliverLedgers(db, client)),
        ]
    )
