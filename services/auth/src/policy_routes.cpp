// AUTH-10 site policies: the current version is public (the registration form shows it); acceptance is
// recorded per user with the version.
#include "auth_http.hpp"
#include "policy_store.hpp"
#include "portal/http/cache_policy.hpp"
#include "routes.hpp"

namespace portal::auth {
namespace {

http::Response current_policy(AuthContext& ctx, http::Request& req) {
  const auto policy =
      ctx.db->read([&](db::Connection& c) { return policy_store::current(c, ctx.now_text()); });
  if (!policy) return http::problem(req, http::not_found());
  auto res = json_response(200, [&](json::Writer& w) {
    w.StartObject();
    write_string_field(w, "version", policy->version);
    write_string_field(w, "title", policy->title);
    write_string_field(w, "text", policy->text);
    write_string_field(w, "published_at", policy->published_at);
    w.EndObject();
  });
  return http::cache::public_reference(res);  // a newly published version shows within 5 minutes
}

http::Response accept_policy(AuthContext& ctx, http::Request& req) {
  const auto user_id = caller_user_id(req);
  if (!user_id) return http::problem(req, http::forbidden());
  auto body = http::read_json_body(req);
  if (auto* r = std::get_if<http::Response>(&body)) return std::move(*r);
  core::FieldErrors errors;
  json::ObjectReader in(std::get<rapidjson::Document>(body), errors);
  const auto version = in.required_string("version", 40);
  if (!errors.empty()) return http::problem(req, http::validation_failed(std::move(errors)));
  const bool recorded = ctx.db->write([&](db::Connection& c) {
    const auto policy = policy_store::current(c, ctx.now_text());
    if (!policy || policy->version != *version) return false;
    policy_store::accept(c, *user_id, *version, ctx.now_text(), req.client_ip);
    audit(c, ctx, req, "policy_accepted", "user:" + std::to_string(*user_id),
          details_json({{"version", *version}}));
    return true;
  });
  if (!recorded) {
    return http::problem(
        req, http::validation_failed({core::FieldError{"version",
                                                       "not_current",
                                                       {"La versión de las políticas no es la vigente.",
                                                        "The policy version is not the current one."}}}));
  }
  return http::Response::no_content();
}

}  // namespace

void register_policy_routes(http::Server& server, AuthContext& ctx) {
  server.route(
      http::Method::get, std::string{kApi} + "/policies/current",
      [&ctx](http::Request& r) { return current_policy(ctx, r); }, http::Access::public_route);
  server.route(http::Method::post, std::string{kApi} + "/me/policy-acceptance",
               [&ctx](http::Request& r) { return accept_policy(ctx, r); });
}

}  // namespace portal::auth
