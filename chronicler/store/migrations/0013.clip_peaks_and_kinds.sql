-- A clip candidate keeps what the Librarian knew of it (issue 20): where chat peaked and the kind of
-- reaction (funny, hype, shock, sad, wholesome). Both stay null for candidates stored before: the ledger
-- then marks them where chat took off (start + the 25 s reaction lag) and reads the kind from the reason.
ALTER TABLE clip_candidates ADD COLUMN peak_at timestamptz, ADD COLUMN kind text;
