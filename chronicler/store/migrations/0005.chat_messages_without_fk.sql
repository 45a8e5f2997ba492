-- Chat messages drop their foreign key to stream_sessions: checking it costs PostgreSQL about 6 µs
-- for every row COPYed in, some 40% of storing a message (bench/ingest.py). Only the chat pipeline
-- writes this table, for a session it has just read, so the check never catches anything there.
-- What the key also did, removing a deleted session's messages, is done by this trigger instead:
-- once per DELETE statement, through the (session_id, sent_at) index.
ALTER TABLE chat_messages DROP CONSTRAINT chat_messages_session_id_fkey;

CREATE FUNCTION delete_sessions_chat() RETURNS trigger AS $$
BEGIN
    DELETE FROM chat_messages WHERE session_id IN (SELECT id FROM deleted_sessions);
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER stream_sessions_delete_chat
    AFTER DELETE ON stream_sessions
    REFERENCING OLD TABLE AS deleted_sessions
    FOR EACH STATEMENT EXECUTE FUNCTION delete_sessions_chat();
