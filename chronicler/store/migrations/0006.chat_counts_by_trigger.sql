-- Stored chat is counted by PostgreSQL itself, once per INSERT or COPY statement, from the rows
-- that statement actually inserted (its transition table: a duplicate skipped by ON CONFLICT is not
-- in it). Before, the chat pipeline counted a batch by reading back the rows it had just COPYed,
-- through the (session_id, sent_at) index: that cost as much as the COPY itself (bench/ingest.py).
-- Whatever writes chat now keeps the counts right, and cannot count a message twice.
--
-- Counted here: messages per minute, per chatter (a new chatter keeps the display name of their
-- first message) and per session, and the session's last chat time. The last *human* message
-- (known bots excluded) is the writer's to set, as the list of bots is not the database's.
CREATE FUNCTION count_new_chat() RETURNS trigger AS $$
BEGIN
    INSERT INTO session_minutes (session_id, minute, messages)
    SELECT session_id, date_trunc('minute', sent_at, 'UTC'), count(*) FROM new_chat GROUP BY 1, 2
    ON CONFLICT (session_id, minute) DO UPDATE SET messages = session_minutes.messages + EXCLUDED.messages;

    INSERT INTO session_chatters (session_id, chatter_login, display_name, messages, first_time, first_seen_at)
    SELECT session_id, chatter_login, (array_agg(display_name ORDER BY sent_at))[1], count(*),
           bool_or(first_message), min(sent_at)
    FROM new_chat GROUP BY session_id, chatter_login
    ON CONFLICT (session_id, chatter_login) DO UPDATE SET
        messages = session_chatters.messages + EXCLUDED.messages,
        first_time = session_chatters.first_time OR EXCLUDED.first_time;

    UPDATE stream_sessions s SET message_count = s.message_count + n.messages,
                                 last_chat_at = greatest(s.last_chat_at, n.last_at)
    FROM (SELECT session_id, count(*) AS messages, max(sent_at) AS last_at FROM new_chat GROUP BY session_id) n
    WHERE s.id = n.session_id;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER chat_messages_count
    AFTER INSERT ON chat_messages
    REFERENCING NEW TABLE AS new_chat
    FOR EACH STATEMENT EXECUTE FUNCTION count_new_chat();
