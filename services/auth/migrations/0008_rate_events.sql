-- Issue 9: events that the auth service's limits count over a rolling hour, by scope and subject:
-- contact lookups per client address and misses per NIT (AUTH-2), e-mailed links per account and reset or
-- resend requests per address (AUTH-2, AUTH-6), and the delay an address was told to wait before trying an
-- account again (AUTH-3). `at` is unix milliseconds, as login_failures.
CREATE TABLE rate_events (
  id       INTEGER PRIMARY KEY,
  scope    TEXT NOT NULL,
  subject  TEXT NOT NULL,
  at       INTEGER NOT NULL
);
CREATE INDEX rate_events_subject ON rate_events(scope, subject, at);
CREATE INDEX rate_events_at ON rate_events(at);
-- AUTH-3: failures of one account from one address (the only pair that is ever locked).
CREATE INDEX login_failures_account_ip ON login_failures(account_key, client_ip, at);
