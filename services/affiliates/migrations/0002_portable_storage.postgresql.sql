-- Issue 8, as 0002_portable_storage.sql on SQLite (no rows to carry over: the PostgreSQL schema is new).
ALTER TABLE import_jobs ADD COLUMN claimed_by TEXT;
ALTER TABLE import_jobs ADD COLUMN lease_until BIGINT;
ALTER TABLE import_rejections ADD COLUMN ordinal BIGINT NOT NULL DEFAULT 0;

-- AFF-3: the folded names compare bytewise, as SQLite's BINARY collation does, so the first-name prefix
-- range and the result order are the same on both backends whatever the database's locale (under a
-- linguistic collation such as en_US spaces and punctuation are ignored, and 'mar' .. 'mar' || chr(127)
-- would not hold every name starting with 'mar').
ALTER TABLE affiliates
  ALTER COLUMN search_first_name TYPE TEXT COLLATE "C",
  ALTER COLUMN search_second_name TYPE TEXT COLLATE "C",
  ALTER COLUMN search_first_surname TYPE TEXT COLLATE "C",
  ALTER COLUMN search_second_surname TYPE TEXT COLLATE "C";
