#pragma once
// SQL for the notifications table (migrations/0001_notifications.sql). Plain functions over a
// connection: the routes call insert() through the service's GroupCommitter and the reads through
// Database::read.
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "portal/db/connection.hpp"
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
// UNIQUE key; other storage errors propagate (db::Error and its kinds).
long long insert(db::Connection& db, const Notification& n);

std::optional<Notification> find_by_id(db::Connection& db, long long id);

// URG-3: the filter (provider_nit already forced for provider users) and the notified_at range it means
// (bogota_range). Ordered notified_at DESC, id DESC; page/per_page from the filter.
std::vector<Notification> list(db::Connection& db, const NotificationFilter& filter, const TimeRange& range);
long long count(db::Connection& db, const NotificationFilter& filter, const TimeRange& range);

// SQLite: the EXPLAIN QUERY PLAN detail lines of the list() query for this filter (URG-3 index check in
// tests). PostgreSQL: the EXPLAIN lines.
std::vector<std::string> explain_list(db::Connection& db, const NotificationFilter& filter,
                                      const TimeRange& range);

long long count_all(db::Connection& db);

}  // namespace urgency_store
}  // namespace portal::urgencies
