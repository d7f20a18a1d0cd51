-- INC-1..INC-4 (issue 17): inconsistency reports, their attachment's metadata (the bytes are a file under a
-- server-made name, docs/inconsistencies.md) and the EPS's processing steps. Times are RFC 3339 UTC text
-- written by the service's clock; filed_date is the Bogotá day (INC-4 date range). The *_folded columns
-- hold lower-case names without accents for the "contains" filters.
CREATE TABLE inconsistency_reports (
  id INTEGER PRIMARY KEY,
  type TEXT NOT NULL,
  status TEXT NOT NULL,
  filed_at TEXT NOT NULL,
  filed_date TEXT NOT NULL,
  provider_nit TEXT NOT NULL,
  provider_name TEXT NOT NULL,
  provider_name_folded TEXT NOT NULL,
  habilitation_code TEXT NOT NULL,
  provider_municipality_code TEXT NOT NULL,
  provider_municipality_name TEXT NOT NULL,
  provider_municipality_folded TEXT NOT NULL,
  affiliate_document_type TEXT NOT NULL,
  affiliate_document_number TEXT NOT NULL,
  regional TEXT NOT NULL,
  report_json TEXT NOT NULL,
  registry_json TEXT,
  attachment_kind TEXT NOT NULL,
  attachment_size INTEGER NOT NULL,
  attachment_sha256 TEXT NOT NULL,
  attachment_name TEXT NOT NULL UNIQUE,
  filed_by TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX inconsistency_reports_date ON inconsistency_reports (filed_date, id);
CREATE INDEX inconsistency_reports_provider ON inconsistency_reports (provider_nit, filed_date);
CREATE INDEX inconsistency_reports_affiliate ON inconsistency_reports (affiliate_document_number, affiliate_document_type);
CREATE INDEX inconsistency_reports_status ON inconsistency_reports (status, filed_date);

CREATE TABLE inconsistency_steps (
  id INTEGER PRIMARY KEY,
  report_id INTEGER NOT NULL REFERENCES inconsistency_reports (id),
  from_status TEXT NOT NULL,
  to_status TEXT NOT NULL,
  corrected_json TEXT NOT NULL,
  registry_action TEXT NOT NULL,
  affiliate_id INTEGER,
  note TEXT NOT NULL,
  processed_by TEXT NOT NULL,
  processed_at TEXT NOT NULL
);
CREATE INDEX inconsistency_steps_report ON inconsistency_steps (report_id, id);
