-- FIN-5 (issue 19): glosas loaded by the ERP, one conciliation (numeric, per provider) of invoice detail
-- lines. A reload of a conciliation number replaces its lines. `cells` holds the line's 50 download columns
-- (manual 003 §8.3) as a JSON array of strings; the key columns are copied out to be queried.
CREATE TABLE glosa_conciliations (
  number INTEGER PRIMARY KEY,
  provider_nit TEXT NOT NULL,
  provider_name TEXT NOT NULL,
  branch TEXT NOT NULL,
  notified_on TEXT NOT NULL,             -- YYYY-MM-DD (Bogotá)
  generation TEXT NOT NULL,              -- 2284 | 3047: the concept codes' resolution
  response_deadline TEXT NOT NULL,       -- YYYY-MM-DD: 15 business days after notified_on
  loaded_at INTEGER NOT NULL,
  loaded_by TEXT NOT NULL
);
CREATE INDEX glosa_conciliations_provider ON glosa_conciliations (provider_nit, notified_on);

CREATE TABLE glosa_lines (
  id INTEGER PRIMARY KEY,
  conciliation_number INTEGER NOT NULL,
  provider_nit TEXT NOT NULL,
  invoice_prefix TEXT NOT NULL,
  invoice_suffix TEXT NOT NULL,
  invoice_number TEXT NOT NULL,          -- Numero_factura, as the download shows it
  debit_note TEXT NOT NULL,
  detail_id TEXT NOT NULL,               -- Consecutivo_Detalle
  concept_code TEXT NOT NULL,
  glosa_value INTEGER NOT NULL,
  rips_consecutivo TEXT,                 -- REG-3
  cuv TEXT,                              -- REG-3
  cells TEXT NOT NULL,
  -- FIN-6: the provider's answer, once loaded (a detail is answered once).
  response_id INTEGER,
  response_code TEXT,
  accepted_value INTEGER,
  sustained_value INTEGER,
  credit_note TEXT,
  response_notes TEXT,
  responded_on TEXT,                     -- YYYY-MM-DD (Bogotá)
  response_late INTEGER                  -- 1: answered after the deadline (loaded, flagged)
);
CREATE INDEX glosa_lines_conciliation ON glosa_lines (conciliation_number, id);
CREATE INDEX glosa_lines_invoice ON glosa_lines (provider_nit, invoice_prefix, invoice_suffix);
CREATE INDEX glosa_lines_answer ON glosa_lines (provider_nit, conciliation_number, invoice_number, detail_id);

-- FIN-6: the providers' answered workbooks, each a job; one in process per provider (manual 003 §8.4).
CREATE TABLE glosa_responses (
  id INTEGER PRIMARY KEY,
  provider_nit TEXT NOT NULL,
  requested_by TEXT NOT NULL,
  notify_email TEXT,                     -- the provider's registered address when the file was uploaded
  file_name TEXT NOT NULL,               -- the stored upload (in <data>/glosas)
  sheet TEXT NOT NULL,
  row_count INTEGER NOT NULL,
  status TEXT NOT NULL,                  -- in_process | Ejecutado Exitosamente | Error
  rows_loaded INTEGER NOT NULL,
  rows_refused INTEGER NOT NULL,
  credit_note_amount INTEGER NOT NULL,   -- REG-3: what the provider accepted, to be credited
  runner TEXT,
  lease_until INTEGER,
  attempts INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  started_at INTEGER,
  finished_at INTEGER,
  error TEXT
);
CREATE UNIQUE INDEX glosa_responses_one_in_process ON glosa_responses (provider_nit) WHERE status = 'in_process';
CREATE INDEX glosa_responses_open ON glosa_responses (status, id);
