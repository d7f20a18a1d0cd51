#pragma once
// One running portal (auth and affiliates with demo data + gateway, real processes on free ports) shared
// by every end-to-end case of this binary, so the whole run stays well under a minute. Every response a case
// receives through the gateway is checked against api/openapi.yaml (documented route and status) and
// for the security headers and request id (GW-3, GW-5) by the client's observer.
#include <map>
#include <string>
#include <vector>

#include "portal/security/jwt.hpp"
#include "support/http_client.hpp"
#include "support/openapi_checker.hpp"
#include "support/portal_system.hpp"

namespace portal::e2e {

inline constexpr const char* kDemoPassword = "Demo.2026";
inline constexpr const char* kDemoNit = "900000001";
inline constexpr const char* kOtherNit = "900000002";
inline constexpr const char* kSpaOrigin = "http://spa.example";

struct Tokens {
  std::string access;
  std::string refresh;
};

class Suite {
 public:
  // Starts the system on first use; later calls fail fast with the same reason if that start failed.
  static Suite& get();

  test::PortalSystem& system() { return system_; }
  // The gateway, through the checking observer.
  test::HttpClient& gateway() { return gateway_; }
  const test::OpenApiChecker& openapi() const { return openapi_; }

  test::HttpResponse login_provider(const std::string& nit, const std::string& username,
                                    const std::string& password = kDemoPassword,
                                    test::HeaderMap headers = {});
  test::HttpResponse login_employee(const std::string& username, const std::string& password = kDemoPassword,
                                    test::HeaderMap headers = {});
  // Logs in and REQUIREs a 200 with both tokens.
  Tokens provider_tokens(const std::string& nit, const std::string& username);
  Tokens employee_tokens(const std::string& username);

  // GET /.well-known/jwks.json through the gateway (REQUIREs 200).
  std::string gateway_jwks();
  // Auth's signing key for `kid`, read from the PEM files auth wrote under <data dir>/keys (the test
  // owns that directory); identified by signing a probe that must verify against the gateway's JWKS.
  security::SigningKey auth_signing_key(const std::string& kid);

  // The same claims as `token` with only `permissions`, fresh iat/nbf/exp and jti, signed with auth's real
  // key: a token auth could issue to a delegate of those modules (AUTH-8), so a 403 is the permission
  // rule's, not the token's.
  std::string reissue_with_permissions(const std::string& token, const std::vector<std::string>& permissions);

  // The contract checks of the gateway's observer (documented route and status, schema of the answer), for
  // another client of this suite — an extra gateway, a service called directly. Catch2 thread only.
  test::HttpClient::Observer contract_observer();

  // Number of responses the observer checked, for a final sanity check.
  std::size_t checked_responses() const { return checked_; }

 private:
  Suite();
  void check_response(const test::HttpRequest& request, const test::HttpResponse& response);
  // Issue 10: a problem's `type` is /problems/<code>, and the gateway's page there shows its title.
  void check_problem_type(const test::HttpRequest& request, const test::HttpResponse& response);
  test::OpenApiChecker openapi_;
  std::map<std::string, std::string> problem_pages_;  // by code and Accept-Language
  test::PortalSystem system_;
  test::HttpClient gateway_;
  std::size_t checked_ = 0;
  int reissued_ = 0;
};

// The decoded payload of a token's middle part (REQUIREs a well-formed token).
std::string payload_of(const std::string& token);
std::string kid_of(const std::string& token);
long long now_unix();

}  // namespace portal::e2e
