-- A replayed log is its own session, fed by `chronicler replay` and not by the worker: the worker
-- leaves it alone (it would feed it live or synthetic chat), and so do the scheduler's idle check and
-- closing (its chat carries the log's own clock, not the wall clock's).
ALTER TABLE stream_sessions
    ADD COLUMN fed_by text NOT NULL DEFAULT 'worker' CHECK (fed_by IN ('worker', 'replay'));

-- A clip is one window of a streamer's chat: the same window found again (the same log replayed, a
-- journal stored twice) is the same clip. One streamer has one session at a time, so two sessions
-- share a window only when they hold the same chat. Earlier copies go first, keeping the oldest.
DELETE FROM clip_candidates c
USING clip_candidates older
WHERE older.user_id = c.user_id AND older.start_at = c.start_at AND older.end_at = c.end_at
  AND older.reason = c.reason AND older.id < c.id;
CREATE UNIQUE INDEX clip_candidates_one_window ON clip_candidates (user_id, start_at, end_at, reason);

-- A blog seed is proposed once per session and topic, and once per streamer for the same topic drawn
-- from the same messages (the same log replayed into another session).
DELETE FROM blog_seeds b
USING blog_seeds older
WHERE older.id < b.id
  AND ((older.session_id = b.session_id AND older.topic = b.topic)
       OR (older.user_id = b.user_id AND older.topic = b.topic
           AND older.related_message_ids = b.related_message_ids));
CREATE UNIQUE INDEX blog_seeds_one_per_session ON blog_seeds (session_id, topic);
-- The ids by their digest: a long list of them would not fit in an index entry. (array_to_string is
-- only STABLE in general, for element types whose text depends on settings; for text it is not.)
CREATE FUNCTION blog_seed_messages_key(ids text[]) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT md5(array_to_string(ids, ' ')) $$;
CREATE UNIQUE INDEX blog_seeds_one_per_chat
    ON blog_seeds (user_id, topic, blog_seed_messages_key(related_message_ids));
