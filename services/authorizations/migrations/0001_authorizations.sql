-- Issue 12 (SPEC §6, AUT-1/2/3/5/7). Instants are INTEGER milliseconds since the Unix epoch (UTC).

-- AUT-2 rule sets: every uploaded version; exactly one active once the first is activated. Activation
-- updates `active` in one transaction (a request is judged by the old version or the new, never a mix).
CREATE TABLE rule_sets (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  document TEXT NOT NULL,  -- the JSON as uploaded (validated)
  uploaded_at INTEGER NOT NULL,
  uploaded_by TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1)),
  activated_at INTEGER,
  activated_by TEXT
);
CREATE UNIQUE INDEX rule_sets_one_active ON rule_sets (active) WHERE active = 1;

-- AUT-2 provider contracts: the codes (CUPS, IUM/CUM, devices) each provider is contracted for.
CREATE TABLE provider_contracts (
  provider_nit TEXT NOT NULL,
  code TEXT NOT NULL,
  loaded_at INTEGER NOT NULL,
  PRIMARY KEY (provider_nit, code)
);

-- AUT-1 authorization requests. The affiliate columns are a snapshot of what the affiliates service
-- answered at creation (the Anexo 3 shows the patient as filed).
CREATE TABLE authorization_requests (
  id INTEGER PRIMARY KEY,
  provider_nit TEXT NOT NULL,
  habilitation_code TEXT NOT NULL,
  provider_name TEXT NOT NULL,
  request_number TEXT NOT NULL,
  request_year INTEGER NOT NULL,  -- Bogotá year of created_at (the consecutive restarts every 1 January)
  created_at INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  affiliate_id INTEGER NOT NULL,
  document_type TEXT NOT NULL,
  document_number TEXT NOT NULL,
  child_number INTEGER,
  first_name TEXT NOT NULL,
  second_name TEXT NOT NULL,
  first_surname TEXT NOT NULL,
  second_surname TEXT NOT NULL,
  birth_date TEXT NOT NULL,
  sex TEXT NOT NULL,
  regime TEXT NOT NULL,
  affiliation_status TEXT NOT NULL,
  municipality_code TEXT NOT NULL,
  address TEXT NOT NULL,
  phone TEXT NOT NULL,
  attention_origin TEXT NOT NULL,
  service_type TEXT NOT NULL,
  priority TEXT,
  patient_location TEXT NOT NULL,
  service TEXT NOT NULL,
  bed_number TEXT,
  service_group TEXT,
  principal_diagnosis TEXT NOT NULL,
  related_diagnoses TEXT NOT NULL,  -- JSON array, in the order sent
  clinical_justification TEXT NOT NULL,
  requester_name TEXT NOT NULL,
  requester_position TEXT NOT NULL,
  requester_phone TEXT NOT NULL,
  requester_mobile TEXT,
  status TEXT NOT NULL,
  status_reason TEXT,
  authorization_number TEXT,
  rule_set_version INTEGER NOT NULL,
  evaluation TEXT NOT NULL,  -- JSON: the per-line evaluation as answered at creation
  due_at INTEGER,            -- AUT-5; NULL: no deadline (outpatient by default)
  warnings TEXT NOT NULL,    -- JSON array of warning codes
  annulment_reason TEXT,     -- AUT-3: a provider's annulment request, for the auditor
  annulment_requested_at INTEGER,
  annulment_requested_by TEXT,
  UNIQUE (provider_nit, request_year, request_number)
);
-- AUT-7 lists ordered by creation (a provider's, and everyone's).
CREATE INDEX authorization_requests_provider_time ON authorization_requests (provider_nit, created_at);
CREATE INDEX authorization_requests_time ON authorization_requests (created_at);
CREATE INDEX authorization_requests_document ON authorization_requests (document_type, document_number, created_at);
-- AUT-5: the pending counts per light are index range counts (status, location, due_at), exact at every
-- scrape without reading the table; also the "pending by light" lists, in due_at order without a sort, with
-- their date range checked in the index (created_at last: a covering count).
CREATE INDEX authorization_requests_light ON authorization_requests (status, patient_location, due_at, created_at);
CREATE INDEX authorization_requests_provider_light ON authorization_requests (provider_nit, status, patient_location, due_at, created_at);

-- The lines of each request (Res. 2335 fields 38-44), and the AUT-2 history fact: the last time a code was
-- requested for an affiliate.
CREATE TABLE request_lines (
  request_id INTEGER NOT NULL REFERENCES authorization_requests (id),
  position INTEGER NOT NULL,
  line_type TEXT NOT NULL,
  code TEXT NOT NULL,
  classification TEXT NOT NULL,
  quantity INTEGER NOT NULL,
  purpose TEXT,
  modality TEXT,
  approved INTEGER NOT NULL CHECK (approved IN (0, 1)),
  affiliate_id INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (request_id, position)
);
CREATE INDEX request_lines_history ON request_lines (affiliate_id, code, created_at);
