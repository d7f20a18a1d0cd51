#include "body_admission.hpp"

#include <algorithm>

namespace portal::gateway {

bool may_upload_large_body(const security::Principal& p) {
  if (p.is_employee()) return p.has_role("admin");
  return p.is_client() &&
         std::find(p.permissions.begin(), p.permissions.end(), "affiliates:write") != p.permissions.end();
}

BodyAdmissionVerdict admit_body(const http::RequestHeadInfo& head, const PublicRoutes& public_routes,
                                const security::TokenVerifier& verifier, std::size_t small_body_bytes) {
  if (public_routes.is_public(head.method, head.path)) return {};
  const auto token = head.authorization ? http::policy::bearer_token(*head.authorization) : std::nullopt;
  if (!token) return {http::unauthorized(), false};
  if (verifier.known_keys() == 0) return {http::service_unavailable("auth"), true};
  const auto verified = verifier.verify_with_known_keys(*token);
  if (!verified.ok()) {
    if (verified.error == security::VerifyError::unknown_kid)
      return {http::service_unavailable("auth"), true};
    return {http::unauthorized(), false};
  }
  const bool large = head.chunked || head.content_length.value_or(0) > small_body_bytes;
  if (large && !may_upload_large_body(*verified.principal)) return {http::forbidden(), false};
  return {};
}

}  // namespace portal::gateway
