-- AUTH-4: refresh tokens are stored by SHA-256 only; every rotation adds a row to the same family and
-- marks the used one rotated, so a second use of a rotated token is detected and revokes the family.
CREATE TABLE refresh_tokens (
  id          INTEGER PRIMARY KEY,
  token_hash  TEXT NOT NULL UNIQUE,
  family_id   TEXT NOT NULL,
  user_id     INTEGER NOT NULL REFERENCES users(id),
  issued_at   TEXT NOT NULL,
  expires_at  TEXT NOT NULL,
  rotated_at  TEXT,
  revoked_at  TEXT
);
CREATE INDEX refresh_tokens_family ON refresh_tokens(family_id);
CREATE INDEX refresh_tokens_user ON refresh_tokens(user_id);

-- AUTH-2/6/8: single-use, expiring links sent by e-mail (activation 48 h, reset 1 h, set-password 72 h).
CREATE TABLE one_time_tokens (
  id          INTEGER PRIMARY KEY,
  token_hash  TEXT NOT NULL UNIQUE,
  purpose     TEXT NOT NULL CHECK (purpose IN ('activation', 'password_reset', 'set_password')),
  user_id     INTEGER NOT NULL REFERENCES users(id),
  created_at  TEXT NOT NULL,
  expires_at  TEXT NOT NULL,
  used_at     TEXT
);
CREATE INDEX one_time_tokens_user ON one_time_tokens(user_id, purpose);

-- AUTH-3 throttling: failed logins per account key and per client address, counted over the last hour.
-- `at` is unix milliseconds so the window query is a plain range scan.
CREATE TABLE login_failures (
  id           INTEGER PRIMARY KEY,
  account_key  TEXT NOT NULL,
  client_ip    TEXT NOT NULL,
  at           INTEGER NOT NULL
);
CREATE INDEX login_failures_account ON login_failures(account_key, at);
CREATE INDEX login_failures_ip ON login_failures(client_ip, at);
