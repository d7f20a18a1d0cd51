#pragma once
// SQL for the authorizations service (migrations/0001_authorizations.sql): requests and their lines, rule
// sets, provider contracts, and the pending counts per light. Plain functions over a connection; the
// routes call them inside Database::write (one transaction) or Database::read.
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "authorization.hpp"
#include "portal/db/connection.hpp"

namespace portal::authorizations {

// AUT-1: the provider already used this request number in this Bogotá year (→ 409).
class DuplicateRequestNumber : public std::runtime_error {
 public:
  DuplicateRequestNumber() : std::runtime_error("duplicate request number") {}
};

struct TimeRange {
  std::optional<core::Instant> from;
  std::optional<core::Instant> to;
};

struct StoredRuleSet {
  long long version = 0;
  std::string name;
  std::string document;
  core::Instant uploaded_at{};
  std::string uploaded_by;
  bool active = false;
  std::optional<core::Instant> activated_at;
  std::optional<std::string> activated_by;
};

// AUT-5 gauge: pending requests per light at an instant.
struct PendingCounts {
  long long white = 0;
  long long yellow = 0;
  long long red = 0;
};

namespace authorization_store {

// Inserts r and its lines (ids ignored); sets the authorization number of an approved one from its id.
// Returns the new id. Throws DuplicateRequestNumber on the AUT-1 UNIQUE key.
long long insert(db::Connection& db, AuthorizationRequest& r);
std::optional<AuthorizationRequest> find_by_id(db::Connection& db, long long id);
// AUT-7: filter (provider forced for provider users), its created_at range, `now` for the light.
std::vector<AuthorizationRequest> list(db::Connection& db, const RequestFilter& filter,
                                       const TimeRange& range, core::Instant now);
long long count(db::Connection& db, const RequestFilter& filter, const TimeRange& range, core::Instant now);
std::vector<std::string> explain_list(db::Connection& db, const RequestFilter& filter, const TimeRange& range,
                                      core::Instant now);

// AUT-3: a provider's annulment request, recorded for the auditor. False when another was recorded already.
bool record_annulment_request(db::Connection& db, long long id, const std::string& reason, core::Instant at,
                              const std::string& by);

// AUT-2 facts: when each of `codes` was last requested for the affiliate (any provider).
std::map<std::string, core::Instant> last_requested(db::Connection& db, long long affiliate_id,
                                                    const std::vector<std::string>& codes);
std::set<std::string> contracted_codes(db::Connection& db, const std::string& provider_nit);
// The ones among `codes` the provider is contracted for (what the rules need for one request).
std::set<std::string> contracted_codes(db::Connection& db, const std::string& provider_nit,
                                       const std::vector<std::string>& codes);
// Replaces a provider's contract with `codes`; returns how many codes it now has.
long long replace_contract(db::Connection& db, const std::string& provider_nit,
                           const std::set<std::string>& codes, core::Instant at);

// Rule sets.
long long insert_rule_set(db::Connection& db, const std::string& name, const std::string& document,
                          core::Instant at, const std::string& by);
// Makes `version` the only active one, atomically. False when there is no such version.
bool activate_rule_set(db::Connection& db, long long version, core::Instant at, const std::string& by);
std::optional<StoredRuleSet> active_rule_set(db::Connection& db);
std::optional<long long> active_rule_set_version(db::Connection& db);
std::optional<StoredRuleSet> find_rule_set(db::Connection& db, long long version);
std::vector<StoredRuleSet> rule_sets(db::Connection& db, int page, int per_page);
long long count_rule_sets(db::Connection& db);

// AUT-5: index range counts, no table scan.
PendingCounts pending_counts(db::Connection& db, core::Instant now);

long long count_all(db::Connection& db);
bool exists_request(db::Connection& db, const std::string& provider_nit, int year, const std::string& number);

}  // namespace authorization_store
}  // namespace portal::authorizations
