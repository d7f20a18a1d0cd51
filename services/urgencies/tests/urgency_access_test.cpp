// Who may file and read emergency notifications (SPEC §1, §5), one row per kind of caller.
#include "urgency_access.hpp"

#include <catch2/catch.hpp>

using portal::security::Principal;
using portal::urgencies::urgency_access;

namespace {

Principal make(std::string type, std::vector<std::string> roles, std::vector<std::string> permissions,
               std::optional<std::string> nit) {
  Principal p;
  p.subject = "user:1";
  p.user_type = std::move(type);
  p.roles = std::move(roles);
  p.permissions = std::move(permissions);
  p.provider_nit = std::move(nit);
  return p;
}

}  // namespace

TEST_CASE("urgency access by kind of caller") {
  struct Row {
    const char* name;
    Principal principal;
    bool create;
    bool read;
    std::optional<std::string> own;
  };
  const std::optional<std::string> nit = "900000001";
  const std::vector<Row> rows = {
      {"provider admin", make("provider", {"provider_admin"}, {}, nit), true, true, nit},
      {"delegate with urgencies", make("provider", {"provider_user"}, {"urgencies"}, nit), true, true, nit},
      {"delegate without urgencies", make("provider", {"provider_user"}, {"payments"}, nit), false, false,
       nit},
      {"provider user without a provider claim", make("provider", {"provider_admin"}, {}, std::nullopt),
       false, false, std::nullopt},
      {"agent", make("employee", {"agent"}, {}, std::nullopt), true, true, std::nullopt},
      {"admin", make("employee", {"admin"}, {}, std::nullopt), true, true, std::nullopt},
      {"auditor", make("employee", {"auditor"}, {}, std::nullopt), false, true, std::nullopt},
      {"finance analyst", make("employee", {"finance"}, {}, std::nullopt), false, false, std::nullopt},
      {"provider's integrator with scope", make("client", {}, {"urgencies"}, nit), true, true, nit},
      {"EPS integrator with scope", make("client", {}, {"urgencies"}, std::nullopt), true, true,
       std::nullopt},
      {"integrator without scope", make("client", {}, {"affiliates:write"}, nit), false, false, nit},
  };
  for (const auto& row : rows) {
    INFO(row.name);
    const auto a = urgency_access(row.principal);
    CHECK(a.create == row.create);
    CHECK(a.read == row.read);
    if (a.read) CHECK(a.own_provider == row.own);
  }
}
