// The store on both backends: the pending counts per light are index range counts (EXPLAIN), and the
// "pending by light" list uses the light index.
#include "authorization_store.hpp"

#include <catch2/catch.hpp>

#include "authorizations_test_support.hpp"

using namespace portal;
using namespace portal::authorizations;
using namespace portal::authorizations::test;

TEST_CASE("the pending list by light reads the light index, and the demo seed shows every light and state") {
  AuthorizationsFixture f("2026-06-01T22:00:00Z", {{"PORTAL_DEMO", "true"}});  // 17:00 in Bogotá
  const auto now = f.clock.now();
  auto& db = f.app->database();
  const auto counts = db.read([&](db::Connection& c) { return authorization_store::pending_counts(c, now); });
  CHECK(counts.white == 2);  // DEMO-0004, and DEMO-0005 for the auditor's partial decision (issue 13)
  CHECK(counts.yellow == 1);
  CHECK(counts.red == 1);
  // Issue 13 item 8: decided requests in every state, authorizations used and unused in every month so far.
  CHECK(f.count("SELECT COUNT(DISTINCT status) FROM authorization_requests") == 6);
  CHECK(f.count("SELECT COUNT(*) FROM authorization_requests WHERE auto_approved = 1") > 1);
  CHECK(f.count("SELECT COUNT(DISTINCT issued_month) FROM authorizations WHERE used_on IS NOT NULL") == 5);
  CHECK(f.count("SELECT COUNT(DISTINCT issued_month) FROM authorizations WHERE used_on IS NULL") >= 3);
  CHECK(f.count("SELECT COUNT(*) FROM denials") > 0);
  CHECK(f.count("SELECT SUM(directed) FROM authorization_month_counts") ==
        f.count("SELECT COUNT(*) FROM authorizations WHERE annulled_at IS NULL"));
  CHECK(f.count("SELECT SUM(used) FROM authorization_month_counts") ==
        f.count("SELECT COUNT(*) FROM authorizations WHERE used_on IS NOT NULL AND annulled_at IS NULL"));
  const auto seeded = f.count("SELECT COUNT(*) FROM authorization_requests");
  CHECK(f.count("SELECT COUNT(*) FROM provider_contracts WHERE provider_nit = '900000001'") > 0);

  RequestFilter filter;
  filter.light = TrafficLight::red;
  filter.sort = RequestSort::due_at;
  const auto plan =
      db.read([&](db::Connection& c) { return authorization_store::explain_list(c, filter, {}, now); });
  std::string joined;
  for (const auto& line : plan) joined += line + "\n";
  INFO(joined);
  CHECK(joined.find("authorization_requests_light") != std::string::npos);
  if (f.backend() == db::Dialect::sqlite) {
    // With a date range too (the list's usual form): still the light index, in due_at order, no sort, and
    // the range checked inside the index (covering) — the created_at index would read the whole range.
    TimeRange year{now - std::chrono::hours(24 * 365), now};
    const auto ranged =
        db.read([&](db::Connection& c) { return authorization_store::explain_list(c, filter, year, now); });
    std::string plan;
    for (const auto& line : ranged) plan += line + "\n";
    INFO(plan);
    CHECK(plan.find("authorization_requests_light") != std::string::npos);
    CHECK(plan.find("TEMP B-TREE") == std::string::npos);
  }
  // A restart seeds nothing twice.
  f.restart({{"PORTAL_DEMO", "true"}});
  CHECK(f.count("SELECT COUNT(*) FROM authorization_requests") == seeded);
}
