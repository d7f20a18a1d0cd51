-- URG-1 emergency notifications (Anexo 2). One row per accepted notification; the affiliate columns are
-- a snapshot of what the affiliates service answered at notification time (the PDF shows it as it was).
-- Instants are INTEGER milliseconds since the Unix epoch (UTC) so ranges and ordering compare numbers;
-- notified_day is the Bogotá calendar date of notified_at (URG-2 uniqueness key).
CREATE TABLE notifications (
  id INTEGER PRIMARY KEY,
  provider_nit TEXT NOT NULL,
  habilitation_code TEXT NOT NULL,
  provider_name TEXT NOT NULL,
  attention_number TEXT NOT NULL,
  notified_day TEXT NOT NULL,
  notified_at INTEGER NOT NULL,
  -- affiliate snapshot (for a newborn "hijo de": the mother's document + child_number)
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
  data_quality TEXT NOT NULL,
  department_code TEXT NOT NULL,  -- URG-3 patient location: first two digits of the DIVIPOLA municipality
  municipality_code TEXT NOT NULL,
  address TEXT NOT NULL,
  phone TEXT NOT NULL,
  -- the draft as accepted
  attention_origin TEXT NOT NULL,
  triage INTEGER NOT NULL CHECK (triage BETWEEN 1 AND 5),
  is_referred INTEGER NOT NULL CHECK (is_referred IN (0, 1)),
  referral_provider_name TEXT,
  referral_nit TEXT,
  referral_habilitation_code TEXT,
  referral_department_code TEXT,
  referral_municipality_code TEXT,
  admitted_at INTEGER NOT NULL,
  consultation_reason TEXT NOT NULL,
  destination TEXT NOT NULL,
  principal_diagnosis TEXT NOT NULL,
  related_diagnoses TEXT NOT NULL,  -- JSON array of CIE-10 codes, in the order sent
  warnings TEXT NOT NULL,           -- JSON array of warning codes
  created_by TEXT NOT NULL,
  -- URG-2: the provider's attention number restarts every Bogotá day → 409 duplicate_attention_number.
  -- Also serves "attention number + its notification date" lookups of one provider (URG-3).
  UNIQUE (provider_nit, notified_day, attention_number)
);

-- URG-3 lists, each ordered notified_at DESC, id DESC (the rowid ends every index, so these also give
-- the order without a sort):
-- a provider's notifications over a date range (provider users, and agents filtering by provider);
CREATE INDEX notifications_provider_time ON notifications (provider_nit, notified_at);
-- every provider's over a date range (employees' default "today" view);
CREATE INDEX notifications_time ON notifications (notified_at);
-- one affiliate's history (document filter, with or without a provider);
CREATE INDEX notifications_document ON notifications (document_type, document_number, notified_at);
-- an attention number across providers or days (employees);
CREATE INDEX notifications_attention_number ON notifications (attention_number, notified_at);
-- a principal diagnosis over a date range (surveillance of events such as dengue or injuries).
CREATE INDEX notifications_principal_diagnosis ON notifications (principal_diagnosis, notified_at);
