#include <catch2/catch.hpp>

#include "token_rules.hpp"

using namespace portal;
using namespace portal::auth;
using namespace std::chrono_literals;

TEST_CASE("AUTH-4 refresh token rotation decisions") {
  const auto now = *core::parse_rfc3339("2026-03-01T12:00:00Z");
  struct Row {
    const char* name;
    std::optional<RefreshTokenState> token;
    RefreshDecision expected;
  };
  const std::vector<Row> rows = {
      {"unknown token", std::nullopt, RefreshDecision::reject},
      {"fresh token rotates", RefreshTokenState{false, false, now + 1h}, RefreshDecision::rotate},
      {"expired token", RefreshTokenState{false, false, now}, RefreshDecision::reject},
      {"rotated token reused revokes the family", RefreshTokenState{true, false, now + 1h},
       RefreshDecision::revoke_family},
      {"rotated and expired still signals reuse", RefreshTokenState{true, false, now - 1h},
       RefreshDecision::revoke_family},
      {"revoked family", RefreshTokenState{false, true, now + 1h}, RefreshDecision::reject},
      {"revoked after reuse", RefreshTokenState{true, true, now + 1h}, RefreshDecision::reject},
  };
  for (const auto& row : rows) {
    CAPTURE(row.name);
    CHECK(decide_refresh(row.token, now) == row.expected);
  }
}

TEST_CASE("AUTH-2/6 single-use expiring tokens") {
  const auto now = *core::parse_rfc3339("2026-03-01T12:00:00Z");
  struct Row {
    const char* name;
    std::optional<OneTimeTokenState> token;
    bool usable;
  };
  const std::vector<Row> rows = {
      {"unknown", std::nullopt, false},
      {"fresh", OneTimeTokenState{false, now + 1s}, true},
      {"used", OneTimeTokenState{true, now + 1h}, false},
      {"expires now", OneTimeTokenState{false, now}, false},
      {"expired", OneTimeTokenState{false, now - 1s}, false},
  };
  for (const auto& row : rows) {
    CAPTURE(row.name);
    CHECK(one_time_token_usable(row.token, now) == row.usable);
  }
}
