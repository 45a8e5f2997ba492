-- The Scribe's ledgers and their delivery to the streamer's Discord webhook.

-- One ledger per session, made when the session ends (and remade on request).
CREATE TABLE ledgers (
    id             bigserial PRIMARY KEY,
    session_id     bigint NOT NULL UNIQUE REFERENCES stream_sessions (id) ON DELETE CASCADE,
    user_id        bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    markdown       text NOT NULL,
    data           jsonb NOT NULL,
    chart          bytea NOT NULL,
    markdown_path  text,
    json_path      text,
    chart_path     text,
    created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ledgers_user_created ON ledgers (user_id, created_at DESC);

-- Each posting of a ledger. The idempotency key makes it posted once, unless the streamer asks again
-- (a new row with a new key). Schedulers claim rows with FOR UPDATE SKIP LOCKED.
CREATE TABLE ledger_deliveries (
    id               bigserial PRIMARY KEY,
    ledger_id        bigint NOT NULL REFERENCES ledgers (id) ON DELETE CASCADE,
    user_id          bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    idempotency_key  text NOT NULL UNIQUE,
    status           text NOT NULL DEFAULT 'pending'
                     CHECK (status IN ('pending', 'delivered', 'failed', 'gone')),
    destination      text,  -- 'webhook' or 'exports', set when delivered
    attempts         integer NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    last_error       text,
    message_id       text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    delivered_at     timestamptz
);
CREATE INDEX ledger_deliveries_due ON ledger_deliveries (next_attempt_at) WHERE status = 'pending';

-- Set by the scheduler once it made (or found) the session's ledger and queued its posting.
ALTER TABLE stream_sessions ADD COLUMN ledger_queued boolean NOT NULL DEFAULT false;

-- A webhook that answered 404 is not retried until the streamer sets a new one.
ALTER TABLE users ADD COLUMN webhook_broken_at timestamptz;
