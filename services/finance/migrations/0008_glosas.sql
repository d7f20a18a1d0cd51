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
  debit_note TEXT NOT NULL,
  detail_id TEXT NOT NULL,               -- Consecutivo_Detalle
  concept_code TEXT NOT NULL,
  glosa_value INTEGER NOT NULL,
  rips_consecutivo TEXT,                 -- REG-3
  cuv TEXT,                              -- REG-3
  cells TEXT NOT NULL
);
CREATE INDEX glosa_lines_conciliation ON glosa_lines (conciliation_number, id);
CREATE INDEX glosa_lines_invoice ON glosa_lines (provider_nit, invoice_prefix, invoice_suffix);
