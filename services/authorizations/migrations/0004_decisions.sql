-- Issue 13 (SPEC §6 AUT-3, AUT-4, AUT-8 Anexo 4, AUT-9). Instants are INTEGER milliseconds (UTC); dates are
-- Bogotá calendar dates as TEXT YYYY-MM-DD.

-- AUT-4 If-Match: every decision bumps the version; the ETag of a request is W/"<id>-<version>", so a
-- traffic light turning yellow does not make an auditor's ETag stale, and "UPDATE ... WHERE version = ?"
-- lets exactly one of two auditors win.
ALTER TABLE authorization_requests ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE authorization_requests ADD COLUMN decided_at INTEGER;
-- AUT-2 approved at once by the rules (the CMS-0057-F "auto-approved" count); before issue 13 every approved
-- request was.
ALTER TABLE authorization_requests ADD COLUMN auto_approved INTEGER NOT NULL DEFAULT 0;
UPDATE authorization_requests SET auto_approved = 1, decided_at = created_at WHERE status = 'approved';
ALTER TABLE authorization_requests ADD COLUMN denial_number TEXT;
ALTER TABLE authorization_requests ADD COLUMN referred_nit TEXT;
ALTER TABLE authorization_requests ADD COLUMN referred_habilitation_code TEXT;
ALTER TABLE authorization_requests ADD COLUMN referred_name TEXT;
ALTER TABLE authorization_requests ADD COLUMN annulment_cause TEXT;  -- typing_error | duplicate | relevance
-- AUT-4 the auditor's answer per line: approved (in the authorization) or denied (in the denial); NULL
-- while undecided. request_lines.approved keeps what the rules engine said at creation.
ALTER TABLE request_lines ADD COLUMN outcome TEXT;
ALTER TABLE request_lines ADD COLUMN denial_justification TEXT;

-- AUT-3/AUT-4 audit: one row per decision, never updated or deleted (triggers below): who, when, from where
-- (the client address the gateway saw, forwarded under its key), the request id and why.
CREATE TABLE request_decisions (
  id INTEGER PRIMARY KEY,
  request_id INTEGER NOT NULL REFERENCES authorization_requests (id),
  decision TEXT NOT NULL,     -- approve | deny | partial | refer | annul
  from_status TEXT NOT NULL,
  to_status TEXT NOT NULL,
  decided_at INTEGER NOT NULL,
  decided_by TEXT NOT NULL,   -- the auditor's token subject
  client_address TEXT NOT NULL,
  http_request_id TEXT NOT NULL,
  reason TEXT NOT NULL,       -- why: the justification, the annulment cause and detail, or "approve"
  details TEXT NOT NULL       -- JSON: the decision body as accepted
);
CREATE INDEX request_decisions_request ON request_decisions (request_id, id);

-- The denial (negación) of a denied or partially approved request: treating doctor and alternatives; the
-- justification per line is request_lines.denial_justification.
CREATE TABLE denials (
  number TEXT PRIMARY KEY,    -- NEG-<year>-<request id, 8 digits>
  request_id INTEGER NOT NULL UNIQUE REFERENCES authorization_requests (id),
  issued_at INTEGER NOT NULL,
  doctor_name TEXT NOT NULL,
  doctor_document TEXT NOT NULL,
  justification TEXT NOT NULL,
  alternatives TEXT NOT NULL  -- JSON array of texts (at least one)
);

-- AUT-9: every authorization issued (at once by the rules, or by an auditor), directed to the provider that
-- renders it (the requester's, or the one a referral names), with the dimensions of the indicators fixed at
-- issue: scope, service group (of its first approved line), Bogotá year and month of generation.
CREATE TABLE authorizations (
  number TEXT PRIMARY KEY,
  request_id INTEGER NOT NULL UNIQUE REFERENCES authorization_requests (id),
  provider_nit TEXT NOT NULL,
  habilitation_code TEXT NOT NULL,
  issued_at INTEGER NOT NULL,
  issued_year INTEGER NOT NULL,
  issued_month INTEGER NOT NULL,
  issued_date TEXT NOT NULL,
  scope TEXT NOT NULL,          -- ambulatory | hospital | emergency | home
  service_group TEXT NOT NULL,  -- catalog service_groups (manual 003 §7.1)
  used_on TEXT,                 -- the Bogotá date the service was delivered
  used_recorded_at INTEGER,
  used_by TEXT,
  annulled_at INTEGER
);
CREATE INDEX authorizations_provider ON authorizations (provider_nit, issued_year, issued_month);

-- AUT-9 indicators, kept in the transaction that issues, uses or annuls an authorization: one row per
-- provider, branch, year, month of generation, scope and service group, so a provider-year is at most
-- 12 x 4 x 12 rows per branch whatever the number of authorizations (the 50 ms budget on 1,000,000).
CREATE TABLE authorization_month_counts (
  provider_nit TEXT NOT NULL,
  issued_year INTEGER NOT NULL,
  issued_month INTEGER NOT NULL,
  habilitation_code TEXT NOT NULL,
  scope TEXT NOT NULL,
  service_group TEXT NOT NULL,
  directed INTEGER NOT NULL DEFAULT 0,
  used INTEGER NOT NULL DEFAULT 0,
  days_to_use INTEGER NOT NULL DEFAULT 0,  -- sum over the used ones of (used_on - issued_date) in days
  PRIMARY KEY (provider_nit, issued_year, issued_month, habilitation_code, scope, service_group)
);

CREATE TRIGGER request_decisions_no_update BEFORE UPDATE ON request_decisions
BEGIN SELECT RAISE(ABORT, 'request_decisions is append-only'); END;
CREATE TRIGGER request_decisions_no_delete BEFORE DELETE ON request_decisions
BEGIN SELECT RAISE(ABORT, 'request_decisions is append-only'); END;
