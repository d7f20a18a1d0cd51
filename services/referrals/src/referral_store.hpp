#pragma once
// SQL for the referrals and referral_steps tables (migrations/0001_referrals.sql). Plain functions over a
// connection: writes inside Database::write (group commit), reads inside Database::read.
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "portal/catalog/catalogs.hpp"
#include "portal/db/connection.hpp"
#include "referral.hpp"

namespace portal::referrals {

// REF-1: the affiliate (this document, or this newborn of it) already has an open referral (→ 409).
class OpenReferralExists : public std::runtime_error {
 public:
  explicit OpenReferralExists(long long id) : std::runtime_error("open referral exists"), open_id(id) {}
  long long open_id;
};

// A step's If-Match named another version than the stored one (→ 412).
class StaleVersion : public std::runtime_error {
 public:
  StaleVersion() : std::runtime_error("stale referral version") {}
};

namespace referral_store {

// The open (open or in_process) referral of this affiliate key, if any.
std::optional<long long> open_referral_of(db::Connection& db, const std::string& affiliate_key);

// Inserts r (id, version and timeline ignored) and returns the new id. Throws OpenReferralExists when the
// affiliate already has an open one (checked first; the partial unique index backs it against a race).
long long insert(db::Connection& db, const Referral& r);

std::optional<Referral> find_by_id(db::Connection& db, long long id, const catalog::Catalogs& catalogs);

// Appends the step and moves the referral to step.status_after, version expected_version + 1. Throws
// StaleVersion when the stored version is not expected_version.
void append_step(db::Connection& db, long long referral_id, int expected_version, const Step& step);

// REF-4: ordered created_at DESC, id DESC; page/per_page from the filter. `from`/`to` (UTC ms) bound
// created_at (from inclusive, to exclusive).
struct TimeRange {
  std::optional<core::Instant> from;
  std::optional<core::Instant> to;
};
std::vector<Referral> list(db::Connection& db, const ReferralFilter& filter, const TimeRange& range,
                           const catalog::Catalogs& catalogs);
long long count(db::Connection& db, const ReferralFilter& filter, const TimeRange& range);
// SQLite: EXPLAIN QUERY PLAN detail lines of list()'s query; PostgreSQL: the EXPLAIN lines.
std::vector<std::string> explain_list(db::Connection& db, const ReferralFilter& filter,
                                      const TimeRange& range);

// Issue 16 metrics: open referrals per state now (index range counts).
struct StateCounts {
  long long open = 0;
  long long in_process = 0;
};
StateCounts state_counts(db::Connection& db);
long long count_all(db::Connection& db);

}  // namespace referral_store
}  // namespace portal::referrals
