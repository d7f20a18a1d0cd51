// The registry's SQL on both backends (issue 8): a taken key is reported, not an error; an update only
// applies to the version it read; a search finds and orders the same rows on SQLite and PostgreSQL.
#include "affiliate_store.hpp"

#include <catch2/catch.hpp>

#include "affiliates_app.hpp"
#include "portal/db/testing/test_database.hpp"

namespace portal::affiliates {
namespace {

Affiliate person(std::string number, std::string first, std::string surname) {
  Affiliate a;
  a.document_type = "CC";
  a.document_number = std::move(number);
  a.first_name = std::move(first);
  a.first_surname = std::move(surname);
  a.birth_date = "1990-01-01";
  a.sex = "F";
  a.regime = "subsidized";
  a.affiliation_status = "active";
  a.municipality_code = "08001";
  return a;
}

std::vector<std::string> numbers(const std::vector<Affiliate>& found) {
  std::vector<std::string> out;
  for (const auto& a : found) out.push_back(a.document_number.value_or(""));
  return out;
}

}  // namespace

TEST_CASE("Affiliate store: insert, version-checked update and search behave the same on both backends") {
  const auto backend = GENERATE(from_range(db::testing::backends()));
  CAPTURE(db::testing::backend_name(backend));
  db::testing::TestDatabase scratch(backend);
  auto db = scratch.open(affiliates_migrations());
  const std::string now = "2026-03-02T15:00:00Z";

  const auto id = db->write(
      [&](db::Connection& c) { return affiliate_store::insert(c, person("1", "Ana", "Pérez"), now); });
  REQUIRE(id);
  // The same document again: nothing written, no error (the transaction goes on).
  CHECK(db->write([&](db::Connection& c) {
    const auto again = affiliate_store::insert(c, person("1", "Otra", "Persona"), now);
    return !again && affiliate_store::count(c) == 1;
  }));

  SECTION("an update applies only to the version it read") {
    auto read = *db->read([&](db::Connection& c) { return affiliate_store::find_by_id(c, *id); });
    auto first = read;
    first.phone = "6053001234";
    CHECK(db->write([&](db::Connection& c) { return affiliate_store::update(c, first, now); }));
    auto stale = read;  // read before the first update committed
    stale.email = "ana@example.com";
    CHECK_FALSE(db->write([&](db::Connection& c) { return affiliate_store::update(c, stale, now); }));
    const auto stored = *db->read([&](db::Connection& c) { return affiliate_store::find_by_id(c, *id); });
    CHECK(stored.version == 2);
    CHECK(stored.phone == std::optional<std::string>{"6053001234"});
    CHECK_FALSE(stored.email);
  }

  SECTION("AFF-3 search: surname exact, first name by prefix, bytewise order") {
    auto with_second_name = person("3", "Mariana", "De la Hoz");
    with_second_name.second_name = "Fernanda";
    db->write([&](db::Connection& c) {
      for (const auto& a :
           {person("2", "María José", "De la Hoz"), with_second_name, person("4", "Mar", "De la Hoz"),
            person("5", "Marta", "De la Hozz"), person("6", "Ma Rita", "De la Hoz")})
        REQUIRE(affiliate_store::insert(c, a, now));
    });
    auto search = [&](std::string first, std::optional<std::string> second = std::nullopt) {
      SearchCriteria criteria;
      criteria.first_name = std::move(first);
      criteria.first_surname = "de la hoz";
      criteria.second_name = std::move(second);
      return db->read([&](db::Connection& c) {
        return std::pair{numbers(affiliate_store::search(c, criteria, PageRequest{1, 20})),
                         affiliate_store::count_search(c, criteria)};
      });
    };
    // "ma rita" < "mar" < "maria jose" < "mariana": a space sorts before every letter.
    CHECK(search("ma") == std::pair{std::vector<std::string>{"6", "4", "2", "3"}, 4LL});
    CHECK(search("mar") == std::pair{std::vector<std::string>{"4", "2", "3"}, 3LL});
    CHECK(search("maria") == std::pair{std::vector<std::string>{"2", "3"}, 2LL});
    CHECK(search("maria jo") == std::pair{std::vector<std::string>{"2"}, 1LL});
    CHECK(search("x") == std::pair{std::vector<std::string>{}, 0LL});
    CHECK(search("mar", "fer") == std::pair{std::vector<std::string>{"3"}, 1LL});
    CHECK(search("mar", "ferx") == std::pair{std::vector<std::string>{}, 0LL});
    if (backend == db::Dialect::postgresql) {
      // Bytewise whatever the server's locale (migration 0002): a linguistic collation ignores spaces.
      CHECK(db->read([](db::Connection& c) {
        return c.query_text(
            "SELECT collation_name FROM information_schema.columns WHERE table_schema = current_schema() "
            "AND table_name = 'affiliates' AND column_name = 'search_first_name'");
      }) == std::optional<std::string>{"C"});
    }
  }
}

}  // namespace portal::affiliates
