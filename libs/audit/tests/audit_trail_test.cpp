// Issue 20 part 3 (SPEC §1): the shared audit trail on both backends — what a record keeps, the filters,
// newest first, the count, the retention purge, and a record that rolls back with its change.
#include "portal/audit/audit_trail.hpp"

#include <catch2/catch.hpp>
#include <sstream>

#include "portal/audit/retention.hpp"
#include "portal/db/testing/test_database.hpp"

using namespace portal;

namespace {

db::Migrations migrations() {
  return {{1, "audit_trail", std::string(audit::kAuditTrailDdl)},
          {2, "things", "CREATE TABLE things (id INTEGER PRIMARY KEY, name TEXT NOT NULL);"}};
}

core::Instant at(const char* text) { return *core::parse_rfc3339(text); }

audit::Entry entry(const char* when, const char* subject, std::optional<std::string> nit, const char* action,
                   const char* type, const char* id) {
  audit::Entry e;
  e.at = at(when);
  e.subject = subject;
  e.user_type = nit ? "provider" : "employee";
  e.provider_nit = std::move(nit);
  e.client_ip = "203.0.113.7";
  e.request_id = std::string("req-") + id;
  e.action = action;
  e.resource_type = type;
  e.resource_id = id;
  e.summary = R"({"status":"approved"})";
  return e;
}

}  // namespace

TEST_CASE("audit trail: records are kept whole, filtered, newest first, counted and purged") {
  const auto backend = GENERATE(from_range(db::testing::backends()));
  CAPTURE(db::testing::backend_name(backend));
  db::testing::TestDatabase scratch(backend);
  auto db = scratch.open(migrations());
  db->write([&](db::Connection& c) {
    audit::record(c, entry("2026-06-01T10:00:00Z", "user:1", "900000001", "urgency_created", "urgency", "7"));
    audit::record(c, entry("2026-06-01T11:00:00Z", "user:2", std::nullopt, "login_succeeded", "user", "2"));
    audit::record(
        c, entry("2026-06-02T09:00:00Z", "user:1", "900000001", "urgency_status_changed", "urgency", "7"));
    audit::record(c, entry("2026-06-03T09:00:00Z", "user:3", "900000002", "urgency_created", "urgency", "8"));
    return 0;
  });
  const auto read = [&](const audit::Filter& f, long long limit = 100, long long offset = 0) {
    return db->read([&](db::Connection& c) { return audit::list(c, f, limit, offset); });
  };
  const auto ids = [](const std::vector<audit::Entry>& entries) {
    std::vector<std::string> out;
    for (const auto& e : entries) out.push_back(e.action + ":" + e.resource_id);
    return out;
  };

  const auto all = read({});
  REQUIRE(all.size() == 4);
  CHECK(all[0].action == "urgency_created");  // newest first
  CHECK(all[0].at == at("2026-06-03T09:00:00Z"));
  CHECK(all[0].subject == "user:3");
  CHECK(all[0].user_type == "provider");
  CHECK(all[0].provider_nit == std::optional<std::string>("900000002"));
  CHECK(all[0].client_ip == "203.0.113.7");
  CHECK(all[0].request_id == "req-8");
  CHECK(all[0].summary == R"({"status":"approved"})");
  CHECK_FALSE(all[2].provider_nit);

  struct Row {
    const char* name;
    audit::Filter filter;
    std::vector<std::string> expected;
  };
  for (const auto& [name, filter, expected] : {
           Row{"subject", {.subject = "user:1"}, {"urgency_status_changed:7", "urgency_created:7"}},
           Row{"provider", {.provider_nit = "900000002"}, {"urgency_created:8"}},
           Row{"action", {.action = "login_succeeded"}, {"login_succeeded:2"}},
           Row{"resource",
               {.resource_type = "urgency", .resource_id = "7"},
               {"urgency_status_changed:7", "urgency_created:7"}},
           Row{"from inclusive, to exclusive",
               {.from = at("2026-06-01T11:00:00Z"), .to = at("2026-06-03T09:00:00Z")},
               {"urgency_status_changed:7", "login_succeeded:2"}},
           Row{"nothing matches", {.action = "none"}, {}},
       }) {
    CAPTURE(name);
    CHECK(ids(read(filter)) == expected);
    CHECK(db->read([&](db::Connection& c) { return audit::count(c, filter); }) ==
          static_cast<long long>(expected.size()));
  }
  CHECK(ids(read({}, 2, 1)) == std::vector<std::string>{"urgency_status_changed:7", "login_succeeded:2"});

  // Retention: only what is older than the cutoff goes.
  CHECK(db->write([&](db::Connection& c) { return audit::purge_before(c, at("2026-06-02T00:00:00Z")); }) ==
        2);
  CHECK(ids(read({})) == std::vector<std::string>{"urgency_created:8", "urgency_status_changed:7"});
}

TEST_CASE("audit trail: a record written in the change's transaction rolls back with it") {
  const auto backend = GENERATE(from_range(db::testing::backends()));
  CAPTURE(db::testing::backend_name(backend));
  db::testing::TestDatabase scratch(backend);
  auto db = scratch.open(migrations());
  CHECK_THROWS(db->write([&](db::Connection& c) -> int {
    c.exec("INSERT INTO things (name) VALUES (?)", {std::string("x")});
    audit::record(c, entry("2026-06-01T10:00:00Z", "user:1", std::nullopt, "thing_created", "thing", "1"));
    throw std::runtime_error("the change fails after its record");
  }));
  CHECK(db->read([](db::Connection& c) {
    return c.query_int64("SELECT COUNT(*) FROM audit_trail").value_or(-1);
  }) == 0);
  CHECK(db->read([](db::Connection& c) {
    return c.query_int64("SELECT COUNT(*) FROM things").value_or(-1);
  }) == 0);
}

TEST_CASE("audit retention: the sweep deletes what is older than PORTAL_AUDIT_RETENTION_DAYS, nothing else") {
  const auto backend = GENERATE(from_range(db::testing::backends()));
  CAPTURE(db::testing::backend_name(backend));
  db::testing::TestDatabase scratch(backend);
  auto db = scratch.open(migrations());
  db->write([&](db::Connection& c) {
    audit::record(c, entry("2021-06-01T09:59:59Z", "user:1", std::nullopt, "old", "thing", "1"));
    audit::record(c, entry("2021-06-01T10:00:01Z", "user:1", std::nullopt, "kept", "thing", "2"));
    return 0;
  });
  core::Config config;
  CHECK(audit::retention_days(config) == std::chrono::days{1825});
  config.set("PORTAL_AUDIT_RETENTION_DAYS", "30");
  CHECK(audit::retention_days(config) == std::chrono::days{30});
  // 1,825 days before 2026-05-31T10:00:00Z is 2021-06-01T10:00:00Z (2024 is a leap year): the cutoff.
  core::ManualClock clock(at("2026-05-31T10:00:00Z"));
  std::ostringstream log_text;
  core::Logger log("test", core::LogLevel::error, &log_text);
  audit::RetentionSweeper sweeper(*db, clock, log, std::chrono::days{1825});
  CHECK(sweeper.sweep() == 1);
  CHECK(sweeper.sweep() == 0);
  const auto left = db->read([](db::Connection& c) { return audit::list(c, {}, 10); });
  REQUIRE(left.size() == 1);
  CHECK(left[0].action == "kept");
}
