#include "public_routes.hpp"

namespace portal::gateway {

namespace {

// Splits off the next segment of a path that starts with '/'; returns false at the end.
bool next_segment(std::string_view& rest, std::string_view& segment) {
  if (rest.empty()) return false;
  if (rest.front() != '/') return false;
  rest.remove_prefix(1);
  auto slash = rest.find('/');
  segment = rest.substr(0, slash);
  rest = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash);
  return true;
}

}  // namespace

bool matches_pattern(std::string_view pattern, std::string_view path) {
  if (pattern.empty() || path.empty() || pattern.front() != '/' || path.front() != '/') return false;
  std::string_view p = pattern, s = path, pseg, sseg;
  while (true) {
    bool more_p = next_segment(p, pseg);
    bool more_s = next_segment(s, sseg);
    if (!more_p || !more_s) return more_p == more_s;
    if (!pseg.empty() && pseg.front() == ':') {
      if (sseg.empty()) return false;
    } else if (pseg != sseg) {
      return false;
    }
  }
}

bool PublicRoutes::is_public(http::Method method, std::string_view path) const {
  const http::Method effective = method == http::Method::head ? http::Method::get : method;
  for (const auto& route : routes_)
    if (route.method == effective && matches_pattern(route.pattern, path)) return true;
  return false;
}

PublicRoutes default_public_routes() {
  using http::Method;
  return PublicRoutes({
      {Method::post, "/api/v1/auth/login"},
      {Method::post, "/api/v1/auth/refresh"},
      {Method::post, "/api/v1/auth/token"},
      {Method::get, "/api/v1/auth/jwks"},
      {Method::post, "/api/v1/auth/password-reset"},
      {Method::post, "/api/v1/auth/password-reset/confirm"},
      {Method::get, "/api/v1/registration/providers/:nit"},
      {Method::get, "/api/v1/registration/providers/:nit/contacts/:document_number"},
      {Method::post, "/api/v1/registration"},
      {Method::post, "/api/v1/registration/activate"},
      {Method::post, "/api/v1/registration/resend"},
      {Method::get, "/api/v1/policies/current"},
  });
}

bool is_credential_route(http::Method method, std::string_view path) {
  return method == http::Method::post && (path == "/api/v1/auth/login" || path == "/api/v1/auth/token");
}

}  // namespace portal::gateway
