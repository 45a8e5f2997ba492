-- Gaps in hearing a session's chat: the bot went deaf (Twitch's connection gone, a subscription
-- revoked, its token refused). A gap is open (heard_at NULL) from the last moment chat was heard
-- until it is heard again, or until the session ends; the ledger sums them. At most one gap of a
-- session is open, so one outage, however often the socket flaps in it, is one gap and one notice.
CREATE TABLE chat_gaps (
    id          bigserial PRIMARY KEY,
    session_id  bigint NOT NULL REFERENCES stream_sessions (id) ON DELETE CASCADE,
    since       timestamptz NOT NULL,
    heard_at    timestamptz,
    reason      text NOT NULL CHECK (reason IN ('connection', 'subscription', 'authorization')),
    detail      text NOT NULL DEFAULT '',
    CHECK (heard_at IS NULL OR heard_at >= since)
);
CREATE UNIQUE INDEX chat_gaps_one_open ON chat_gaps (session_id) WHERE heard_at IS NULL;
CREATE INDEX chat_gaps_session ON chat_gaps (session_id, since);
