-- Issue 8: the service on SQLite or PostgreSQL, with several replicas sharing one PostgreSQL database.
-- (PostgreSQL runs 0002_portable_storage.postgresql.sql instead.)

-- AFF-4: a job runs on the replica that claimed it, under a lease every committed batch renews.
-- claimed_by: the runner; lease_until: UTC milliseconds, NULL once released (claimable at once).
ALTER TABLE import_jobs ADD COLUMN claimed_by TEXT;
ALTER TABLE import_jobs ADD COLUMN lease_until INTEGER;

-- A line's rejections in the order they were found: the report used SQLite's rowid, which PostgreSQL
-- does not have. Rows already written keep their order.
ALTER TABLE import_rejections ADD COLUMN ordinal INTEGER NOT NULL DEFAULT 0;
UPDATE import_rejections SET ordinal = rowid;
