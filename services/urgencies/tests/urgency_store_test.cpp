// The notifications table on both backends (issue 8): round trip, URG-2 uniqueness, URG-3 filters, demo
// seed idempotency; on SQLite also the indexes the provider + date range list uses (EXPLAIN QUERY PLAN).
#include "urgency_store.hpp"

#include <catch2/catch.hpp>
#include <latch>
#include <thread>

#include "demo_seed.hpp"
#include "portal/core/regulation.hpp"
#include "portal/db/testing/test_database.hpp"
#include "urgencies_app.hpp"

using namespace portal;
using namespace portal::urgencies;

namespace {

// A fresh urgencies database on the backend the test case is running for.
class TempDb {
 public:
  explicit TempDb(db::Dialect backend) : scratch(backend), db(scratch.open(urgencies_migrations())) {}
  db::testing::TestDatabase scratch;
  std::unique_ptr<db::Database> db;
};

#define BACKEND_DB(t)                                                 \
  const auto backend = GENERATE(from_range(db::testing::backends())); \
  CAPTURE(db::testing::backend_name(backend));                        \
  TempDb t(backend)

core::Instant at(const char* text) { return *core::parse_rfc3339(text); }

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

}  // namespace

TEST_CASE("a notification round-trips through the table") {
  BACKEND_DB(t);
  auto n = demo_notifications(at("2026-03-02T15:00:00Z"))[1];  // the newborn, with a warning
  n.draft.referral = Referral{true,         "Hospital Local",  std::string{"890102768"},
                              std::nullopt, std::string{"08"}, std::string{"08758"}};
  n.draft.diagnoses.related = {"P220", "R509"};
  const auto id = t.db->write([&](db::Connection& c) { return urgency_store::insert(c, n); });
  const auto back = t.db->read([&](db::Connection& c) { return urgency_store::find_by_id(c, id); });
  REQUIRE(back);
  CHECK(back->id == id);
  CHECK(back->provider_name == n.provider_name);
  CHECK(back->notified_at == n.notified_at);
  CHECK(back->notified_day == n.notified_day);
  CHECK(back->affiliate.child_number == 1);
  CHECK(back->affiliate.first_name == n.affiliate.first_name);
  CHECK(back->draft.affiliate.child_number == 1);
  CHECK(back->draft.admitted_at == n.draft.admitted_at);
  CHECK(back->draft.referral.provider_name == "Hospital Local");
  CHECK_FALSE(back->draft.referral.habilitation_code);
  CHECK(back->draft.diagnoses.related == std::vector<std::string>{"P220", "R509"});
  CHECK(back->warnings == n.warnings);
  CHECK(back->created_by == n.created_by);
  CHECK_FALSE(t.db->read([&](db::Connection& c) { return urgency_store::find_by_id(c, id + 1); }));
}

TEST_CASE("URG-2 key: provider + Bogotá day + attention number") {
  BACKEND_DB(t);
  auto n = demo_notifications(at("2026-03-02T15:00:00Z"))[0];
  t.db->write([&](db::Connection& c) { return urgency_store::insert(c, n); });
  CHECK_THROWS_AS(t.db->write([&](db::Connection& c) { return urgency_store::insert(c, n); }),
                  DuplicateAttentionNumber);
  n.provider_nit = "900000002";
  CHECK_NOTHROW(t.db->write([&](db::Connection& c) { return urgency_store::insert(c, n); }));
  n.notified_day = "2026-03-03";
  CHECK_NOTHROW(t.db->write([&](db::Connection& c) { return urgency_store::insert(c, n); }));
}

TEST_CASE("URG-3 lists use an index: provider + date range is an index SEARCH, no scan, no sort") {
  TempDb t(db::Dialect::sqlite);  // the plan text is SQLite's
  const auto now = at("2026-03-02T15:00:00Z");
  NotificationFilter f;
  f.date_from = "2026-02-01";
  f.date_to = "2026-03-02";
  const auto range = bogota_range(f, now);

  auto plan_of = [&](const NotificationFilter& filter) {
    return joined(
        t.db->read([&](db::Connection& c) { return urgency_store::explain_list(c, filter, range); }));
  };
  SECTION("a provider's notifications over a range") {
    auto provider = f;
    provider.provider_nit = "900000001";
    const auto plan = plan_of(provider);
    INFO(plan);
    CHECK(plan.find("SEARCH notifications USING INDEX notifications_provider_time (provider_nit=? AND "
                    "notified_at>? AND notified_at<?)") != std::string::npos);
    CHECK(plan.find("SCAN notifications") == std::string::npos);
    CHECK(plan.find("TEMP B-TREE") == std::string::npos);
  }
  SECTION("every provider's over a range (employees)") {
    const auto plan = plan_of(f);
    INFO(plan);
    CHECK(plan.find("SEARCH notifications USING INDEX notifications_time") != std::string::npos);
    CHECK(plan.find("TEMP B-TREE") == std::string::npos);
  }
  SECTION("an affiliate's document") {
    auto doc = f;
    doc.document_type = "CC";
    doc.document_number = "1000000001";
    const auto plan = plan_of(doc);
    INFO(plan);
    CHECK(plan.find("SCAN notifications") == std::string::npos);
  }
}

TEST_CASE("URG-3 filters and order against stored rows") {
  BACKEND_DB(t);
  const auto now = at("2026-03-02T15:00:00Z");
  t.db->write([&](db::Connection& c) {
    for (const auto& n : demo_notifications(now)) urgency_store::insert(c, n);
  });
  auto run = [&](NotificationFilter f) {
    const auto range = bogota_range(f, now);
    return t.db->read([&](db::Connection& c) {
      return std::pair{urgency_store::list(c, f, range), urgency_store::count(c, f, range)};
    });
  };
  NotificationFilter today;
  auto [items, total] = run(today);
  CHECK(total == 3);
  REQUIRE(items.size() == 3);
  CHECK(items[0].notified_at >= items[1].notified_at);
  CHECK(items[1].notified_at >= items[2].notified_at);

  NotificationFilter all;
  all.date_from = "2026-02-20";
  CHECK(run(all).second == 7);
  all.newborn = true;
  CHECK(run(all).second == 1);
  all.newborn = false;
  CHECK(run(all).second == 6);
  all.newborn.reset();
  all.per_page = 3;
  all.page = 3;
  CHECK(run(all).first.size() == 1);
}

TEST_CASE("demo seed: today's and past days', once") {
  BACKEND_DB(t);
  core::ManualClock clock(at("2026-03-02T05:10:00Z"));  // 00:10 in Bogotá: today has barely started
  CHECK(seed_demo_notifications(*t.db, clock));
  CHECK_FALSE(seed_demo_notifications(*t.db, clock));
  const auto rows = t.db->read([](db::Connection& c) { return urgency_store::count_all(c); });
  CHECK(rows == static_cast<long long>(demo_notifications(clock.now()).size() +
                                       demo_boundary_notifications().size()));
  for (const auto& n : demo_notifications(clock.now())) {
    CHECK(n.notified_at <= clock.now());
    CHECK(n.draft.admitted_at <= n.notified_at);
  }
  NotificationFilter today;
  const auto range = bogota_range(today, clock.now());
  CHECK(t.db->read([&](db::Connection& c) { return urgency_store::count(c, today, range); }) == 3);
}

TEST_CASE("issue 11: demo notifications on both sides of 1 April 2026, added to a database seeded before") {
  BACKEND_DB(t);
  const auto boundary = demo_boundary_notifications();
  REQUIRE(boundary.size() == 2);
  CHECK(core::format_in_force(boundary[0].notified_at) == core::RecordFormat::res3047);
  CHECK(boundary[0].notified_day == "2026-03-31");
  CHECK(core::format_in_force(boundary[1].notified_at) == core::RecordFormat::res2335);
  CHECK(boundary[1].notified_day == "2026-04-01");
  CHECK(boundary[1].draft.care_address);
  // A demo database seeded before issue 11 holds the recent ones only; its next start adds the pair.
  core::ManualClock clock(at("2026-12-03T15:00:00Z"));
  t.db->write([&](db::Connection& c) {
    for (const auto& n : demo_notifications(clock.now())) urgency_store::insert(c, n);
  });
  CHECK(seed_demo_notifications(*t.db, clock));
  CHECK_FALSE(seed_demo_notifications(*t.db, clock));
  const auto rows = t.db->read([](db::Connection& c) { return urgency_store::count_all(c); });
  CHECK(rows == static_cast<long long>(demo_notifications(clock.now()).size() + 2));
}

TEST_CASE("issue 11: the procedure-2 fields round-trip, and the submitted format is kept") {
  BACKEND_DB(t);
  auto n = demo_boundary_notifications()[1];
  n.draft.care_cause = "28";  // aggression: no 3047 origin
  n.draft.attention_origin = "";
  n.draft.condition_destination = "02";
  n.draft.destination = "";
  n.draft.admission_route = "03";
  n.draft.shape = BodyShape::res2335;
  const auto id = t.db->write([&](db::Connection& c) { return urgency_store::insert(c, n); });
  const auto back = t.db->read([&](db::Connection& c) { return urgency_store::find_by_id(c, id); });
  REQUIRE(back);
  CHECK(back->draft.care_cause == "28");
  CHECK(back->draft.attention_origin.empty());
  CHECK(back->draft.condition_destination == "02");
  CHECK(back->draft.destination.empty());
  CHECK(back->draft.admission_route == "03");
  CHECK(back->draft.care_address == n.draft.care_address);
  CHECK(back->draft.shape == BodyShape::res2335);
  // The 3047 March one keeps its shape and its mapped values.
  const auto old = demo_boundary_notifications()[0];
  const auto old_id = t.db->write([&](db::Connection& c) { return urgency_store::insert(c, old); });
  const auto old_back = t.db->read([&](db::Connection& c) { return urgency_store::find_by_id(c, old_id); });
  REQUIRE(old_back);
  CHECK(old_back->draft.shape == BodyShape::res3047);
  CHECK(old_back->draft.care_cause == "23");             // traffic_accident
  CHECK(old_back->draft.condition_destination == "01");  // home
}

TEST_CASE("issue 11: a notification stored before migration 3 stays readable, its 2335 values mapped") {
  BACKEND_DB(t);
  // The row as the pre-issue-11 code wrote it: none of the migration-3 columns.
  const auto id = t.db->write([&](db::Connection& c) {
    return *c.query_int64(
        "INSERT INTO notifications (provider_nit, habilitation_code, provider_name, attention_number, "
        "notified_day, notified_at, affiliate_id, document_type, document_number, child_number, first_name, "
        "second_name, first_surname, second_surname, birth_date, sex, regime, affiliation_status, "
        "data_quality, department_code, municipality_code, address, phone, attention_origin, triage, "
        "is_referred, referral_provider_name, referral_nit, referral_habilitation_code, "
        "referral_department_code, referral_municipality_code, admitted_at, consultation_reason, "
        "destination, principal_diagnosis, related_diagnoses, warnings, created_by) VALUES "
        "('900000001','080010000101','IPS Demo','77','2026-11-20',1795190400000,1,'CC','1000000001',NULL,"
        "'María','','Gómez','','1997-10-24','F','subsidized','active','ok','08','08001','Calle 1','300',"
        "'work_accident',2,1,'Hospital Local',NULL,NULL,'08','08758',1795188000000,'Caída','referral',"
        "'S822','[]','[]','user-1') RETURNING id");
  });
  const auto back = t.db->read([&](db::Connection& c) { return urgency_store::find_by_id(c, id); });
  REQUIRE(back);
  CHECK(back->draft.shape == BodyShape::res3047);
  CHECK(back->draft.attention_origin == "work_accident");
  CHECK(back->draft.care_cause == "21");
  CHECK(back->draft.destination == "referral");
  CHECK(back->draft.condition_destination == "04");
  CHECK(back->draft.admission_route == "13");  // referred
  CHECK_FALSE(back->draft.care_address);
  CHECK(core::format_in_force(back->notified_at) == core::RecordFormat::res2335);
}

// URG-2 on both backends: the unique key maps to DuplicateAttentionNumber (→ 409), including when two
// replicas insert the same attention number at the same moment.
TEST_CASE("a duplicate attention number is DuplicateAttentionNumber, also from two instances at once") {
  BACKEND_DB(t);
  auto other = t.scratch.open(urgencies_migrations());
  const auto n = demo_notifications(at("2026-03-02T15:00:00Z"))[0];
  std::latch start(2);
  std::atomic<int> created{0};
  std::atomic<int> duplicates{0};
  auto insert_from = [&](db::Database& database) {
    start.arrive_and_wait();
    try {
      database.write([&](db::Connection& c) { return urgency_store::insert(c, n); });
      ++created;
    } catch (const DuplicateAttentionNumber&) {
      ++duplicates;
    }
  };
  std::thread a([&] { insert_from(*t.db); });
  std::thread b([&] { insert_from(*other); });
  a.join();
  b.join();
  CHECK(created == 1);
  CHECK(duplicates == 1);
  CHECK(t.db->read([](db::Connection& c) { return urgency_store::count_all(c); }) == 1);
}
