-- FIN-4 (issue 19): the EPS's view of each invoice (filed, glosa'd, paid, balance), loaded by the ERP like the
-- payments, and the providers' portfolio requests, each an asynchronous job. Versions 5 and 6 are libs/mail's
-- outbox (the acknowledgement and result e-mails).
CREATE TABLE portfolio_invoices (
  id INTEGER PRIMARY KEY,
  provider_nit TEXT NOT NULL,
  invoice_prefix TEXT NOT NULL,          -- may be empty
  invoice_suffix TEXT NOT NULL,
  invoice_number TEXT NOT NULL,
  filed_on TEXT,                         -- YYYY-MM-DD (radicación)
  status TEXT NOT NULL,                  -- filed | in_audit | glosa | paid | partially_paid | returned
  invoice_value INTEGER NOT NULL,
  glosa_value INTEGER NOT NULL,
  paid_value INTEGER NOT NULL,
  balance INTEGER NOT NULL,
  cuv TEXT,                              -- REG-3: the RIPS validation code, where known
  loaded_at INTEGER NOT NULL,
  loaded_by TEXT NOT NULL
);
-- The key a portfolio row is matched on (a reload replaces).
CREATE UNIQUE INDEX portfolio_invoices_key ON portfolio_invoices (provider_nit, invoice_prefix, invoice_suffix);

CREATE TABLE portfolio_requests (
  id INTEGER PRIMARY KEY,
  provider_nit TEXT NOT NULL,
  requested_by TEXT NOT NULL,            -- the principal's subject
  notify_email TEXT,                     -- the provider's registered address when the request was filed
  bogota_day TEXT NOT NULL,              -- YYYY-MM-DD in Bogotá: the daily quota
  created_at INTEGER NOT NULL,           -- UTC milliseconds
  file_name TEXT NOT NULL,               -- the server's name of the stored upload (in <data>/portfolio)
  content_sha256 TEXT NOT NULL,
  row_count INTEGER NOT NULL,
  status TEXT NOT NULL,                  -- queued | running | completed | failed
  processed_rows INTEGER NOT NULL,
  rows_with_errors INTEGER NOT NULL,
  runner TEXT,                           -- the runner holding the job, and until when (lease)
  lease_until INTEGER,
  attempts INTEGER NOT NULL,
  started_at INTEGER,
  finished_at INTEGER,
  error TEXT
);
CREATE INDEX portfolio_requests_daily ON portfolio_requests (provider_nit, bogota_day);
CREATE INDEX portfolio_requests_open ON portfolio_requests (status, id);
