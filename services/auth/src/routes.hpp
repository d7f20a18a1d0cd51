#pragma once
// The auth service's route table, one function per area (SPEC §3). Each handler translates HTTP to the
// stores and rules and back; none holds business rules of its own beyond orchestration.
#include "auth_context.hpp"
#include "portal/http/revocations.hpp"
#include "portal/http/server.hpp"

namespace portal::auth {

inline constexpr const char* kApi = "/api/v1";

void register_login_routes(http::Server& server, AuthContext& ctx);           // AUTH-3, AUTH-4
void register_client_routes(http::Server& server, AuthContext& ctx);          // AUTH-4 client_credentials
void register_registration_routes(http::Server& server, AuthContext& ctx);    // AUTH-2
void register_activation_route(http::Server& server, AuthContext& ctx);       // AUTH-2 (issue 9)
void register_password_reset_routes(http::Server& server, AuthContext& ctx);  // AUTH-6
void register_me_routes(http::Server& server, AuthContext& ctx);              // AUTH-5, AUTH-7
void register_policy_routes(http::Server& server, AuthContext& ctx);          // AUTH-10
void register_user_routes(http::Server& server, AuthContext& ctx);            // AUTH-8
void register_employee_routes(http::Server& server, AuthContext& ctx);        // AUTH-9
void register_provider_routes(http::Server& server, AuthContext& ctx);        // AUTH-1
void register_revocation_routes(http::Server& server, AuthContext& ctx);      // issue 9: the signed feed
void register_contact_routes(http::Server& server, AuthContext& ctx);         // AUTH-11 (issue 20)
void register_survey_routes(http::Server& server, AuthContext& ctx);          // AUTH-12 (issue 20)
// The revocations that can still void a token, from the database (the feed, and auth's own check).
http::Revocations live_revocations(AuthContext& ctx);

inline void register_all_routes(http::Server& server, AuthContext& ctx) {
  register_login_routes(server, ctx);
  register_client_routes(server, ctx);
  register_registration_routes(server, ctx);
  register_password_reset_routes(server, ctx);
  register_me_routes(server, ctx);
  register_policy_routes(server, ctx);
  register_user_routes(server, ctx);
  register_employee_routes(server, ctx);
  register_provider_routes(server, ctx);
  register_revocation_routes(server, ctx);
  register_contact_routes(server, ctx);
  register_survey_routes(server, ctx);
}

}  // namespace portal::auth
