-- Accounts: users, refresh tokens, revoked access tokens, Discord link codes, per-user settings.

CREATE TABLE users (
    id               bigserial PRIMARY KEY,
    username         text NOT NULL CHECK (char_length(username) BETWEEN 1 AND 64),
    password_hash    text NOT NULL,
    twitch_channel   text CHECK (twitch_channel ~ '^[a-z0-9_]{1,25}$'),
    timezone         text NOT NULL DEFAULT 'UTC',
    webhook_url      text,
    discord_user_id  text UNIQUE CHECK (discord_user_id ~ '^[0-9]{1,20}$'),
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now()
);
-- Usernames are unique whatever their case: "Pixel_Wren" and "pixel_wren" are one account.
CREATE UNIQUE INDEX users_username_lower_key ON users (lower(username));

-- Refresh tokens are opaque; only their SHA-256 is kept. A family is one login's chain of rotations.
CREATE TABLE refresh_tokens (
    id          bigserial PRIMARY KEY,
    user_id     bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    family_id   uuid NOT NULL,
    token_hash  bytea NOT NULL UNIQUE,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz,
    revoked_at  timestamptz
);
CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id);

-- Access tokens revoked before they expire (logout); rows can go once expires_at has passed.
CREATE TABLE revoked_access_tokens (
    jti         text PRIMARY KEY,
    expires_at  timestamptz NOT NULL
);

-- One-time codes that link a Discord account without a password ever being typed into Discord.
CREATE TABLE link_codes (
    id               bigserial PRIMARY KEY,
    user_id          bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash        bytea NOT NULL UNIQUE,
    created_at       timestamptz NOT NULL DEFAULT now(),
    expires_at       timestamptz NOT NULL,
    used_at          timestamptz,
    used_by_discord  text
);
CREATE INDEX link_codes_user_idx ON link_codes (user_id);

-- Preferences that are not part of the profile.
CREATE TABLE user_settings (
    user_id          bigint PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    blocked_terms    text[] NOT NULL DEFAULT '{}',
    allowed_domains  text[] NOT NULL DEFAULT '{}',
    updated_at       timestamptz NOT NULL DEFAULT now()
);
