#pragma once
// AUTH-4 refresh rotation and the single-use e-mail tokens (AUTH-2, AUTH-6, AUTH-8), as pure decisions.
#include <optional>

#include "portal/core/clock.hpp"

namespace portal::auth {

struct RefreshTokenState {
  bool rotated = false;  // already exchanged once
  bool revoked = false;  // its family was revoked (logout, reuse, password change)
  core::Instant expires_at;
};

enum class RefreshDecision {
  rotate,         // valid: issue a new pair and mark this one rotated
  reject,         // unknown, expired or revoked: 401
  revoke_family,  // a rotated token came back: someone holds a copy, kill the whole family, 401
};

RefreshDecision decide_refresh(const std::optional<RefreshTokenState>& token, core::Instant now);

struct OneTimeTokenState {
  bool used = false;
  core::Instant expires_at;
};

// Single-use and expiring; unknown tokens are never usable.
bool one_time_token_usable(const std::optional<OneTimeTokenState>& token, core::Instant now);

}  // namespace portal::auth
