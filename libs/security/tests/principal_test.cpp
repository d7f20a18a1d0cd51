#include <catch2/catch.hpp>

#include "portal/security/principal.hpp"

using portal::security::Principal;

namespace {

Principal make(std::string user_type, std::vector<std::string> roles, std::vector<std::string> permissions) {
  Principal p;
  p.subject = "user:7";
  p.user_type = std::move(user_type);
  p.roles = std::move(roles);
  p.permissions = std::move(permissions);
  return p;
}

}  // namespace

TEST_CASE("AUTH-8 module permissions by role") {
  struct Row {
    const char* name;
    Principal principal;
    const char* module;
    bool allowed;
  };
  const Row rows[] = {
      {"provider admin has every module", make("provider", {"provider_admin"}, {}), "payments", true},
      {"provider admin: glosas too", make("provider", {"provider_admin"}, {}), "glosas", true},
      {"provider admin: not a module", make("provider", {"provider_admin"}, {}), "users_admin", false},
      {"delegate: granted module", make("provider", {"provider_user"}, {"urgencies", "authorizations"}), "urgencies", true},
      {"delegate: module not granted", make("provider", {"provider_user"}, {"urgencies"}), "payments", false},
      {"employee: no modules by role", make("employee", {"admin"}, {}), "urgencies", false},
      {"employee: listed permission", make("employee", {"agent"}, {"urgencies"}), "urgencies", true},
      {"client: scope granted", make("client", {}, {"urgencies", "authorizations"}), "authorizations", true},
      {"client: scope missing", make("client", {}, {"urgencies"}), "payments", false},
      {"client claiming provider_admin gets nothing extra", make("client", {"provider_admin"}, {}), "payments", false},
  };
  for (const auto& row : rows) {
    CAPTURE(row.name);
    CHECK(row.principal.has_permission(row.module) == row.allowed);
  }
}

TEST_CASE("has_role and user kinds") {
  auto p = make("employee", {"auditor", "finance"}, {});
  CHECK(p.has_role("auditor"));
  CHECK(p.has_role("finance"));
  CHECK_FALSE(p.has_role("admin"));
  CHECK(p.is_employee());
  CHECK_FALSE(p.is_provider());
  CHECK_FALSE(p.is_client());
}

TEST_CASE("user_id from the subject") {
  struct Row {
    const char* subject;
    std::optional<long long> id;
  };
  for (const auto& row : {Row{"user:42", 42}, Row{"user:1", 1}, Row{"client:demo-his", std::nullopt},
                          Row{"user:", std::nullopt}, Row{"user:-3", std::nullopt}, Row{"user:0", std::nullopt},
                          Row{"user:12a", std::nullopt}, Row{"user: 12", std::nullopt}, Row{"42", std::nullopt},
                          Row{"user:99999999999999999999999", std::nullopt}}) {
    CAPTURE(row.subject);
    Principal p;
    p.subject = row.subject;
    CHECK(p.user_id() == row.id);
  }
}
