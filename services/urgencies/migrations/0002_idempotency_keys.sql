-- SPEC §2 Idempotency-Key on POST /api/v1/urgencies: the table libs/http's IdempotencyStore keeps the
-- first response in (portal/http/idempotency.hpp kIdempotencyKeysDdl, verbatim).
CREATE TABLE idempotency_keys (
  scope         TEXT NOT NULL,
  key           TEXT NOT NULL,
  body_hash     TEXT NOT NULL,
  status        INTEGER NOT NULL,
  content_type  TEXT NOT NULL,
  location      TEXT,
  body          TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  PRIMARY KEY (scope, key)
);
