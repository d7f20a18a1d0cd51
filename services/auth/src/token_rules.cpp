#include "token_rules.hpp"

namespace portal::auth {

RefreshDecision decide_refresh(const std::optional<RefreshTokenState>& token, core::Instant now) {
  if (!token || token->revoked) return RefreshDecision::reject;
  // Reuse is detected even after expiry: a stolen token replayed late still signals a leak.
  if (token->rotated) return RefreshDecision::revoke_family;
  if (now >= token->expires_at) return RefreshDecision::reject;
  return RefreshDecision::rotate;
}

bool one_time_token_usable(const std::optional<OneTimeTokenState>& token, core::Instant now) {
  return token && !token->used && now < token->expires_at;
}

}  // namespace portal::auth
