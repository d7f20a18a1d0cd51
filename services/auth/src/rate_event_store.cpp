#include "rate_event_store.hpp"

namespace portal::auth::rate_event_store {
namespace {

long long ms(core::Instant t) { return t.time_since_epoch().count(); }

}  // namespace

void record(db::Connection& c, const std::string& scope, const std::string& subject, core::Instant at) {
  c.exec("INSERT INTO rate_events (scope, subject, at) VALUES (?, ?, ?)", {scope, subject, ms(at)});
}

std::vector<core::Instant> since(db::Connection& c, const std::string& scope, const std::string& subject,
                                 core::Instant since) {
  return c.query_all("SELECT at FROM rate_events WHERE scope = ? AND subject = ? AND at > ?",
                     {scope, subject, ms(since)},
                     [](const db::Row& r) { return core::Instant{std::chrono::milliseconds{r.int64(0)}}; });
}

void prune(db::Connection& c, core::Instant before) {
  c.exec("DELETE FROM rate_events WHERE at <= ?", {ms(before)});
}

}  // namespace portal::auth::rate_event_store
