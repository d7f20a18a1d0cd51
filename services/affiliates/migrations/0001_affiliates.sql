-- AFF-1 registry. One row per affiliate; a newborn without its own document ("hijo de") has NULL
-- document_type/number and is keyed by its mother's document + child_number instead.
-- search_* hold the names folded to lower case without accents (AFF-3 accent/case-insensitive search).
CREATE TABLE affiliates (
  id INTEGER PRIMARY KEY,
  document_type TEXT,
  document_number TEXT,
  first_name TEXT NOT NULL,
  second_name TEXT,
  first_surname TEXT NOT NULL,
  second_surname TEXT,
  search_first_name TEXT NOT NULL,
  search_second_name TEXT,
  search_first_surname TEXT NOT NULL,
  search_second_surname TEXT,
  birth_date TEXT NOT NULL,
  sex TEXT NOT NULL CHECK (sex IN ('F', 'M')),
  regime TEXT NOT NULL,
  affiliation_status TEXT NOT NULL,
  data_quality TEXT NOT NULL CHECK (data_quality IN ('ok', 'inconsistent')),
  municipality_code TEXT NOT NULL,
  address TEXT,
  phone TEXT,
  mobile TEXT,
  email TEXT,
  newborn_of_type TEXT,
  newborn_of_number TEXT,
  child_number INTEGER,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (document_number IS NOT NULL OR (newborn_of_number IS NOT NULL AND child_number IS NOT NULL))
);
-- AFF-2: lookup by document is an index seek (EXPLAIN QUERY PLAN test) and the upsert key of AFF-4.
CREATE UNIQUE INDEX affiliates_document ON affiliates(document_type, document_number);
-- "hijo de": a mother's newborns, and the key of newborns without their own document.
CREATE INDEX affiliates_newborn_of ON affiliates(newborn_of_type, newborn_of_number)
  WHERE newborn_of_number IS NOT NULL;
CREATE UNIQUE INDEX affiliates_newborn_key ON affiliates(newborn_of_type, newborn_of_number, child_number)
  WHERE document_number IS NULL;
-- AFF-3: first surname + first name are required in every search.
CREATE INDEX affiliates_name_search ON affiliates(search_first_surname, search_first_name);

-- Ley 1581 de 2012: who looked up which document, never the affiliate's data.
CREATE TABLE lookup_audit (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  user_type TEXT NOT NULL,
  provider_nit TEXT,
  action TEXT NOT NULL,          -- lookup | search | read
  query TEXT NOT NULL,           -- "CC 1234" or the search criteria (names typed by the caller)
  result_count INTEGER NOT NULL,
  request_id TEXT NOT NULL,
  client_ip TEXT NOT NULL
);
CREATE INDEX lookup_audit_at ON lookup_audit(at);

-- AFF-4 bulk load jobs: state and the last committed line survive a restart (resumable).
CREATE TABLE import_jobs (
  id TEXT PRIMARY KEY,
  content_sha256 TEXT NOT NULL,
  file_path TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'completed', 'failed')),
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  started_at TEXT,
  finished_at TEXT,
  last_committed_line INTEGER NOT NULL DEFAULT 0,
  loaded_rows INTEGER NOT NULL DEFAULT 0,
  rejected_rows INTEGER NOT NULL DEFAULT 0,
  error TEXT
);
CREATE UNIQUE INDEX import_jobs_content ON import_jobs(content_sha256);

CREATE TABLE import_rejections (
  job_id TEXT NOT NULL REFERENCES import_jobs(id),
  line INTEGER NOT NULL,
  field TEXT NOT NULL,
  code TEXT NOT NULL,
  message_es TEXT NOT NULL,
  message_en TEXT NOT NULL
);
CREATE INDEX import_rejections_job ON import_rejections(job_id, line);

-- AFF-5 contact-centre calls ("Otras llamadas", manual 000 §4.1.3, Tabla 4.1).
CREATE TABLE calls (
  id INTEGER PRIMARY KEY,
  call_type TEXT NOT NULL,
  caller_type TEXT NOT NULL,
  caller_name TEXT NOT NULL,
  caller_phone TEXT,
  provider_nit TEXT,
  provider_name TEXT,
  provider_municipality_code TEXT,
  affiliate_id INTEGER REFERENCES affiliates(id),
  action TEXT NOT NULL,
  procedure TEXT,
  other_text TEXT,
  notes TEXT,
  agent TEXT NOT NULL,
  created_at TEXT NOT NULL,
  bogota_date TEXT NOT NULL
);
CREATE INDEX calls_date ON calls(bogota_date, id);
CREATE INDEX calls_agent ON calls(agent, id);
