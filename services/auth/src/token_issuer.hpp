#pragma once
// AUTH-4: access tokens (RS256 JWT with kid, short-lived) and refresh tokens (random, stored by
// SHA-256, 30 days, rotated on every use), plus the single-use e-mail tokens of AUTH-2/6/8.
#include <chrono>
#include <optional>
#include <string>

#include "auth_context.hpp"
#include "client_store.hpp"
#include "portal/db/connection.hpp"
#include "portal/http/message.hpp"
#include "records.hpp"

namespace portal::auth {

struct IssuedTokens {
  std::string access_token;
  long long expires_in = 0;
  std::string refresh_token;
};

// Signs an access token for the user and stores a new refresh token in `family_id` (a new family when
// empty: a fresh login). Runs in the caller's write transaction.
IssuedTokens issue_user_tokens(db::Connection& c, const AuthContext& ctx, const UserRecord& user,
                               std::string family_id = "");

// client_credentials: no refresh token; permissions carry the granted scopes.
std::string issue_client_token(const AuthContext& ctx, const client_store::ClientRecord& client,
                               const std::vector<std::string>& scopes);

// Creates a single-use link token (returned in clear once, stored by hash); earlier unused tokens of the
// same purpose for that user stop working, also when two requests send a link at once (it takes the
// user's row lock first, so the later one invalidates the earlier one's link on PostgreSQL too).
std::string create_one_time_token(db::Connection& c, const AuthContext& ctx, long long user_id,
                                  const std::string& purpose, std::chrono::hours ttl);

http::Response token_response(const IssuedTokens& tokens);

}  // namespace portal::auth
