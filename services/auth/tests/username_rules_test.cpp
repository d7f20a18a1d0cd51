#include <catch2/catch.hpp>

#include <set>

#include "username_rules.hpp"

using namespace portal::auth;

TEST_CASE("AUTH-2 username derived from the contact's name") {
  struct Row {
    const char* first;
    const char* surname;
    const char* expected;
  };
  for (const auto& row : {Row{"María", "Gómez", "mgomez"}, Row{"José", "Núñez", "jnunez"},
                          Row{"ANDRÉS", "De la Peña", "adelapena"}, Row{"Zoë", "O'Brien", "zobrien"},
                          Row{"", "", "usuario"}, Row{"李", "王", "usuario"},
                          Row{"Maximiliano", "Santacruzvillalobosgutierrez", "msantacruzvillalobos"}}) {
    CAPTURE(row.first, row.surname);
    CHECK(username_base(row.first, row.surname) == row.expected);
  }
}

TEST_CASE("AUTH-2 username gets digits when taken") {
  std::set<std::string> taken = {"mgomez", "mgomez2"};
  CHECK(first_free_username("mgomez", [&](const std::string& u) { return taken.count(u) > 0; }) == "mgomez3");
  CHECK(first_free_username("jnunez", [&](const std::string& u) { return taken.count(u) > 0; }) == "jnunez");
}

TEST_CASE("chosen usernames") {
  struct Row {
    const char* username;
    bool valid;
  };
  for (const auto& row : {Row{"mgomez", true}, Row{"m.gomez-2", true}, Row{"ab", false}, Row{"MGomez", false},
                          Row{".gomez", false}, Row{"m gomez", false}, Row{"abcdefghijabcdefghijabcdefghijx", false}}) {
    CAPTURE(row.username);
    CHECK(is_valid_username(row.username) == row.valid);
  }
}
