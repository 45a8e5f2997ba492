-- The audit trail of DMs, and notices the product leaves for a streamer's next DM.

CREATE TABLE interactions (
    id           bigserial PRIMARY KEY,
    user_id      bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    text         text NOT NULL,
    parser       text NOT NULL,
    model        text,
    raw_output   text,
    command      jsonb,
    retries      integer NOT NULL DEFAULT 0,
    errors       text[] NOT NULL DEFAULT '{}',
    latency_ms   real NOT NULL DEFAULT 0,
    reply        text NOT NULL DEFAULT '',
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX interactions_user_created ON interactions (user_id, created_at DESC, id DESC);

CREATE TABLE notices (
    id            bigserial PRIMARY KEY,
    user_id       bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    text          text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    delivered_at  timestamptz
);
CREATE INDEX notices_pending ON notices (user_id, id) WHERE delivered_at IS NULL;
