// AUTH-8 through the gateway: a provider admin sees only its own provider's users (another provider's
// user id is 404, not 403, so ids are not confirmed), and a delegate (provider_user) gets 403.
#include <catch2/catch.hpp>

#include "e2e_suite.hpp"
#include "support/json_fields.hpp"

using namespace portal;
using namespace portal::e2e;

namespace {

std::string user_id_of(const std::string& token) {
  const auto sub = test::json_string(payload_of(token), "/sub").value_or("");
  REQUIRE(sub.rfind("user:", 0) == 0);
  return sub.substr(5);
}

}  // namespace

TEST_CASE("an admin of 900000001 cannot read a user of 900000002 (404)", "[e2e][isolation]") {
  auto& s = Suite::get();
  const auto admin = s.provider_tokens(kDemoNit, "admin").access;
  const auto admin2 = s.provider_tokens(kOtherNit, "admin2").access;
  const auto delegate_id = user_id_of(s.provider_tokens(kDemoNit, "delegate").access);

  auto own = s.gateway().get("/api/v1/users/" + delegate_id, test::bearer(admin));
  INFO(own.body);
  CHECK(own.status == 200);
  auto foreign = s.gateway().get("/api/v1/users/" + user_id_of(admin2), test::bearer(admin));
  CHECK(foreign.status == 404);
  CHECK(foreign.is_problem());
  auto reverse = s.gateway().get("/api/v1/users/" + delegate_id, test::bearer(admin2));
  CHECK(reverse.status == 404);

  auto list = s.gateway().get("/api/v1/users", test::bearer(admin));
  REQUIRE(list.status == 200);
  CHECK(list.body.find("admin2") == std::string::npos);
}

TEST_CASE("a delegate gets 403 on user management", "[e2e][isolation]") {
  auto& s = Suite::get();
  const auto delegate = s.provider_tokens(kDemoNit, "delegate").access;
  auto r = s.gateway().get("/api/v1/users", test::bearer(delegate));
  CHECK(r.status == 403);
  CHECK(r.is_problem());
}
