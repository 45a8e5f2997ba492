"""The scheduler's jobs. Each claims its work with FOR UPDATE SKIP LOCKED, so schedulers can run side by side.

- `IdleCheck`: a quiet chat gets exactly one gentle Hearthkeeper prompt (queued in the chat outbox).
- `AutoClose`: sessions whose stream went offline, or whose chat has been silent for hours, are ended.
- `MakeLedgers`: an ended session gets its ledger, and the ledger a delivery.
- `DeliverLedgers`: deliveries go to the streamer's Discord webhook (or to exports/ when there is none).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from chronicler.domain.policies import Hearthkeeper, Writer
from chronicler.domain.scribe import from_json, summarize
from chronicler.domain.webhook_urls import mask_webhook_url
from chronicler.scheduler.webhook import (
    WebhookClient,
    WebhookGone,
    WebhookRejected,
    WebhookUnavailable,
)
from chronicler.store import Database
from chronicler.store.ledgers import destination, get_ledger_by_id, make_ledger, queue_delivery
from chronicler.store.mode_settings import get_modes
from chronicler.store.notices import leave_notice

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]


def _utc_now() -> datetime:
    return datetime.now(UTC)


class IdleCheck:
    """Queue one Hearthkeeper prompt per quiet stretch of each active session with the Hearthkeeper on.

    Quiet means no human message for the streamer's idle minutes (15 by default), counted from the
    last human message or, before anyone spoke, from the start. The prompt is queued once: not again
    until a human has spoken after it. Known bots (nightbot's timers) do not end a quiet stretch.
    """

    def __init__(self, db: Database, *, writer: Writer | None = None, clock: Clock = _utc_now) -> None:
        self._db = db
        self._writer = writer
        self._clock = clock

    def __call__(self) -> int:
        """Prompts queued."""
        ids = [r["id"] for r in self._db.fetch_all("SELECT id FROM stream_sessions WHERE status = 'active'")]
        return sum(self._check(session_id) for session_id in ids)

    def _check(self, session_id: int) -> int:
        now = self._clock()
        with self._db.transaction():
            # Locked for the decision and the insert, so two schedulers never both prompt.
            session = self._db.fetch_one(
                "SELECT * FROM stream_sessions WHERE id = %s AND status = 'active' FOR UPDATE SKIP LOCKED",
                (session_id,),
            )
            if session is None:
                return 0
            setting = get_modes(self._db, session["user_id"])["hearthkeeper"]
            if not setting.enabled:
                return 0
            last_human = session["last_human_at"] or session["started_at"]
            last_prompt = self._db.fetch_value(
                "SELECT max(created_at) FROM agent_actions WHERE session_id = %s AND mode = 'hearthkeeper'",
                (session_id,),
            )
            keeper = Hearthkeeper(idle_minutes=setting.idle_minutes, writer=self._writer)
            if not keeper.should_prompt(last_human_at=last_human, last_prompt_at=last_prompt, now=now):
                return 0
            text = keeper.compose(theme=session["theme"], now=now)
            self._db.insert(
                "chat_outbox",
                {
                    "session_id": session_id,
                    "channel": session["channel"],
                    "mode": "hearthkeeper",
                    "text": text,
                },
                returning=None,
            )
            self._db.insert(
                "agent_actions",
                {
                    "session_id": session_id,
                    "mode": "hearthkeeper",
                    "action_type": "idle_prompt",
                    "text": text,
                    "created_at": now,
                },
                returning=None,
            )
        log.info("chat in #%s quiet since %s: Hearthkeeper prompt queued", session["channel"], last_human)
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
            rows = self._db.fetch_all(
                """
                SELECT id, went_offline_at, last_chat_at, started_at FROM stream_sessions
                WHERE status = 'active'
                  AND (went_offline_at <= %(offline_before)s
                       OR coalesce(last_chat_at, started_at) <= %(silent_before)s)
                FOR UPDATE SKIP LOCKED
                """,
                {"offline_before": now - self._grace, "silent_before": now - self._silent_after},
            )
            for row in rows:
                reason = (
                    "stream went offline"
                    if row["went_offline_at"] is not None
                    else f"chat silent for {self._silent_after}"
                )
                ended = max(t for t in (row["went_offline_at"], row["last_chat_at"], row["started_at"]) if t)
                self._db.execute(
                    "UPDATE stream_sessions SET status = 'ended', ended_at = %s, end_reason = %s"
                    " WHERE id = %s",
                    (min(ended, now), reason, row["id"]),
                )
                log.info("session %d ended: %s", row["id"], reason)
        return len(rows)


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
            session = self._db.fetch_one(
                """
                SELECT s.id, s.user_id, l.id AS ledger_id FROM stream_sessions s
                LEFT JOIN ledgers l ON l.session_id = s.id
                WHERE s.status = 'ended' AND NOT s.ledger_queued
                  AND (s.finalized_at IS NOT NULL OR s.ended_at <= %s)
                ORDER BY s.ended_at LIMIT 1 FOR UPDATE OF s SKIP LOCKED
                """,
                (self._clock() - self._grace,),
            )
            if session is None:
                return False
            ledger = (
                make_ledger(self._db, session["id"], self._export_path)
                if session["ledger_id"] is None
                else get_ledger_by_id(self._db, session["ledger_id"])
            )
            if get_modes(self._db, session["user_id"])["scribe"].enabled:
                queue_delivery(self._db, ledger.id, session["user_id"], due=self._clock())
            self._db.execute(
                "UPDATE stream_sessions SET ledger_queued = true WHERE id = %s", (session["id"],)
            )
        log.info("ledger of session %d made: %s", session["id"], ledger.markdown_path)
        return True


class DeliverLedgers:
    """Post due deliveries: to the webhook when there is one, else into exports/ with a notice.

    At least once, with an idempotency key: a delivery row is claimed with FOR UPDATE SKIP LOCKED and
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
        """Deliveries handled (posted, given up or rescheduled)."""
        handled = 0
        while self._deliver_one():
            handled += 1
        return handled

    def _deliver_one(self) -> bool:
        with self._db.transaction():
            row = self._db.fetch_one(
                """
                SELECT d.id, d.idempotency_key, d.attempts, d.user_id, l.session_id, l.markdown, l.data,
                       l.chart, l.markdown_path, l.chart_path, u.webhook_url, u.webhook_broken_at, s.channel
                FROM ledger_deliveries d
                JOIN ledgers l ON l.id = d.ledger_id
                JOIN users u ON u.id = d.user_id
                JOIN stream_sessions s ON s.id = l.session_id
                WHERE d.status = 'pending' AND d.next_attempt_at <= %s
                ORDER BY d.next_attempt_at, d.id LIMIT 1
                FOR UPDATE OF d SKIP LOCKED
                """,
                (self._clock(),),
            )
            if row is None:
                return False
            if destination(row["webhook_url"], row["webhook_broken_at"]) == "exports":
                self._to_exports(row)
            else:
                self._post(row)
        return True

    def _to_exports(self, row: dict[str, Any]) -> None:
        """No (working) webhook: the files are in exports/; say where in the streamer's next DM."""
        self._finish(row["id"], "delivered", destination="exports")
        leave_notice(
            self._db,
            row["user_id"],
            f"Your ledger for #{row['channel']} is ready: {row['markdown_path']} "
            f"(chart: {row['chart_path']}). Set a webhook to get it in Discord.",
        )
        log.info("ledger of session %d delivered to %s", row["session_id"], row["markdown_path"])

    def _post(self, row: dict[str, Any]) -> None:
        data = from_json(row["data"])
        embed = summarize(data, image="chart.png")
        files = [
            ("ledger.md", row["markdown"].encode(), "text/markdown"),
            ("chart.png", bytes(row["chart"]), "image/png"),
        ]
        try:
            result = self._client.post(
                row["webhook_url"],
                content=None,
                embeds=[embed],
                files=files,
                idempotency_key=row["idempotency_key"],
            )
        except WebhookGone as exc:
            self._finish(row["id"], "gone", error=str(exc))
            self._db.execute(
                "UPDATE users SET webhook_broken_at = %s WHERE id = %s", (self._clock(), row["user_id"])
            )
            leave_notice(
                self._db,
                row["user_id"],
                "Your ledger webhook answered 404, so I stopped using it. Set a new one with "
                "'set my webhook to <url>'; meanwhile ledgers go to exports/.",
            )
            log.warning(
                "webhook of user %d is gone (%s)", row["user_id"], mask_webhook_url(row["webhook_url"])
            )
        except WebhookRejected as exc:
            self._finish(row["id"], "failed", error=str(exc))
            leave_notice(
                self._db, row["user_id"], f"Discord refused your ledger for #{row['channel']}: {exc}"
            )
        except WebhookUnavailable as exc:
            self._retry_later(row, str(exc), exc.retry_after)
        else:
            self._finish(row["id"], "delivered", destination="webhook", message_id=result.message_id)
            log.info(
                "ledger of session %d posted to %s", row["session_id"], mask_webhook_url(row["webhook_url"])
            )

    def _retry_later(self, row: dict[str, Any], error: str, retry_after: float | None) -> None:
        attempts = row["attempts"] + 1
        if attempts >= self._max_attempts:
            self._finish(row["id"], "failed", error=error)
            leave_notice(
                self._db,
                row["user_id"],
                f"I could not post your ledger for #{row['channel']} to "
                f"Discord after {attempts} tries; it is in {row['markdown_path']}.",
            )
            return
        delay = max(retry_after or 0.0, (self._base_delay * 2 ** row["attempts"]).total_seconds())
        self._db.execute(
            "UPDATE ledger_deliveries SET attempts = %s, last_error = %s, next_attempt_at = %s WHERE id = %s",
            (attempts, error, self._clock() + timedelta(seconds=delay), row["id"]),
        )
        log.warning("ledger delivery %d failed (%s); retrying in %.0f s", row["id"], error, delay)

    def _finish(
        self,
        delivery_id: int,
        status: str,
        *,
        destination: str | None = None,
        message_id: str | None = None,
        error: str | None = None,
    ) -> None:
        self._db.execute(
            "UPDATE ledger_deliveries SET status = %s, destination = %s, message_id = %s, last_error = %s,"
            " attempts = attempts + 1, delivered_at = CASE WHEN %s = 'delivered' THEN %s END WHERE id = %s",
            (status, destination, message_id, error, status, self._clock(), delivery_id),
        )
