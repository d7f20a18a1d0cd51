#pragma once
// SPEC §2 Idempotency-Key for creating POSTs: the first successful response is kept (per caller, route
// and key) and replayed for a retry with the same body; the same key with a different body is 409.
// Responses carrying secrets (POST /clients) must not go through here.
#include <functional>

#include "auth_context.hpp"
#include "portal/http/message.hpp"

namespace portal::auth {

http::Response idempotent(AuthContext& ctx, http::Request& req, const std::function<http::Response()>& create);

}  // namespace portal::auth
