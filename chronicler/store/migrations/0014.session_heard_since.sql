-- Since when the worker has heard a session's chat without a break: set when it starts reading the session
-- (after a restart too) and when chat is heard again after an outage. The Hearthkeeper's quiet is counted
-- from here at the earliest: hours the program was down are not hours of quiet chat.
ALTER TABLE stream_sessions ADD COLUMN heard_since timestamptz;
