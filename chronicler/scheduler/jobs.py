"""The scheduler's jobs, each claiming the rows it works on so that schedulers can run side by side.

A claimed row is locked until the job's transaction ends; rows another scheduler holds are passed over.

- `IdleCheck`: a quiet chat gets exactly one gentle Hearthkeeper prompt (queued in the chat outbox).
- `AutoClose`: sessions whose stream went offline, or whose chat has been silent for hours, are ended.
- `MakeLedgers`: an ended session gets its ledger, and the ledger a delivery.
- `DeliverLedgers`: deliveries go to the streamer's Discord webhook (or to exports/ when there is none).
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from chronicler.domain.policies import Hearthkeeper, Writer
from chronicler.domain.scribe import from_json, summarize
from chronicler.domain.webhook_urls import mask_webhook_url
from chronicler.runtime.backoff import Backoff
from chronicler.scheduler.webhook import (
    WebhookClient,
    WebhookGone,
    WebhookRejected,
    WebhookUnavailable,
)
from chronicler.store import Database, agent_actions, deliveries, outbox, sessions, users
from chronicler.store.deliveries import DueDelivery
from chronicler.store.ledgers import destination, get_ledger_by_id, make_ledger, queue_delivery
from chronicler.store.mode_settings import session_modes
from chronicler.store.notices import leave_notice

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]


def _utc_now() -> datetime:
    return datetime.now(UTC)


class IdleCheck:
    """Queue one Hearthkeeper prompt per quiet stretch of each active session with the Hearthkeeper on.

    Quiet means no human message for the streamer's idle minutes (15 by default), counted from the
    last human message or, before anyone spoke, from the start; and only while the worker hears the
    chat, never from before it last began to (a restart, the end of an outage). The prompt is queued
    once: not again until a human has spoken after it. Known bots (nightbot's timers) do not end a
    quiet stretch.

    Called as a job, it measures on the wall clock (`clock`), which is live chat's. Simulated and
    replayed chat runs on the stream's own clock, ahead of or behind the wall's, so its source asks
    `prompt_if_quiet` with the stream's times instead (see `twitch.stream_clock`).
    """

    def __init__(self, db: Database, *, writer: Writer | None = None, clock: Clock = _utc_now) -> None:
        self._db = db
        self._writer = writer
        self._clock = clock

    def __call__(self) -> int:
        """Prompts queued."""
        return sum(self._check(session_id) or 0 for session_id in sessions.active_session_ids(self._db))

    def prompt_if_quiet(self, session_id: int, *, last_human_at: datetime, until: datetime) -> bool:
        """On the stream's clock: prompt if no human spoke from `last_human_at` to `until`.

        The prompt is dated when the quiet reached the idle minutes. True when this quiet stretch is
        settled (prompted now or before, the Hearthkeeper off, the session over); False while it is
        not yet long enough, so the caller asks again later in it.
        """
        return self._check(session_id, last_human_at=last_human_at, until=until) is not None

    def _check(
        self, session_id: int, *, last_human_at: datetime | None = None, until: datetime | None = None
    ) -> int | None:
        """1 when a prompt was queued, 0 when none is due (None: not yet, on the stream's clock)."""
        now = until or self._clock()
        with self._db.transaction():
            # Locked for the decision and the insert, so two schedulers never both prompt.
            session = sessions.claim_quiet_candidate(self._db, session_id, wait=until is not None)
            if session is None:
                return 0
            # The session's own: "turn off the hearthkeeper for tonight" silences it tonight.
            setting = session_modes(self._db, session.user_id, session.id)["hearthkeeper"]
            if not setting.enabled:
                return 0
            last_human = last_human_at or session.last_human_at or session.started_at
            last_prompt = agent_actions.last_action_at(self._db, session_id, "hearthkeeper")
            if last_prompt is not None and last_prompt >= last_human:
                return 0  # this quiet stretch had its prompt
            quiet_since = last_human
            if last_human_at is None:
                # Chat nobody heard (the program stopped overnight, Twitch unreachable) was not quiet chat:
                # quiet is counted only while the worker hears it, from when it listened again.
                if session.heard_since is None:
                    return 0
                quiet_since = max(last_human, session.heard_since)
            keeper = Hearthkeeper(idle_minutes=setting.idle_minutes, writer=self._writer)
            if not keeper.should_prompt(last_human_at=quiet_since, last_prompt_at=last_prompt, now=now):
                return None if until is not None else 0
            if until is not None:  # the stream's clock: when the quiet became long enough
                now = min(now, last_human + timedelta(minutes=setting.idle_minutes))
            text = keeper.compose(theme=session.theme, now=now)
            outbox.queue_message(
                self._db, session_id, channel=session.channel, mode="hearthkeeper", text=text
            )
            agent_actions.record_action(
                self._db,
                session_id,
                mode="hearthkeeper",
                action_type="idle_prompt",
                text=text,
                created_at=now,
            )
        log.info("chat in #%s quiet since %s: Hearthkeeper prompt queued", session.channel, last_human)
        return 1


class AutoClose:
    """End sessions whose stream went offline or whose chat has been silent too long.

    A stream counts as offline after a grace period.
    """

    def __init__(
        self,
        db: Database,
        *,
        silent_after: timedelta = timedelta(hours=2),
        offline_grace: timedelta = timedelta(minutes=2),
        clock: Clock = _utc_now,
    ) -> None:
        self._db = db
        self._silent_after = silent_after
        self._grace = offline_grace
        self._clock = clock

    def __call__(self) -> int:
        """Sessions ended."""
        now = self._clock()
        with self._db.transaction():
            stale = sessions.claim_stale_sessions(
                self._db, offline_before=now - self._grace, silent_before=now - self._silent_after
            )
            for session in stale:
                reason = (
                    "stream went offline"
                    if session.went_offline_at is not None
                    else f"chat silent for {self._silent_after}"
                )
                ended = max(
                    t for t in (session.went_offline_at, session.last_chat_at, session.started_at) if t
                )
                sessions.close_session(self._db, session.id, ended_at=min(ended, now), reason=reason)
                log.info("session %d ended: %s", session.id, reason)
        return len(stale)


class MakeLedgers:
    """Make the ledger of each ended session once the worker has finished it, and queue its posting.

    A ledger already made on request is not made again, only queued: each ledger is queued once.
    """

    def __init__(
        self,
        db: Database,
        export_path: Path,
        *,
        worker_grace: timedelta = timedelta(seconds=30),
        clock: Clock = _utc_now,
    ) -> None:
        self._db = db
        self._export_path = export_path
        self._grace = worker_grace  # how long to wait for a worker's last clips and seeds
        self._clock = clock

    def __call__(self) -> int:
        """Ledgers made."""
        made = 0
        while self._make_one():
            made += 1
        return made

    def _make_one(self) -> bool:
        with self._db.transaction():
            session = sessions.claim_awaiting_ledger(self._db, ended_before=self._clock() - self._grace)
            if session is None:
                return False
            ledger = (
                make_ledger(self._db, session.id, self._export_path)
                if session.ledger_id is None
                else get_ledger_by_id(self._db, session.ledger_id)
            )
            if session_modes(self._db, session.user_id, session.id)["scribe"].enabled:
                queue_delivery(self._db, ledger.id, session.user_id, due=self._clock())
            sessions.mark_ledger_queued(self._db, session.id)
        log.info("ledger of session %d made: %s", session.id, ledger.markdown_path)
        return True


class DeliverLedgers:
    """Post due deliveries: to the webhook when there is one, else into exports/ with a notice.

    At least once, with an idempotency key: a delivery row is claimed (locked, skipped by the others) and
    held while it is posted, so a second scheduler skips it and a scheduler that dies mid-post lets
    the row go (PostgreSQL ends its transaction) to be posted by the next one. A 429 waits its
    retry_after, other failures back off exponentially, a 404 marks the webhook broken and tells the
    streamer in their next DM.
    """

    def __init__(
        self,
        db: Database,
        client: WebhookClient,
        *,
        max_attempts: int = 8,
        base_delay: timedelta = timedelta(seconds=5),
        clock: Clock = _utc_now,
    ) -> None:
        self._db = db
        self._client = client
        self._max_attempts = max_attempts
        self._base_delay = base_delay
        self._clock = clock

    def __call__(self) -> int:
        """Deliveries settled (delivered or given up); one put off for a retry is not counted."""
        settled = 0
        while (outcome := self._deliver_one()) is not None:
            settled += outcome
        return settled

    def _deliver_one(self) -> bool | None:
        """Settle the next due delivery: whether it was settled; None when none is due."""
        with self._db.transaction():
            delivery = deliveries.claim_due_delivery(self._db, due_by=self._clock())
            if delivery is None:
                return None
            if destination(delivery.webhook_url, delivery.webhook_broken_at) == "exports":
                self._to_exports(delivery)
                return True
            return self._post(delivery)

    def _to_exports(self, delivery: DueDelivery) -> None:
        """No (working) webhook: the files are in exports/; say where in the streamer's next DM."""
        self._finish(delivery.id, "delivered", destination="exports")
        leave_notice(
            self._db,
            delivery.user_id,
            f"Your ledger for #{delivery.channel} is ready: {delivery.markdown_path} "
            f"(chart: {delivery.chart_path}). Set a webhook to get it in Discord.",
        )
        log.info("ledger of session %d delivered to %s", delivery.session_id, delivery.markdown_path)

    def _post(self, delivery: DueDelivery) -> bool:
        """Post to the streamer's webhook; whether it is settled (an outage puts it off, never raises)."""
        assert delivery.webhook_url is not None  # destination() chose the webhook
        data = from_json(delivery.data)
        embed = summarize(data, image="chart.png")
        files = [
            ("ledger.md", delivery.markdown.encode(), "text/markdown"),
            ("chart.png", delivery.chart, "image/png"),
        ]
        try:
            result = self._client.post(
                delivery.webhook_url,
                content=None,
                embeds=[embed],
                files=files,
                idempotency_key=delivery.idempotency_key,
            )
        except WebhookGone as exc:
            self._finish(delivery.id, "gone", error=str(exc))
            users.mark_webhook_broken(self._db, delivery.user_id, at=self._clock())
            leave_notice(
                self._db,
                delivery.user_id,
                "Your ledger webhook answered 404, so I stopped using it. Set a new one with "
                "'set my webhook to <url>'; meanwhile ledgers go to exports/.",
            )
            log.warning(
                "webhook of user %d is gone (%s)", delivery.user_id, mask_webhook_url(delivery.webhook_url)
            )
        except WebhookRejected as exc:
            self._finish(delivery.id, "failed", error=str(exc))
            leave_notice(
                self._db, delivery.user_id, f"Discord refused your ledger for #{delivery.channel}: {exc}"
            )
        except WebhookUnavailable as exc:
            return self._retry_later(delivery, exc.problem, exc.retry_after)
        else:
            self._finish(delivery.id, "delivered", destination="webhook", message_id=result.message_id)
            log.info(
                "ledger of session %d posted to %s",
                delivery.session_id,
                mask_webhook_url(delivery.webhook_url),
            )
        return True

    def _retry_later(self, delivery: DueDelivery, error: str, retry_after: float | None) -> bool:
        """Try again later, or give up (and say so) after `max_attempts`; whether it is settled."""
        attempts = delivery.attempts + 1
        if attempts >= self._max_attempts:
            self._finish(delivery.id, "failed", error=error)
            leave_notice(
                self._db,
                delivery.user_id,
                f"I could not post your ledger for #{delivery.channel} to "
                f"Discord after {attempts} tries ({error}); it is in {delivery.markdown_path}.",
            )
            log.warning("ledger delivery %d gave up after %d tries: %s", delivery.id, attempts, error)
            return True
        # Uncapped (max_attempts ends it): base_delay, then twice that after each further failure.
        backoff = Backoff(first=self._base_delay.total_seconds(), maximum=math.inf)
        delay = max(retry_after or 0.0, backoff.delay(attempts))
        deliveries.retry_delivery(
            self._db, delivery.id, attempts=attempts, error=error, at=self._clock() + timedelta(seconds=delay)
        )
        if attempts == 1:
            # Told at once, not after the last try (about ten minutes later with the defaults).
            left = sum(backoff.delay(n) for n in range(1, self._max_attempts))
            leave_notice(
                self._db,
                delivery.user_id,
                f"I could not post your ledger for #{delivery.channel} to Discord just now ({error}). "
                f"I'll keep trying for about {_minutes(left)}; meanwhile it is in {delivery.markdown_path}.",
            )
        log.warning("ledger delivery %d failed (%s); retrying in %.0f s", delivery.id, error, delay)
        return False

    def _finish(
        self,
        delivery_id: int,
        status: str,
        *,
        destination: str | None = None,
        message_id: str | None = None,
        error: str | None = None,
    ) -> None:
        """Close the delivery (dated by the scheduler's clock)."""
        deliveries.finish_delivery(
            self._db,
            delivery_id,
            status,
            at=self._clock(),
            destination=destination,
            message_id=message_id,
            error=error,
        )


def _minutes(seconds: float) -> str:
    """A span in words, to the minute ('10 minutes', 'a minute')."""
    minutes = max(1, round(seconds / 60))
    return "a minute" if minutes == 1 else f"{minutes} minutes"
