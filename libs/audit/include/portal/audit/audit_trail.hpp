#pragma once
// SPEC §1 / issue 20 part 3: one audit trail, the same in every service. Each service keeps its records in
// its own database (table audit_trail, kAuditTrailDdl added as one of its migrations) and writes them with
// record() in the same transaction as the change they describe, so a change without its record (or the
// reverse) cannot commit. Records are only ever inserted: no route updates or deletes one; the retention
// sweep (retention.hpp) is the only delete. docs/audit.md.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "portal/core/clock.hpp"
#include "portal/db/connection.hpp"
#include "portal/http/message.hpp"

namespace portal::audit {

// `at` is UTC milliseconds (a merge by time across services compares integers, never texts).
inline constexpr std::string_view kAuditTrailDdl = R"sql(
CREATE TABLE audit_trail (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  subject TEXT NOT NULL,          -- "user:12", "client:his-demo", "anonymous", or the account tried on a failure
  user_type TEXT NOT NULL,        -- provider | employee | client | anonymous
  provider_nit TEXT,              -- the caller's provider, if any
  client_ip TEXT NOT NULL,        -- as the gateway saw it
  request_id TEXT NOT NULL,
  action TEXT NOT NULL,           -- login_succeeded, urgency_created, affiliate_lookup, ...
  resource_type TEXT NOT NULL,    -- user, urgency, affiliate, authorization_request, ...
  resource_id TEXT NOT NULL,
  summary TEXT NOT NULL           -- JSON object: what changed; no secrets, no more personal data than needed
);
CREATE INDEX audit_trail_at ON audit_trail (at);
CREATE INDEX audit_trail_subject ON audit_trail (subject, at);
CREATE INDEX audit_trail_provider ON audit_trail (provider_nit, at);
CREATE INDEX audit_trail_resource ON audit_trail (resource_type, resource_id, at);
)sql";

struct Entry {
  long long id = 0;  // set when read back
  core::Instant at{};
  std::string subject = "anonymous";
  std::string user_type = "anonymous";
  std::optional<std::string> provider_nit;
  std::string client_ip;
  std::string request_id;
  std::string action;
  std::string resource_type;
  std::string resource_id;
  std::string summary = "{}";
};

// Who and from where, from the request (its verified principal, or anonymous), and when.
Entry entry_for(const http::Request& req, core::Instant at, std::string action, std::string resource_type,
                std::string resource_id, std::string summary = "{}");

void record(db::Connection& c, const Entry& entry);

struct Filter {
  std::optional<core::Instant> from;  // inclusive
  std::optional<core::Instant> to;    // exclusive
  std::optional<std::string> subject;
  std::optional<std::string> provider_nit;
  std::optional<std::string> action;
  std::optional<std::string> resource_type;
  std::optional<std::string> resource_id;
};

// Newest first (at, then id), `limit` rows from `offset`.
std::vector<Entry> list(db::Connection& c, const Filter& filter, long long limit, long long offset = 0);
long long count(db::Connection& c, const Filter& filter);
// Deletes the records older than `cutoff`; returns how many.
long long purge_before(db::Connection& c, core::Instant cutoff);

}  // namespace portal::audit
