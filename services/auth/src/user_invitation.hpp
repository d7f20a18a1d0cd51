#pragma once
// AUTH-8: a user created by an administrator (a provider's user or an EPS employee) never gets a password
// from anyone: the same transaction stores the user, a set-password link and its e-mail (outbox), and the
// audit row. Shared by POST /api/v1/users and POST /api/v1/employees.
#include <string>
#include <string_view>

#include "auth_context.hpp"
#include "portal/db/connection.hpp"
#include "portal/http/server.hpp"
#include "records.hpp"

namespace portal::auth {

// Inserts u (pending_activation), its set-password link and e-mail, and the audit row `action` with
// `details`; returns the stored user as read back.
UserRecord insert_invited_user(db::Connection& c, const AuthContext& ctx, const http::Request& req,
                               UserRecord u, std::string action, std::string details);

// 201 with the user and Location: <collection>/<id>.
http::Response created_user_response(const UserRecord& created, std::string_view collection);

}  // namespace portal::auth
