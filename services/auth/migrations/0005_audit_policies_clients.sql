-- SPEC §1: every login, change, acceptance and decision is recorded (who, when, from where, what).
CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,
  actor       TEXT NOT NULL,
  action      TEXT NOT NULL,
  target      TEXT,
  client_ip   TEXT,
  request_id  TEXT,
  details     TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_at ON audit_log(at);
CREATE INDEX audit_log_target ON audit_log(target);

-- AUTH-10: versioned site policies and who accepted which version.
CREATE TABLE policies (
  version       TEXT PRIMARY KEY,
  title         TEXT NOT NULL,
  text          TEXT NOT NULL,
  published_at  TEXT NOT NULL
);
INSERT INTO policies (version, title, text, published_at) VALUES (
  '2026-01',
  'Políticas de uso del portal y tratamiento de datos personales',
  'Al registrarse usted acepta que el portal de prestadores de la EPS trate los datos personales de '
  || 'los afiliados y de los usuarios conforme a la Ley 1581 de 2012 y sus decretos reglamentarios, '
  || 'únicamente para las finalidades de la atención en salud, la autorización de servicios, la '
  || 'referencia y contrarreferencia y la gestión de pagos. El usuario es responsable de la '
  || 'confidencialidad de su contraseña y de la veracidad de la información que registre.',
  '2026-01-01T05:00:00Z');

CREATE TABLE policy_acceptances (
  id          INTEGER PRIMARY KEY,
  user_id     INTEGER NOT NULL REFERENCES users(id),
  version     TEXT NOT NULL REFERENCES policies(version),
  accepted_at TEXT NOT NULL,
  client_ip   TEXT,
  UNIQUE (user_id, version)
);

-- AUTH-4: integrators (HIS bound to a provider, ERP bound to the EPS) with argon2id-hashed secrets.
CREATE TABLE oauth_clients (
  id           INTEGER PRIMARY KEY,
  client_id    TEXT NOT NULL UNIQUE,
  name         TEXT NOT NULL,
  secret_hash  TEXT NOT NULL,
  provider_id  INTEGER REFERENCES providers(id),
  scopes       TEXT NOT NULL DEFAULT '',
  active       INTEGER NOT NULL DEFAULT 1,
  created_at   TEXT NOT NULL
);
