-- Issue 9 item 5: "access tokens of <subject> issued before <not_before> are void" (unix seconds). Written
-- when a user is deactivated, changes or resets the password, logs out or has roles or permissions
-- changed; published to every service and the gateway as a signed feed (GET /internal/v1/revocations).
CREATE TABLE access_revocations (
  subject     TEXT PRIMARY KEY,
  not_before  INTEGER NOT NULL,
  reason      TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
CREATE INDEX access_revocations_not_before ON access_revocations(not_before);
