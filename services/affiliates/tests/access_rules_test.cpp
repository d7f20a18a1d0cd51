#include <catch2/catch.hpp>

#include "access_rules.hpp"

using namespace portal::affiliates;
using portal::security::Principal;

namespace {

Principal principal(std::string user_type, std::vector<std::string> roles, std::vector<std::string> permissions) {
  Principal p;
  p.subject = user_type == "client" ? "client:his" : "user:1";
  p.user_type = std::move(user_type);
  p.roles = std::move(roles);
  p.permissions = std::move(permissions);
  return p;
}

}  // namespace

TEST_CASE("Who may look up, write, import and file calls (docs/affiliates.md)") {
  struct Row {
    const char* who;
    Principal p;
    bool lookup, write, import, calls;
  };
  for (const auto& row : {
           Row{"provider admin", principal("provider", {"provider_admin"}, {}), true, false, false, false},
           Row{"delegate with urgencies", principal("provider", {"provider_user"}, {"urgencies"}), true, false, false, false},
           Row{"delegate with referrals", principal("provider", {"provider_user"}, {"referrals"}), true, false, false, false},
           Row{"delegate with payments only", principal("provider", {"provider_user"}, {"payments", "glosas"}), false, false,
               false, false},
           Row{"delegate without modules", principal("provider", {"provider_user"}, {}), false, false, false, false},
           Row{"agent", principal("employee", {"agent"}, {}), true, true, false, true},
           Row{"auditor", principal("employee", {"auditor"}, {}), true, false, false, false},
           Row{"EPS admin", principal("employee", {"admin"}, {}), true, true, true, true},
           Row{"HIS integrator", principal("client", {}, {"urgencies", "authorizations"}), true, false, false, false},
           Row{"roster integrator", principal("client", {}, {"affiliates:write"}), true, true, true, false},
           Row{"integrator without scopes", principal("client", {}, {"payments"}), false, false, false, false}}) {
    CAPTURE(row.who);
    CHECK(is_allowed(row.p, Capability::lookup) == row.lookup);
    CHECK(is_allowed(row.p, Capability::write) == row.write);
    CHECK(is_allowed(row.p, Capability::bulk_import) == row.import);
    CHECK(is_allowed(row.p, Capability::file_call) == row.calls);
    CHECK(is_allowed(row.p, Capability::read_calls) == row.calls);
  }
}
