#include <catch2/catch.hpp>
#include <cstdlib>

#include "portal/core/config.hpp"

using portal::core::Config;

TEST_CASE("config file text: comments, quotes, whitespace") {
  auto c = Config::from_text("# comment\nPORTAL_A = 1\nPORTAL_B=\"two words\"\n\nbroken line\n");
  CHECK(c.get_int("PORTAL_A", 0) == 1);
  CHECK(c.get("PORTAL_B") == "two words");
  CHECK(c.get("PORTAL_MISSING", "x") == "x");
}

TEST_CASE("environment overrides defaults; bad numbers name the key") {
  setenv("PORTAL_TEST_PORT", "8099", 1);
  setenv("PORTAL_TEST_BAD", "80x", 1);
  auto c = Config::from_environment();
  CHECK(c.get_int("PORTAL_TEST_PORT", 1) == 8099);
  CHECK_THROWS_WITH(c.get_int("PORTAL_TEST_BAD", 1), Catch::Contains("PORTAL_TEST_BAD"));
  CHECK(c.get_bool("PORTAL_TEST_FLAG", true));
}
