#pragma once
// Issue 9: the events counted by the auth service's rolling-window limits (migration 0008): SQL only, one
// text for SQLite and PostgreSQL (libs/db). Subjects are client addresses, NITs, user ids or account keys;
// never a password or token.
#include <string>
#include <vector>

#include "portal/core/clock.hpp"
#include "portal/db/connection.hpp"

namespace portal::auth::rate_event_store {

void record(db::Connection& c, const std::string& scope, const std::string& subject, core::Instant at);
// The instants of that scope and subject after `since`.
std::vector<core::Instant> since(db::Connection& c, const std::string& scope, const std::string& subject,
                                 core::Instant since);
// Rows older than `before` no longer matter to any window.
void prune(db::Connection& c, core::Instant before);

}  // namespace portal::auth::rate_event_store
