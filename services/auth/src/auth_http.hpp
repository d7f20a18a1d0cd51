#pragma once
// HTTP <-> domain helpers shared by the auth route files: the service's own problems, reading people
// and pages from requests, writing users as JSON, and the audit entry for a request.
#include <functional>
#include <string>
#include <variant>
#include <vector>

#include "auth_context.hpp"
#include "portal/db/connection.hpp"
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
// SPEC §2 lists (libs/http pagination: 422 naming page or per_page when out of range; Link headers).
using http::read_page;
using http::with_page_links;
using http::write_list_envelope;

void write_user(json::Writer& w, const UserRecord& u);
// The members of a user object without the braces (to add more, as /me does).
void write_user_fields(json::Writer& w, const UserRecord& u);
void write_optional_string(json::Writer& w, std::string_view key, const std::optional<std::string>& v);
void write_string_field(json::Writer& w, std::string_view key, std::string_view v);
void write_codes(json::Writer& w, std::string_view key, const std::vector<std::string>& codes);

// Appends a record to the shared audit trail (libs/audit) in the caller's transaction (SPEC §1).
void audit(db::Connection& c, const AuthContext& ctx, const http::Request& req, std::string action,
           std::string target, std::string details = "{}", std::string actor = "");
// A JSON object from string pairs, for audit details.
std::string details_json(std::initializer_list<std::pair<std::string_view, std::string>> fields);

// SPEC §2 optimistic concurrency: when If-Match is sent it must match the ETag of the resource's current
// representation (the body a GET returns now), else 412.
std::optional<http::Response> check_if_match(const http::Request& req, const std::string& current_body);

// SPEC §2 Idempotency-Key for creating POSTs, through libs/http's mechanism: the caller is the token's
// subject, else "anonymous:" + the client address (so registrations behind the gateway are per client).
// create() commits its change through commit_create() below, with the key's record (issue 8).
http::Response idempotent(AuthContext& ctx, const http::Request& req,
                          const std::function<http::Response(http::IdempotentWrite&)>& create);

// A create refused by what it found inside its transaction (a duplicate, a provider that already has an
// administrator): thrown by the change so that the transaction, and the Idempotency-Key's claim with it,
// roll back and nothing is kept for the key; commit_create() answers with the problem.
struct Refused {
  http::Problem problem;
};

// Commits a create through keyed: change(c) and the key's record in one transaction, then answers with
// respond(value) (its 2xx, built from the value alone), the key's earlier answer when another request
// holds the key, or the problem of a Refused. A unique key that a concurrent request committed first
// (its check inside change could not see it yet: replicas on PostgreSQL) is answered by conflict(c),
// the same check run again once that request's row is visible; when it names nothing the violation
// propagates (libs/http: 409).
template <typename T>
http::Response commit_create(AuthContext& ctx, const http::Request& req, http::IdempotentWrite& keyed,
                             const std::function<T(db::Connection&)>& change,
                             const std::function<http::Response(const T&)>& respond,
                             const std::function<std::optional<http::Problem>(db::Connection&)>& conflict) {
  try {
    auto done = keyed.commit<T>(*ctx.db, nullptr, change, respond);
    if (done.value && ctx.outbox) ctx.outbox->wake();  // mail the change queued goes out now
    return std::move(done.response);
  } catch (const Refused& refused) {
    return http::problem(req, refused.problem);
  } catch (const db::UniqueViolation&) {
    if (auto problem = ctx.db->read(conflict)) return http::problem(req, *problem);
    throw;
  }
}

// The signed-in user's id, or nullopt for integrator clients.
std::optional<long long> caller_user_id(const http::Request& req);

// The body of the steps that set a password through an e-mailed link (activation, reset, set-password):
// {token, password, password_confirmation}; a 4xx problem naming every bad field otherwise. The password
// policy is checked by the caller, which knows the username.
struct LinkPassword {
  std::string token;
  std::string password;
};
std::variant<LinkPassword, http::Response> read_link_password(http::Request& req);

}  // namespace portal::auth
