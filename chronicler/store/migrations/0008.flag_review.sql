-- The review loop (issue 16): the streamer answers each flag, spam ("confirmed") or not
-- ("dismissed"), and the Warden learns from the answer. A flag keeps when it was answered; an
-- answer can be changed, so what it taught is kept per flag and undone with it.
ALTER TABLE flags DROP CONSTRAINT flags_status_check;
ALTER TABLE flags ADD CONSTRAINT flags_status_check CHECK (status IN ('open', 'confirmed', 'dismissed'));
ALTER TABLE flags ADD COLUMN reviewed_at timestamptz;
-- Flags dismissed before answers were timed: their time is unknown, the flag's own is the best guess.
UPDATE flags SET reviewed_at = sent_at WHERE status <> 'open';
ALTER TABLE flags ADD CONSTRAINT flags_reviewed_when_answered CHECK ((status = 'open') = (reviewed_at IS NULL));

-- What one answer taught, per streamer: a dismissed flag trusts its chatter and allows its
-- phrasing, a confirmed one adds its pattern. A value stays learned while any answer teaches it.
-- The flag may go (its session deleted) and the lesson stays: flag_id becomes NULL.
CREATE TABLE warden_lessons (
    id          bigserial PRIMARY KEY,
    user_id     bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    flag_id     bigint REFERENCES flags (id) ON DELETE SET NULL,
    kind        text NOT NULL CHECK (kind IN ('trusted_chatter', 'allowed_phrasing', 'learned_pattern')),
    value       text NOT NULL CHECK (value <> ''),
    learned_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (flag_id, kind)
);
CREATE INDEX warden_lessons_user_kind ON warden_lessons (user_id, kind, learned_at DESC);
