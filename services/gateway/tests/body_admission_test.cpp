// Issue 9 item 6: which request bodies the gateway lets in, decided from the head alone.
#include "body_admission.hpp"

#include <catch2/catch.hpp>

#include "portal/core/clock.hpp"

using namespace portal;
using gateway::admit_body;
using http::Method;

namespace {

const security::SigningKey& known_key() {
  static const security::SigningKey key = security::SigningKey::generate("known");
  return key;
}
const security::SigningKey& unknown_key() {
  static const security::SigningKey key = security::SigningKey::generate("rotated-in");
  return key;
}

std::string token(const security::SigningKey& key, std::string user_type, std::vector<std::string> roles,
                  std::vector<std::string> permissions = {}, long long ttl = 600) {
  security::TokenClaims claims;
  claims.issuer = "eps-portal-auth";
  claims.audience = "eps-portal";
  const long long now = core::unix_seconds(core::SystemClock{}.now());
  claims.issued_at = now;
  claims.not_before = now;
  claims.principal.subject = "user:1";
  claims.principal.user_type = std::move(user_type);
  claims.principal.roles = std::move(roles);
  claims.principal.permissions = std::move(permissions);
  claims.principal.jti = "j";
  claims.principal.expires_at = now + ttl;
  return security::sign_token(key, claims);
}

}  // namespace

TEST_CASE("issue 9: bodies are admitted from the head only for callers who may send them") {
  core::SystemClock clock;
  security::TokenVerifier verifier(security::VerifierOptions{}, clock);
  REQUIRE(verifier.set_jwks(R"({"keys":[)" + known_key().public_jwk() + "]}"));
  const auto routes = gateway::default_public_routes();
  constexpr std::size_t kSmall = 1024 * 1024;
  const std::string admin = "Bearer " + token(known_key(), "employee", {"admin"});
  const std::string agent = "Bearer " + token(known_key(), "employee", {"agent"});
  const std::string provider = "Bearer " + token(known_key(), "provider", {"provider_admin"});
  const std::string integrator = "Bearer " + token(known_key(), "client", {}, {"affiliates:write"});
  const std::string reader = "Bearer " + token(known_key(), "client", {}, {"affiliates:read"});
  const std::string expired = "Bearer " + token(known_key(), "employee", {"admin"}, {}, -120);
  const std::string rotated = "Bearer " + token(unknown_key(), "employee", {"admin"});

  struct Row {
    Method method;
    std::string path;
    std::optional<std::string> authorization;
    std::optional<std::size_t> length;  // nullopt: chunked
    int status;                         // 0: admitted
    bool keys_needed;
  };
  const std::size_t big = 200u * 1024 * 1024;
  const std::string imports = "/api/v1/affiliates/imports";
  const Row rows[] = {
      {Method::post, "/api/v1/auth/login", std::nullopt, 60, 0, false},  // public: no token needed
      {Method::post, "/api/v1/registration", std::nullopt, 300, 0, false},
      {Method::post, "/api/v1/urgencies", std::nullopt, 300, 401, false},
      {Method::post, imports, std::nullopt, big, 401, false},
      {Method::post, imports, std::nullopt, std::nullopt, 401, false},
      {Method::post, imports, "Basic YTpi", big, 401, false},
      {Method::post, imports, "Bearer not.a.token", big, 401, false},
      {Method::post, imports, expired, big, 401, false},
      {Method::post, imports, rotated, big, 503, true},  // a key fetched soon: retry, not re-login
      {Method::post, "/api/v1/urgencies", provider, 300, 0, false},
      {Method::post, imports, provider, 300, 0, false},  // small: the service decides
      {Method::post, imports, provider, big, 403, false},
      {Method::post, imports, agent, big, 403, false},
      {Method::post, imports, reader, std::nullopt, 403, false},
      {Method::post, imports, admin, big, 0, false},
      {Method::post, imports, integrator, big, 0, false},
      {Method::post, imports, integrator, std::nullopt, 0, false},
  };
  for (const auto& row : rows) {
    CAPTURE(row.path, row.authorization.value_or("-"), row.length.value_or(0));
    http::RequestHeadInfo head;
    head.method = row.method;
    head.path = row.path;
    if (row.authorization) head.authorization = *row.authorization;
    head.content_length = row.length;
    head.chunked = !row.length;
    const auto verdict = admit_body(head, routes, verifier, kSmall);
    CHECK((verdict.refusal ? verdict.refusal->status : 0) == row.status);
    CHECK(verdict.keys_needed == row.keys_needed);
  }

  // Without any key yet, nothing protected can be judged: 503, and the keys are asked for.
  security::TokenVerifier empty(security::VerifierOptions{}, clock);
  http::RequestHeadInfo head;
  head.method = Method::post;
  head.path = "/api/v1/urgencies";
  head.authorization = provider;
  head.content_length = 10;
  const auto verdict = admit_body(head, routes, empty, kSmall);
  REQUIRE(verdict.refusal);
  CHECK(verdict.refusal->status == 503);
  CHECK(verdict.keys_needed);
}
