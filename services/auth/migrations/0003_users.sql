-- AUTH-2/3/8/9: one table for provider users and EPS employees. Usernames are unique per provider
-- (the NIT selects the provider) and unique among employees. Roles and permissions are stored as
-- space-separated codes (a closed, small set validated in user_rules).
CREATE TABLE users (
  id                INTEGER PRIMARY KEY,
  user_type         TEXT NOT NULL CHECK (user_type IN ('provider', 'employee')),
  provider_id       INTEGER REFERENCES providers(id),
  branch_id         INTEGER REFERENCES branches(id),
  username          TEXT NOT NULL COLLATE NOCASE,
  password_hash     TEXT,
  status            TEXT NOT NULL CHECK (status IN ('pending_activation', 'active', 'inactive')),
  roles             TEXT NOT NULL DEFAULT '',
  permissions       TEXT NOT NULL DEFAULT '',
  valid_until       TEXT,
  document_type     TEXT NOT NULL,
  document_number   TEXT NOT NULL,
  first_name        TEXT NOT NULL,
  second_name       TEXT,
  first_surname     TEXT NOT NULL,
  second_surname    TEXT,
  position          TEXT,
  area              TEXT,
  department_code   TEXT,
  municipality_code TEXT,
  phone             TEXT,
  extension         TEXT,
  mobile            TEXT,
  email             TEXT NOT NULL,
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL,
  CHECK ((user_type = 'provider') = (provider_id IS NOT NULL))
);
CREATE UNIQUE INDEX users_provider_username ON users(provider_id, username) WHERE user_type = 'provider';
CREATE UNIQUE INDEX users_employee_username ON users(username) WHERE user_type = 'employee';
CREATE INDEX users_provider ON users(provider_id);
