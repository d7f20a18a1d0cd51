-- AUTH-11 Contact us (issue 20): the cases provider users send to the EPS's areas. The sender's provider
-- and user are kept by id (the listing joins their current names); `mailbox` is the address the case was
-- e-mailed to (PORTAL_CONTACT_*_EMAIL at the time). EPS administrators mark cases answered.
CREATE TABLE contact_cases (
  id           INTEGER PRIMARY KEY,
  category     TEXT NOT NULL CHECK (category IN ('user_attention', 'technical_support')),
  subject      TEXT NOT NULL,
  comment      TEXT NOT NULL,
  user_id      INTEGER NOT NULL REFERENCES users(id),
  provider_id  INTEGER REFERENCES providers(id),
  mailbox      TEXT NOT NULL,
  status       TEXT NOT NULL CHECK (status IN ('open', 'answered')),
  created_at   TEXT NOT NULL,
  answered_at  TEXT,
  answered_by  INTEGER REFERENCES users(id)
);
CREATE INDEX contact_cases_status ON contact_cases(status, id);

-- AUTH-12 satisfaction survey: one answer per user per Bogotá day (the unique index decides, on both
-- backends and across replicas).
CREATE TABLE survey_answers (
  id            INTEGER PRIMARY KEY,
  user_id       INTEGER NOT NULL REFERENCES users(id),
  provider_id   INTEGER REFERENCES providers(id),
  answered_day  TEXT NOT NULL,
  satisfaction  INTEGER NOT NULL CHECK (satisfaction BETWEEN 1 AND 5),
  ease          INTEGER NOT NULL CHECK (ease BETWEEN 1 AND 5),
  nps           INTEGER NOT NULL CHECK (nps BETWEEN 0 AND 10),
  resolved      INTEGER NOT NULL CHECK (resolved IN (0, 1)),
  created_at    TEXT NOT NULL
);
CREATE UNIQUE INDEX survey_answers_user_day ON survey_answers(user_id, answered_day);
CREATE INDEX survey_answers_day ON survey_answers(answered_day);
