// Demo data (issue 3 item 3): at least 200 affiliates, every one valid by the AFF-1 rules with the real
// catalogs, varied, with newborns, a suspended one and inconsistent ones; seeded once across restarts.
#include "demo_seed.hpp"

#include <catch2/catch.hpp>
#include <set>
#include <thread>

#include "affiliate_rules.hpp"
#include "affiliates_test_support.hpp"
#include "portal/db/testing/test_database.hpp"
#include "reference_data_catalog.hpp"

using namespace portal::affiliates;

TEST_CASE("Demo roster: large, valid and varied") {
  const auto today = *portal::core::parse_date("2026-03-02");
  const auto roster = demo_affiliates(today);
  const auto ref = reference_data_from_catalog(*portal::catalog::Catalogs::embedded());
  CHECK(roster.size() >= 200);
  std::set<std::string> municipalities, sexes, statuses, qualities;
  int newborns = 0, minors = 0, elders = 0;
  for (const auto& a : roster) {
    CAPTURE(a.document_number.value_or("newborn"), a.first_name);
    CHECK(validate_affiliate(a, ref, today).empty());
    municipalities.insert(a.municipality_code);
    sexes.insert(a.sex);
    statuses.insert(a.affiliation_status);
    qualities.insert(a.data_quality);
    const int age = age_in_years(*portal::core::parse_date(a.birth_date), today);
    newborns += a.is_newborn();
    minors += age < 18;
    elders += age >= 60;
  }
  CHECK(municipalities.count("08001"));
  CHECK(municipalities.count("13001"));
  CHECK(municipalities.size() >= 8);
  CHECK(sexes == std::set<std::string>{"F", "M"});
  CHECK(statuses == std::set<std::string>{"active", "retired", "suspended"});
  CHECK(qualities == std::set<std::string>{"inconsistent", "ok"});
  CHECK(newborns >= 3);
  CHECK(minors >= 10);
  CHECK(elders >= 10);
  CHECK(demo_affiliates(today).size() == roster.size());  // deterministic
}

TEST_CASE("Demo roster is seeded once: a restart adds nothing") {
  test::AffiliatesFixture f;
  const auto before = f.count("SELECT count(*) FROM affiliates");
  CHECK(before >= 200);
  f.restart();
  CHECK(f.count("SELECT count(*) FROM affiliates") == before);
}

TEST_CASE("Demo roster seeded by two replicas starting at once: stored once, neither fails") {
  const auto backend = GENERATE(from_range(portal::db::testing::backends()));
  CAPTURE(portal::db::testing::backend_name(backend));
  portal::db::testing::TestDatabase scratch(backend);
  auto first = scratch.open(affiliates_migrations());
  auto second = scratch.open(affiliates_migrations());
  portal::core::ManualClock clock(*portal::core::parse_rfc3339("2026-03-02T15:00:00Z"));
  bool seeded_first = false, seeded_second = false;
  std::string failed_first, failed_second;
  auto seed = [&](portal::db::Database& db, bool& seeded, std::string& failed) {
    try {
      seeded = seed_demo_affiliates(db, clock);
    } catch (const std::exception& e) {
      failed = e.what();
    }
  };
  std::thread a([&] { seed(*first, seeded_first, failed_first); });
  std::thread b([&] { seed(*second, seeded_second, failed_second); });
  a.join();
  b.join();
  CHECK(failed_first == "");
  CHECK(failed_second == "");
  CHECK((seeded_first || seeded_second));
  const auto stored =
      first->read([](portal::db::Connection& c) { return c.query_int64("SELECT count(*) FROM affiliates"); });
  CHECK(stored == static_cast<long long>(demo_affiliates(*portal::core::parse_date("2026-03-02")).size()));
  CHECK_FALSE(seed_demo_affiliates(*second, clock));  // and a later start adds nothing
}
