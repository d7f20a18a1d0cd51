// Issue 15: the outbox is transactional (a change that rolls back publishes nothing), on both backends;
// the envelope's JSON shape.
#include "portal/events/event.hpp"

#include <catch2/catch.hpp>
#include <stdexcept>

#include "portal/db/testing/test_database.hpp"

using namespace portal;

namespace {

db::Migrations outbox_migrations() {
  return {{1, "changes", "CREATE TABLE changes (id INTEGER PRIMARY KEY, what TEXT NOT NULL);"},
          {2, "event_outbox", std::string(events::kEventOutboxDdl)}};
}

const core::Instant kAt = *core::parse_rfc3339("2026-12-04T15:00:00Z");

long long count(db::Database& db, const char* sql) {
  return db.read([&](db::Connection& c) { return *c.query_int64(sql); });
}

}  // namespace

TEST_CASE("the outbox is transactional: a change that rolls back publishes nothing", "[integration]") {
  const auto backend = GENERATE(from_range(db::testing::backends()));
  CAPTURE(db::testing::backend_name(backend));
  db::testing::TestDatabase scratch(backend);
  auto db = scratch.open(outbox_migrations());

  CHECK_THROWS_AS(db->write([&](db::Connection& c) {
    c.exec("INSERT INTO changes(what) VALUES ('decided')");
    events::publish(c, events::make_event("authorization_request.approved", "900000001", "{}", kAt));
    throw std::runtime_error("the change fails after publishing");
  }),
                  std::runtime_error);
  CHECK(count(*db, "SELECT COUNT(*) FROM changes") == 0);
  CHECK(count(*db, "SELECT COUNT(*) FROM event_outbox") == 0);

  db->write([&](db::Connection& c) {
    c.exec("INSERT INTO changes(what) VALUES ('decided')");
    events::publish(c, events::make_event("authorization_request.approved", "900000001", R"({"id":7})", kAt));
  });
  CHECK(count(*db, "SELECT COUNT(*) FROM event_outbox WHERE sent_at IS NULL") == 1);
}

TEST_CASE("the event envelope: Standard Webhooks' {type, timestamp, data} plus id and provider") {
  auto e = events::make_event("authorization_request.decided", "900000001", R"({"request_id":12})", kAt);
  CHECK(e.id.starts_with("evt_"));
  CHECK(e.id != events::make_event("a.b", "1", "{}", kAt).id);
  const auto json = events::to_json(e);
  CHECK(json == R"({"id":")" + e.id +
                    R"(","type":"authorization_request.decided","timestamp":"2026-12-04T15:00:00Z",)"
                    R"("provider_nit":"900000001","data":{"request_id":12}})");
  core::FieldErrors errors;
  const auto back = events::from_json(json, errors);
  REQUIRE(back);
  CHECK(errors.empty());
  CHECK(back->id == e.id);
  CHECK(back->occurred_at == kAt);
  CHECK(back->data == R"({"request_id":12})");
}

TEST_CASE("a malformed envelope names every bad field") {
  core::FieldErrors errors;
  CHECK_FALSE(events::from_json(R"({"type":"Bad Type","timestamp":"yesterday","data":[]})", errors));
  std::vector<std::string> fields;
  for (const auto& e : errors) fields.push_back(e.field);
  CHECK(fields == std::vector<std::string>{"id", "provider_nit", "data", "type", "timestamp"});
}

TEST_CASE("event type names") {
  struct Row {
    const char* type;
    bool valid;
  };
  for (auto [type, valid] : {Row{"authorization_request.approved", true}, Row{"a.b.c", true},
                             Row{"approved", false}, Row{".a", false}, Row{"a.", false}, Row{"a..b", false},
                             Row{"A.b", false}, Row{"a.b-c", false}, Row{"", false}}) {
    CAPTURE(type);
    CHECK(events::valid_event_type(type) == valid);
  }
}
