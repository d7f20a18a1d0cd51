#pragma once
// HTTP <-> domain helpers shared by the auth route files: the service's own problems, reading people
// and pages from requests, writing users as JSON, and the audit entry for a request.
#include <SQLiteCpp/SQLiteCpp.h>

#include <functional>
#include <string>
#include <variant>
#include <vector>

#include "auth_context.hpp"
#include "portal/http/json_body.hpp"
#include "portal/http/problem.hpp"
#include "portal/http/server.hpp"
#include "portal/json/json.hpp"
#include "records.hpp"
#include "user_rules.hpp"

namespace portal::auth {

using http::json_response;

// AUTH-3: one answer for every login failure.
http::Problem invalid_credentials();
// AUTH-3: throttled; the caller adds Retry-After.
http::Problem too_many_attempts();
// Unknown, used or expired e-mail link or refresh token.
http::Problem invalid_token();
http::Problem invalid_refresh_token();
http::Problem provider_not_found();
http::Problem provider_already_registered();
http::Problem contact_not_found();

// The member names the object carries, including those set to null (PATCH: null clears).
std::vector<std::string> present_members(const rapidjson::Value& object);
// A person's fields as sent; type errors go to `errors`.
PersonDraft read_person(const rapidjson::Value& object, core::FieldErrors& errors);
// SPEC §2 lists: ?page=&per_page= (default 20, max 200); a 422 response when invalid.
std::variant<Page, http::Response> read_page(const http::Request& req);

void write_user(json::Writer& w, const UserRecord& u);
// The members of a user object without the braces (to add more, as /me does).
void write_user_fields(json::Writer& w, const UserRecord& u);
void write_list_envelope(json::Writer& w, const Page& page, long long total,
                         const std::function<void()>& items);
void write_optional_string(json::Writer& w, std::string_view key, const std::optional<std::string>& v);
void write_string_field(json::Writer& w, std::string_view key, std::string_view v);
void write_codes(json::Writer& w, std::string_view key, const std::vector<std::string>& codes);

// Appends an audit_log row in the caller's transaction (SPEC §1).
void audit(SQLite::Database& db, const AuthContext& ctx, const http::Request& req, std::string action,
           std::string target, std::string details = "{}", std::string actor = "");
// A JSON object from string pairs, for audit details.
std::string details_json(std::initializer_list<std::pair<std::string_view, std::string>> fields);

// SPEC §2 optimistic concurrency: when If-Match is sent it must match the ETag of the resource's current
// representation (the body a GET returns now), else 412.
std::optional<http::Response> check_if_match(const http::Request& req, const std::string& current_body);

// The caller's address: the nearest X-Forwarded-For entry when the peer is a trusted proxy (the
// gateway), else the peer itself. Used for throttling (AUTH-3) and the audit trail.
std::string client_address(const http::Request& req, const AuthContext& ctx);

// SPEC §2 Idempotency-Key for creating POSTs, through libs/http's mechanism: the caller is the token's
// subject, else "anonymous:" + client_address (so registrations behind the gateway are per client).
http::Response idempotent(AuthContext& ctx, const http::Request& req,
                          const std::function<http::Response()>& create);

// The signed-in user's id, or nullopt for integrator clients.
std::optional<long long> caller_user_id(const http::Request& req);

}  // namespace portal::auth
