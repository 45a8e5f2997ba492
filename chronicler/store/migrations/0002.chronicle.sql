-- The chronicle: sessions, chat, what the modes found and said, their settings, and the chat outbox.

CREATE TABLE stream_sessions (
    id               bigserial PRIMARY KEY,
    user_id          bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    channel          text NOT NULL CHECK (channel ~ '^[a-z0-9_]{1,25}$'),
    theme            text CHECK (char_length(theme) <= 200),
    status           text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'ended')),
    started_at       timestamptz NOT NULL DEFAULT now(),
    ended_at         timestamptz,
    end_reason       text,
    last_chat_at     timestamptz,
    last_human_at    timestamptz,  -- last message from someone who is not a known bot: the idle clock
    went_offline_at  timestamptz,
    finalized_at     timestamptz,  -- the worker finished the pipeline (last clips, blog seeds)
    message_count    bigint NOT NULL DEFAULT 0
);
-- At most one active session per streamer; the API answers 409 on a second start.
CREATE UNIQUE INDEX stream_sessions_one_active ON stream_sessions (user_id) WHERE status = 'active';
CREATE INDEX stream_sessions_user_started ON stream_sessions (user_id, started_at DESC);
CREATE INDEX stream_sessions_active_channel ON stream_sessions (channel) WHERE status = 'active';

-- The Twitch worker follows sessions as they start and end without polling.
CREATE FUNCTION notify_session_change() RETURNS trigger AS $$
BEGIN
    PERFORM pg_notify('chronicler_sessions', json_build_object(
        'id', NEW.id, 'status', NEW.status, 'channel', NEW.channel, 'user_id', NEW.user_id)::text);
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER stream_sessions_notify
    AFTER INSERT OR UPDATE OF status ON stream_sessions
    FOR EACH ROW EXECUTE FUNCTION notify_session_change();

-- No surrogate id: one index less on the hottest insert path. Twitch delivers at least once,
-- so a message id is stored once per channel.
CREATE TABLE chat_messages (
    session_id         bigint NOT NULL REFERENCES stream_sessions (id) ON DELETE CASCADE,
    channel            text NOT NULL,
    twitch_message_id  text NOT NULL,
    chatter_login      text NOT NULL,
    chatter_id         text,
    display_name       text NOT NULL DEFAULT '',
    text               text NOT NULL,
    sent_at            timestamptz NOT NULL,
    badges             text[] NOT NULL DEFAULT '{}',
    first_message      boolean NOT NULL DEFAULT false,
    PRIMARY KEY (channel, twitch_message_id)
);
CREATE INDEX chat_messages_session_sent ON chat_messages (session_id, sent_at);

-- Aggregates kept by each ingest batch, so stats over weeks never scan the messages.
CREATE TABLE session_minutes (
    session_id  bigint NOT NULL REFERENCES stream_sessions (id) ON DELETE CASCADE,
    minute      timestamptz NOT NULL,
    messages    integer NOT NULL,
    PRIMARY KEY (session_id, minute)
);

CREATE TABLE session_chatters (
    session_id     bigint NOT NULL REFERENCES stream_sessions (id) ON DELETE CASCADE,
    chatter_login  text NOT NULL,
    display_name   text NOT NULL DEFAULT '',
    messages       integer NOT NULL,
    first_time     boolean NOT NULL DEFAULT false,
    first_seen_at  timestamptz NOT NULL,
    PRIMARY KEY (session_id, chatter_login)
);

-- Flags copy the message's chatter, text and time: the streamer's review list needs no join.
CREATE TABLE flags (
    id                 bigserial PRIMARY KEY,
    user_id            bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    session_id         bigint NOT NULL REFERENCES stream_sessions (id) ON DELETE CASCADE,
    twitch_message_id  text NOT NULL,
    chatter_login      text NOT NULL,
    display_name       text NOT NULL DEFAULT '',
    text               text NOT NULL,
    sent_at            timestamptz NOT NULL,
    rule               text NOT NULL,
    score              real NOT NULL,
    reason             text NOT NULL,
    status             text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'dismissed')),
    UNIQUE (session_id, twitch_message_id)
);
CREATE INDEX flags_user_sent ON flags (user_id, sent_at DESC, id DESC);
CREATE INDEX flags_user_chatter_sent ON flags (user_id, chatter_login, sent_at DESC);
CREATE INDEX flags_session ON flags (session_id, sent_at DESC, id DESC);

CREATE TABLE clip_candidates (
    id          bigserial PRIMARY KEY,
    user_id     bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    session_id  bigint NOT NULL REFERENCES stream_sessions (id) ON DELETE CASCADE,
    start_at    timestamptz NOT NULL,
    end_at      timestamptz NOT NULL,
    score       real NOT NULL,
    reason      text NOT NULL,
    samples     jsonb NOT NULL DEFAULT '[]'
);
CREATE INDEX clip_candidates_user_start ON clip_candidates (user_id, start_at DESC, id DESC);
CREATE INDEX clip_candidates_session ON clip_candidates (session_id, start_at);

CREATE TABLE notable_messages (
    id                 bigserial PRIMARY KEY,
    session_id         bigint NOT NULL REFERENCES stream_sessions (id) ON DELETE CASCADE,
    twitch_message_id  text NOT NULL,
    chatter_login      text NOT NULL,
    text               text NOT NULL,
    sent_at            timestamptz NOT NULL,
    kind               text NOT NULL,
    reply_to           text,
    reason             text NOT NULL
);
CREATE INDEX notable_messages_session ON notable_messages (session_id, sent_at);

CREATE TABLE blog_seeds (
    id                    bigserial PRIMARY KEY,
    user_id               bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    session_id            bigint NOT NULL REFERENCES stream_sessions (id) ON DELETE CASCADE,
    topic                 text NOT NULL,
    description           text NOT NULL,
    related_message_ids   text[] NOT NULL DEFAULT '{}',
    created_at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX blog_seeds_user_created ON blog_seeds (user_id, created_at DESC, id DESC);

-- Everything a mode did: every flag raised and every message the bot sent or queued.
CREATE TABLE agent_actions (
    id                  bigserial PRIMARY KEY,
    session_id          bigint NOT NULL REFERENCES stream_sessions (id) ON DELETE CASCADE,
    mode                text NOT NULL CHECK (mode IN ('warden', 'librarian', 'hearthkeeper', 'steward', 'scribe')),
    action_type         text NOT NULL,
    trigger_message_id  text,
    text                text NOT NULL,
    created_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX agent_actions_session_created ON agent_actions (session_id, created_at);

CREATE TABLE mode_settings (
    user_id                bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    mode                   text NOT NULL CHECK (mode IN ('warden', 'librarian', 'hearthkeeper', 'steward', 'scribe')),
    enabled                boolean NOT NULL DEFAULT true,
    idle_minutes           integer NOT NULL DEFAULT 15 CHECK (idle_minutes BETWEEN 1 AND 1440),
    active_chat_threshold  integer NOT NULL DEFAULT 5 CHECK (active_chat_threshold BETWEEN 1 AND 10000),
    PRIMARY KEY (user_id, mode)
);

-- Messages the bot is to send in chat; the Twitch worker sends them within Twitch's limits.
CREATE TABLE chat_outbox (
    id          bigserial PRIMARY KEY,
    session_id  bigint NOT NULL REFERENCES stream_sessions (id) ON DELETE CASCADE,
    channel     text NOT NULL,
    mode        text NOT NULL,
    text        text NOT NULL CHECK (char_length(text) BETWEEN 1 AND 500),
    -- 'sending' is claimed by a worker; a crash there leaves it unsent rather than sent twice.
    status      text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sending', 'sent', 'failed')),
    attempts    integer NOT NULL DEFAULT 0,
    error       text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    sent_at     timestamptz
);
CREATE INDEX chat_outbox_queued ON chat_outbox (channel, id) WHERE status = 'queued';

CREATE FUNCTION notify_outbox() RETURNS trigger AS $$
BEGIN
    PERFORM pg_notify('chronicler_outbox', NEW.channel);
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER chat_outbox_notify
    AFTER INSERT ON chat_outbox
    FOR EACH ROW EXECUTE FUNCTION notify_outbox();
