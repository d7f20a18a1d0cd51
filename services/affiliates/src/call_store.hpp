#pragma once
// SQL for AFF-5 contact-centre calls.
#include <SQLiteCpp/SQLiteCpp.h>

#include <optional>
#include <string>
#include <vector>

#include "affiliate_store.hpp"
#include "call_rules.hpp"

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

long long insert(SQLite::Database& db, const CallRecord& call, const std::string& bogota_date);
std::optional<CallRecord> find(SQLite::Database& db, long long id);
// Newest first.
std::vector<CallRecord> list(SQLite::Database& db, const CallFilter& filter, const PageRequest& page);
long long count(SQLite::Database& db, const CallFilter& filter);

}  // namespace call_store
}  // namespace portal::affiliates
