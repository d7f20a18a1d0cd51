#include <catch2/catch.hpp>
#include <set>

#include "portal/security/password.hpp"

using namespace portal::security;

namespace {

std::set<std::string> codes(const portal::core::FieldErrors& errors) {
  std::set<std::string> out;
  for (const auto& e : errors) out.insert(e.code);
  return out;
}

}  // namespace

TEST_CASE("AUTH-5 password policy") {
  REQUIRE(common_password_check_available());
  struct Row {
    std::string password;
    const char* username;
    std::set<std::string> expected;
  };
  const std::string long_ok = [] {
    std::string s;
    for (int i = 0; s.size() < 128; ++i) s += "Kq" + std::to_string(i * 7919 % 1000) + "vZ";
    return s.substr(0, 128);
  }();
  const Row rows[] = {
      {"Demo.2026", "admin", {}},  // the demo password of make run
      {"Zq7.Wm3kLp", "agent", {}},
      {"ÑandúRío7", "", {}},  // Ñ counts as upper-case, ú/í as lower-case
      {"Vt5kR2ma", "", {}},   // exactly 8
      {long_ok, "", {}},      // exactly 128
      {"Ab1x", "", {"too_short"}},
      {"Ñandú7x", "", {"too_short"}},  // 7 characters although 9 bytes
      {long_ok + "x", "", {"too_long"}},
      {"xkqvzmw7r", "", {"missing_uppercase"}},
      {"XKQVZMW7R", "", {"missing_lowercase"}},
      {"Xkqvzmwtr", "", {"missing_digit"}},
      {"", "", {"too_short", "missing_uppercase", "missing_lowercase", "missing_digit"}},
      {"Password1", "", {"common_password"}},
      {"Qwerty123", "", {"common_password"}},
      {"Colombia1", "", {"common_password"}},
      {"Jperez.2026x", "jperez", {"contains_username"}},
      {"xJPEREZ.2026", "JPerez", {"contains_username"}},
      {"Banana.2026x", "an", {}},  // usernames under 3 characters are not searched for
  };
  for (const auto& row : rows) {
    CAPTURE(row.password, row.username);
    CHECK(codes(check_password_policy(row.password, row.username)) == row.expected);
  }
}

TEST_CASE("policy errors name the field and speak Spanish and English") {
  const auto errors = check_password_policy("abc", "user", "new_password");
  REQUIRE_FALSE(errors.empty());
  for (const auto& e : errors) {
    CAPTURE(e.code);
    CHECK(e.field == "new_password");
    CHECK_FALSE(e.message.es.empty());
    CHECK_FALSE(e.message.en.empty());
    CHECK(e.message.es != e.message.en);
  }
  const auto common = check_password_policy("Password1", "");
  REQUIRE(common.size() == 1);
  CHECK(common[0].field == "password");
  CHECK(common[0].message.es.find("común") != std::string::npos);
}
