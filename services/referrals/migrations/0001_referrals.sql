-- REF-1..REF-4 (issue 16): referrals and their steps. The initial data and each step are kept as the JSON the
-- service parses (referral_json), so REF-3's "never overwrite the initial data" is a row never updated but
-- for its status; the columns beside it are what the REF-4 filters and the one-open rule need. Times are UTC
-- milliseconds. Versions 2, 3 and 4 are libs/http's idempotency_keys, libs/audit's audit_trail and
-- libs/events' event_outbox.
CREATE TABLE referrals (
  id INTEGER PRIMARY KEY,
  status TEXT NOT NULL,                  -- open | in_process | closed
  version INTEGER NOT NULL,              -- +1 per step: ETag and If-Match
  affiliate_key TEXT NOT NULL,           -- document type:number:child number (0 unless a newborn)
  document_type TEXT NOT NULL,
  document_number TEXT NOT NULL,
  child_number INTEGER,
  referral_type TEXT NOT NULL,
  requested_service TEXT NOT NULL,
  pos INTEGER NOT NULL,
  origin_nit TEXT NOT NULL,
  origin_department_code TEXT NOT NULL,
  origin_municipality_code TEXT NOT NULL,
  destination_nit TEXT NOT NULL,
  destination_department_code TEXT NOT NULL,
  destination_municipality_code TEXT NOT NULL,
  initial_data TEXT NOT NULL,            -- the REF-1 body as accepted (JSON)
  affiliate TEXT NOT NULL,               -- the affiliate as the affiliates service answered (JSON)
  warnings TEXT NOT NULL,                -- JSON array of warning codes
  created_at INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  created_by_type TEXT NOT NULL,         -- the registrant's user type and client address: the timeline's
  created_from TEXT NOT NULL,            -- first entry (who, when, from where)
  accepted_at INTEGER,
  closed_at INTEGER
);
-- REF-1: one open referral per affiliate (a newborn's key differs from the mother's by its child number).
CREATE UNIQUE INDEX referrals_one_open ON referrals (affiliate_key) WHERE status <> 'closed';
-- REF-4 and the destination IPS's worklist: by provider and state, newest first (issue 16 performance).
CREATE INDEX referrals_destination ON referrals (destination_nit, status, created_at, id);
CREATE INDEX referrals_origin ON referrals (origin_nit, status, created_at, id);
CREATE INDEX referrals_created ON referrals (created_at, id);
-- The open-referrals gauge (counted at every scrape) and lists by state alone.
CREATE INDEX referrals_state ON referrals (status, created_at, id);
CREATE INDEX referrals_affiliate ON referrals (document_type, document_number, created_at);

-- The destination's worklist total (issue 16 performance): referrals per destination and state, kept in the
-- transaction of every insert and state change, so the list's `total` for "destination + state" is one row
-- read instead of a count over the range (80,000 index entries for a busy clinic's closed referrals).
CREATE TABLE referral_counts (
  destination_nit TEXT NOT NULL,
  status TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (destination_nit, status)
);

CREATE TABLE referral_steps (
  id INTEGER PRIMARY KEY,
  referral_id INTEGER NOT NULL REFERENCES referrals (id),
  seq INTEGER NOT NULL,                  -- 1.. in the referral's order
  kind TEXT NOT NULL,                    -- step | closure
  code TEXT NOT NULL,                    -- the step, or the closure reason
  body TEXT NOT NULL,                    -- the step as accepted (JSON), with what it updated
  status_before TEXT NOT NULL,
  status_after TEXT NOT NULL,
  at INTEGER NOT NULL,
  by_subject TEXT NOT NULL,
  by_user_type TEXT NOT NULL,
  by_provider_nit TEXT,
  client_ip TEXT NOT NULL
);
CREATE UNIQUE INDEX referral_steps_seq ON referral_steps (referral_id, seq);
