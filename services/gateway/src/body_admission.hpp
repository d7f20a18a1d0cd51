#pragma once
// Issue 9 item 6: the gateway decides from a request's head alone whether its body may be sent, so an
// unauthenticated or unauthorised upload is refused before a byte of it is read (the gateway once read
// up to 256 MiB of anonymous body before its 401). Pure given the verifier: no I/O, never blocks — it
// runs on an I/O thread.
#include <cstddef>
#include <optional>

#include "portal/http/problem.hpp"
#include "portal/http/server.hpp"
#include "portal/security/jwt.hpp"
#include "public_routes.hpp"

namespace portal::gateway {

struct BodyAdmissionVerdict {
  std::optional<http::Problem> refusal;  // nullopt: the body may come
  bool keys_needed = false;              // the token names a key we do not know yet: fetch the JWKS
};

// Public routes (login, registration, ...) keep their small body limits and are admitted. Others need
// a bearer token that verifies with the keys already known (401 otherwise; 503 with Retry-After when
// the token names a key not fetched yet). A body larger than `small_body_bytes` (only the roster import
// route allows one) needs a caller allowed to load the roster: an EPS administrator or an integrator
// with affiliates:write (the affiliates service's own rule, AFF-4), else 403.
BodyAdmissionVerdict admit_body(const http::RequestHeadInfo& head, const PublicRoutes& public_routes,
                                const security::TokenVerifier& verifier, std::size_t small_body_bytes);

// May this caller send a roster larger than the JSON routes' limit (AFF-4 bulk import)?
bool may_upload_large_body(const security::Principal& principal);

}  // namespace portal::gateway
