#pragma once
// SQL for AFF-5 contact-centre calls.
#include <optional>
#include <string>
#include <vector>

#include "affiliate_store.hpp"
#include "call_rules.hpp"
#include "portal/db/connection.hpp"

namespace portal::affiliates {

struct CallRecord {
  long long id = 0;
  CallDraft call;
  std::optional<long long> affiliate_id;
  std::string agent;
  std::string created_at;
};

struct CallFilter {
  std::optional<std::string> date;  // Bogotá YYYY-MM-DD
  std::optional<std::string> agent;
  std::optional<std::string> action;
};

namespace call_store {

// Returns the new id.
long long insert(db::Connection& c, const CallRecord& call, const std::string& bogota_date);
std::optional<CallRecord> find(db::Connection& c, long long id);
// Newest first.
std::vector<CallRecord> list(db::Connection& c, const CallFilter& filter, const PageRequest& page);
long long count(db::Connection& c, const CallFilter& filter);

}  // namespace call_store
}  // namespace portal::affiliates
