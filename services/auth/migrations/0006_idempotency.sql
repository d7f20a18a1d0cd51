-- SPEC §2: creating POSTs accept an Idempotency-Key; a retry with the same key and body gets the first
-- (successful) response again, the same key with another body is 409. Keys are scoped per caller and route.
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
