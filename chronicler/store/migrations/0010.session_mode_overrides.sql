-- Modes changed for one session only ("turn off the steward for tonight", issue 17): the session's
-- own on/off over the streamer's saved setting. The running pipeline and the scheduler read the two
-- together; the next session starts from the saved settings again, since it has no row here.
CREATE TABLE session_mode_overrides (
    session_id  bigint NOT NULL REFERENCES stream_sessions (id) ON DELETE CASCADE,
    mode        text NOT NULL CHECK (mode IN ('warden', 'librarian', 'hearthkeeper', 'steward', 'scribe')),
    enabled     boolean NOT NULL,
    changed_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (session_id, mode)
);
