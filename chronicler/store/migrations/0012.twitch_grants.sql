-- Twitch grants from the OAuth device flow ("connect twitch", issue 19): the bot account's (one per
-- installation) and each streamer's broadcaster grant. Tokens are Fernet ciphertext, never plain text;
-- a refresh replaces both tokens in one statement (Twitch's refresh tokens may be single-use).
CREATE TABLE twitch_grants (
    id              bigserial PRIMARY KEY,
    slot            text NOT NULL CHECK (slot IN ('bot', 'broadcaster')),
    user_id         bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    twitch_user_id  text NOT NULL,
    twitch_login    text NOT NULL,
    scopes          text[] NOT NULL DEFAULT '{}',
    access_token    bytea NOT NULL,
    refresh_token   bytea NOT NULL,
    expires_at      timestamptz NOT NULL,
    validated_at    timestamptz,
    broken_at       timestamptz,
    broken_reason   text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
-- One bot account per installation; one broadcaster grant per streamer and per Twitch channel.
CREATE UNIQUE INDEX twitch_grants_one_bot ON twitch_grants (slot) WHERE slot = 'bot';
CREATE UNIQUE INDEX twitch_grants_one_per_streamer ON twitch_grants (user_id) WHERE slot = 'broadcaster';
CREATE UNIQUE INDEX twitch_grants_one_per_channel ON twitch_grants (twitch_user_id) WHERE slot = 'broadcaster';

-- A device flow in progress: asked for by the API, run by the worker (which talks to Twitch).
CREATE TABLE twitch_connect_requests (
    id                bigserial PRIMARY KEY,
    user_id           bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    slot              text NOT NULL CHECK (slot IN ('bot', 'broadcaster')),
    status            text NOT NULL DEFAULT 'requested'
                      CHECK (status IN ('requested', 'waiting', 'connected', 'failed', 'cancelled')),
    user_code         text,
    verification_uri  text,
    device_code       bytea,
    expires_at        timestamptz,
    error             text,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX twitch_connect_requests_open ON twitch_connect_requests (status, id)
    WHERE status IN ('requested', 'waiting');

-- Tokens of a grant "disconnect twitch" forgot, until the worker has revoked them at Twitch.
CREATE TABLE twitch_revocations (
    id          bigserial PRIMARY KEY,
    token       bytea NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
