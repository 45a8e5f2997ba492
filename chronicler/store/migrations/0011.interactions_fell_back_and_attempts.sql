-- The audit trail says when the LLM failed and the built-in parser answered (issue 17), and keeps the
-- model's raw answer to every attempt (raw_output keeps the last one, as before).
ALTER TABLE interactions
    ADD COLUMN fell_back boolean NOT NULL DEFAULT false,
    ADD COLUMN attempts  text[]  NOT NULL DEFAULT '{}';
