-- AUTH-1: the provider registry the EPS loads (providers, their branches with habilitation codes and
-- DIVIPOLA location, and the pre-registered contacts self-registration looks up). Version 1 is the
-- mail outbox of libs/mail, added in code (auth_migrations.hpp) so its DDL has one source of truth.
CREATE TABLE providers (
  id          INTEGER PRIMARY KEY,
  nit         TEXT NOT NULL UNIQUE,
  legal_name  TEXT NOT NULL,
  created_at  TEXT NOT NULL
);

CREATE TABLE branches (
  id                 INTEGER PRIMARY KEY,
  provider_id        INTEGER NOT NULL REFERENCES providers(id),
  habilitation_code  TEXT NOT NULL UNIQUE,
  name               TEXT NOT NULL,
  department_code    TEXT NOT NULL,
  municipality_code  TEXT NOT NULL,
  address            TEXT
);
CREATE INDEX branches_provider ON branches(provider_id);

CREATE TABLE contacts (
  id               INTEGER PRIMARY KEY,
  branch_id        INTEGER NOT NULL REFERENCES branches(id),
  document_type    TEXT NOT NULL DEFAULT 'CC',
  document_number  TEXT NOT NULL,
  first_name       TEXT NOT NULL,
  second_name      TEXT,
  first_surname    TEXT NOT NULL,
  second_surname   TEXT,
  position         TEXT NOT NULL,
  email            TEXT,
  phone            TEXT,
  mobile           TEXT,
  address          TEXT,
  UNIQUE (branch_id, document_number)
);
