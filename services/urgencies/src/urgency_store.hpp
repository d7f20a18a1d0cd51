#pragma once
// SQL for the notifications table (migrations/0001_notifications.sql). Plain functions over a
// connection: the routes call insert() through the service's GroupCommitter and the reads through
// Database::read.
#include <SQLiteCpp/SQLiteCpp.h>

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "urgency.hpp"
#include "urgency_filter.hpp"

namespace portal::urgencies {

// URG-2: the provider already used this attention number on this Bogotá day (→ 409).
class DuplicateAttentionNumber : public std::runtime_error {
 public:
  DuplicateAttentionNumber() : std::runtime_error("duplicate attention number") {}
};

namespace urgency_store {

// Inserts n (its id is ignored) and returns the new id. Throws DuplicateAttentionNumber on the URG-2
// UNIQUE key; other SQLite errors propagate.
long long insert(SQLite::Database& db, const Notification& n);

std::optional<Notification> find_by_id(SQLite::Database& db, long long id);

// URG-3: the filter (provider_nit already forced for provider users) and the notified_at range it means
// (bogota_range). Ordered notified_at DESC, id DESC; page/per_page from the filter.
std::vector<Notification> list(SQLite::Database& db, const NotificationFilter& filter,
                               const TimeRange& range);
long long count(SQLite::Database& db, const NotificationFilter& filter, const TimeRange& range);

// The EXPLAIN QUERY PLAN detail lines of the list() query for this filter (URG-3 index check in tests).
std::vector<std::string> explain_list(SQLite::Database& db, const NotificationFilter& filter,
                                      const TimeRange& range);

long long count_all(SQLite::Database& db);

}  // namespace urgency_store
}  // namespace portal::urgencies
