// Ley 1581 trail: LookupAuditLog::flush() is the point after which recorded rows are in the database —
// also the rows its background thread had already taken but not yet written (a CI run once saw 0 rows
// right after flush()).
#include "lookup_audit.hpp"

#include <catch2/catch.hpp>
#include <sstream>

#include "affiliates_app.hpp"
#include "portal/db/testing/test_database.hpp"

namespace portal::affiliates {

TEST_CASE(
    "flush() returns only once every row recorded before it is written while the writer thread is busy") {
  const auto backend = GENERATE(from_range(db::testing::backends()));
  CAPTURE(db::testing::backend_name(backend));
  db::testing::TestDatabase scratch(backend);
  auto db = scratch.open(affiliates_migrations());
  std::ostringstream log_text;
  core::Logger logger("test", core::LogLevel::error, &log_text);
  // The background thread flushes every millisecond, so it often holds a batch when the test flushes.
  LookupAuditLog audit(*db, logger, std::chrono::milliseconds(1));
  audit.start();
  long long written = 0;
  for (int i = 0; i < 400; ++i) {
    audit.record(LookupAuditEntry{"2026-11-23T12:00:00Z", "user:10", "provider", "900000001", "lookup",
                                  "CC " + std::to_string(i), 1, "req-" + std::to_string(i), "127.0.0.1"});
    audit.flush();
    written = db->read(
        [](db::Connection& c) { return c.query_int64("SELECT count(*) FROM audit_trail").value_or(0); });
    if (written != i + 1) {
      CAPTURE(i);
      CHECK(written == i + 1);
      break;
    }
  }
  audit.stop();
  CHECK(written == 400);
}

}  // namespace portal::affiliates
