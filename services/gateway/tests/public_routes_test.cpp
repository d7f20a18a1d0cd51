#include <catch2/catch.hpp>

#include "public_routes.hpp"

using portal::gateway::default_public_routes;
using portal::gateway::is_credential_route;
using portal::gateway::matches_pattern;
using portal::http::Method;

TEST_CASE("GW-2 pattern matching is whole-path, one segment per parameter") {
  struct Row {
    const char* pattern;
    const char* path;
    bool match;
  };
  for (auto [pattern, path, match] : {Row{"/api/v1/auth/login", "/api/v1/auth/login", true},
                                      Row{"/api/v1/auth/login", "/api/v1/auth/login/", false},
                                      Row{"/api/v1/auth/login", "/api/v1/auth/loginX", false},
                                      Row{"/api/v1/auth/login", "/api/v1/auth", false},
                                      Row{"/a/:id", "/a/7", true},
                                      Row{"/a/:id", "/a/", false},
                                      Row{"/a/:id", "/a/7/b", false},
                                      Row{"/a/:id/b", "/a/7/b", true},
                                      Row{"/a/:id/b", "/a//b", false},
                                      Row{"/a", "a", false},
                                      Row{"/a", "", false}}) {
    CAPTURE(pattern, path);
    CHECK(matches_pattern(pattern, path) == match);
  }
}

TEST_CASE("GW-2 explicit allow-list of public routes") {
  const auto routes = default_public_routes();
  struct Row {
    Method method;
    const char* path;
    bool is_public;
  };
  for (auto [method, path, is_public] : {
           Row{Method::post, "/api/v1/auth/login", true},
           Row{Method::get, "/api/v1/auth/login", false},
           Row{Method::post, "/api/v1/auth/refresh", true},
           Row{Method::post, "/api/v1/auth/token", true},
           Row{Method::post, "/api/v1/auth/logout", false},
           Row{Method::get, "/api/v1/auth/jwks", true},
           Row{Method::head, "/api/v1/auth/jwks", true},
           Row{Method::post, "/api/v1/auth/jwks", false},
           Row{Method::post, "/api/v1/auth/password-reset", true},
           Row{Method::post, "/api/v1/auth/password-reset/confirm", true},
           Row{Method::get, "/api/v1/registration/providers/900000001", true},
           Row{Method::get, "/api/v1/registration/providers/900000001/contacts/1234", true},
           Row{Method::get, "/api/v1/registration/providers/900000001/contacts", false},
           Row{Method::get, "/api/v1/registration/providers", false},
           Row{Method::post, "/api/v1/registration", true},
           Row{Method::post, "/api/v1/registration/activate", true},
           Row{Method::post, "/api/v1/registration/resend", true},
           Row{Method::get, "/api/v1/policies/current", true},
           Row{Method::post, "/api/v1/me/policy-acceptance", false},
           Row{Method::get, "/api/v1/me", false},
           Row{Method::get, "/api/v1/users", false},
           Row{Method::post, "/api/v1/users", false},
           Row{Method::get, "/api/v1/users/1", false},
           Row{Method::patch, "/api/v1/users/1", false},
           Row{Method::get, "/api/v1/employees", false},
           Row{Method::get, "/api/v1/providers", false},
           Row{Method::post, "/api/v1/clients", false},
           Row{Method::post, "/api/v1/auth/login/../../users", false},
       }) {
    CAPTURE(portal::http::to_string(method), path);
    CHECK(routes.is_public(method, path) == is_public);
  }
}

TEST_CASE("GW-4 credential routes get the stricter login bucket") {
  CHECK(is_credential_route(Method::post, "/api/v1/auth/login"));
  CHECK(is_credential_route(Method::post, "/api/v1/auth/token"));
  CHECK_FALSE(is_credential_route(Method::get, "/api/v1/auth/login"));
  CHECK_FALSE(is_credential_route(Method::post, "/api/v1/auth/refresh"));
  CHECK_FALSE(is_credential_route(Method::get, "/api/v1/me"));
}
