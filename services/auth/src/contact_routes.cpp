// AUTH-11 Contact us (manual 001 §5.2, issue 20): a provider user sends a case to one of the EPS's areas;
// it is stored and e-mailed (outbox, same transaction) to the category's mailbox; EPS administrators list
// the cases and mark them answered. At most PORTAL_CONTACT_CASES_PER_USER_HOUR cases per user per rolling
// hour (429 with Retry-After).
#include <algorithm>

#include "auth_http.hpp"
#include "contact_case_store.hpp"
#include "contact_rules.hpp"
#include "mail_messages.hpp"
#include "portal/http/path_params.hpp"
#include "portal/mail/outbox.hpp"
#include "request_limits.hpp"
#include "routes.hpp"
#include "user_store.hpp"

namespace portal::auth {
namespace {

using contact_case_store::ContactCaseRecord;

constexpr const char* kCollection = "/api/v1/contact-cases";

// Thrown inside the create's transaction when the sender's hourly budget is spent: the claim of the
// Idempotency-Key rolls back with it, and the handler answers 429 with Retry-After.
struct BudgetSpent {
  long long retry_after = 1;
};

std::optional<http::Response> require_eps_admin(const http::Request& req) {
  if (auto denied = http::require_any_role(req, {"admin"})) return denied;
  if (!req.principal->is_employee()) return http::problem(req, http::forbidden());
  return std::nullopt;
}

// Errors of the rules for fields the reader has not already reported (a wrong type is not also "required").
void add_rule_errors(core::FieldErrors& errors, core::FieldErrors rule_errors) {
  for (auto& e : rule_errors) {
    const bool reported = std::any_of(errors.begin(), errors.end(),
                                      [&](const core::FieldError& x) { return x.field == e.field; });
    if (!reported) errors.push_back(std::move(e));
  }
}

void write_case(json::Writer& w, const ContactCaseRecord& k) {
  w.StartObject();
  json::write_key(w, "id");
  w.Int64(k.id);
  write_string_field(w, "category", k.category);
  write_string_field(w, "subject", k.subject);
  write_string_field(w, "comment", k.comment);
  write_string_field(w, "status", k.status);
  write_string_field(w, "mailbox", k.mailbox);
  write_optional_string(w, "provider_nit", k.provider_nit);
  write_optional_string(w, "provider_name", k.provider_name);
  json::write_key(w, "user");
  w.StartObject();
  json::write_key(w, "id");
  w.Int64(k.user_id);
  write_string_field(w, "username", k.username);
  write_string_field(w, "name", k.user_name);
  write_string_field(w, "email", k.user_email);
  w.EndObject();
  write_string_field(w, "created_at", k.created_at);
  write_optional_string(w, "answered_at", k.answered_at);
  json::write_key(w, "answered_by");
  if (k.answered_by)
    w.Int64(*k.answered_by);
  else
    w.Null();
  w.EndObject();
}

http::Response case_response(int status, const ContactCaseRecord& k) {
  return json_response(status, [&](json::Writer& w) { write_case(w, k); });
}

http::Response rate_limited(const http::Request& req, const AuthContext& ctx, long long retry_after) {
  const auto n = std::to_string(ctx.settings.contact.cases_per_user_per_hour);
  return http::problem(req, http::make_problem(
                                429, "rate_limited", {"Demasiadas solicitudes", "Too many requests"},
                                {"Ya envió " + n + " casos en la última hora. Intente de nuevo más tarde.",
                                 "You have sent " + n + " cases in the last hour. Try again later."}))
      .with_header("Retry-After", std::to_string(retry_after));
}

http::Response create_case(AuthContext& ctx, http::Request& req, http::IdempotentWrite& keyed) {
  // Provider users (administrators and delegates alike) write to the EPS; an employee or an integrator has
  // other channels.
  if (!req.principal) return http::problem(req, http::unauthorized());
  const auto user_id = caller_user_id(req);
  if (!req.principal->is_provider() || !user_id) return http::problem(req, http::forbidden());
  auto body = http::read_json_body(req);
  if (auto* r = std::get_if<http::Response>(&body)) return std::move(*r);
  core::FieldErrors errors;
  json::ObjectReader in(std::get<rapidjson::Document>(body), errors);
  // Lengths are the rules' (in characters, with the limit in the message); the body limit bounds the rest.
  constexpr std::size_t kAny = 1024 * 1024;
  ContactDraft draft{in.optional_string("category", kAny), in.optional_string("subject", kAny),
                     in.optional_string("comment", kAny)};
  add_rule_errors(errors, validate_contact_case(draft));
  if (!errors.empty()) return http::problem(req, http::validation_failed(std::move(errors)));

  const auto& limits = ctx.settings.contact;
  try {
    return commit_create<ContactCaseRecord>(
        ctx, req, keyed,
        [&](db::Connection& c) {
          const auto sender = user_store::find_by_id(c, *user_id);
          if (!sender) throw Refused{http::forbidden()};
          const std::string subject = std::to_string(*user_id);
          if (const auto wait =
                  budget_wait(c, ctx, {Budget{kContactCaseScope, subject, limits.cases_per_user_per_hour}});
              wait > 0)
            throw BudgetSpent{wait};
          spend(c, ctx, kContactCaseScope, subject);
          ContactCaseRecord k;
          k.category = *draft.category;
          k.subject = *draft.subject;
          k.comment = *draft.comment;
          k.user_id = sender->id;
          k.provider_id = sender->provider_id;
          k.mailbox = *contact_mailbox(limits, k.category);
          k.created_at = ctx.now_text();
          k.id = contact_case_store::insert(c, k);
          auto stored = *contact_case_store::find(c, k.id);
          mail::Outbox::enqueue(c, contact_case_message(stored, *sender), ctx.clock);
          // SPEC §1: who sent which kind of case; the subject and comment stay in the case, not the trail.
          audit(c, ctx, req, "contact_case_created", "contact_case:" + std::to_string(k.id),
                details_json({{"category", k.category}, {"mailbox", k.mailbox}}));
          return stored;
        },
        [](const ContactCaseRecord& k) {
          auto r = case_response(201, k);
          r.with_header("Location", std::string{kCollection} + "/" + std::to_string(k.id));
          return r;
        },
        [](db::Connection&) -> std::optional<http::Problem> { return std::nullopt; });
  } catch (const BudgetSpent& spent) {
    return rate_limited(req, ctx, spent.retry_after);
  }
}

http::Response list_cases(AuthContext& ctx, http::Request& req) {
  if (auto denied = require_eps_admin(req)) return std::move(*denied);
  core::FieldErrors errors;
  const auto page = http::read_page(req, {}, errors);
  contact_case_store::CaseFilter filter{req.query_param("status"), req.query_param("category")};
  if (filter.status && std::find(kContactCaseStatuses.begin(), kContactCaseStatuses.end(), *filter.status) ==
                           kContactCaseStatuses.end())
    errors.push_back(field_error("status", "invalid_value"));
  if (filter.category && std::find(kContactCategories.begin(), kContactCategories.end(), *filter.category) ==
                             kContactCategories.end())
    errors.push_back(field_error("category", "invalid_value"));
  if (!errors.empty()) return http::problem(req, http::validation_failed(std::move(errors)));
  const auto [cases, total] = ctx.db->read([&](db::Connection& c) {
    return std::pair{contact_case_store::list(c, filter, page), contact_case_store::count(c, filter)};
  });
  return http::list_response(req, page, total, [&](json::Writer& w) {
    for (const auto& k : cases) write_case(w, k);
  });
}

http::Response get_case(AuthContext& ctx, http::Request& req) {
  if (auto denied = require_eps_admin(req)) return std::move(*denied);
  const auto id = http::positive_id_param(req);
  if (auto* bad = std::get_if<http::Response>(&id)) return std::move(*bad);
  const auto k =
      ctx.db->read([&](db::Connection& c) { return contact_case_store::find(c, std::get<long long>(id)); });
  if (!k) return http::problem(req, http::not_found());
  return case_response(200, *k);
}

// {"status": "answered"}: an open case becomes answered (when, by whom); an answered one is left as it was.
http::Response patch_case(AuthContext& ctx, http::Request& req) {
  if (auto denied = require_eps_admin(req)) return std::move(*denied);
  const auto id_param = http::positive_id_param(req);
  if (auto* bad = std::get_if<http::Response>(&id_param)) return std::move(*bad);
  const long long id = std::get<long long>(id_param);
  const auto current = ctx.db->read([&](db::Connection& c) { return contact_case_store::find(c, id); });
  if (!current) return http::problem(req, http::not_found());
  if (auto stale = check_if_match(req, case_response(200, *current).body)) return std::move(*stale);
  auto body = http::read_json_body(req);
  if (auto* r = std::get_if<http::Response>(&body)) return std::move(*r);
  core::FieldErrors errors;
  json::ObjectReader in(std::get<rapidjson::Document>(body), errors);
  const auto status = in.required_string("status", 40);
  if (status) {
    if (auto e = check_case_status_change(*status)) errors.push_back(*e);
  }
  if (!errors.empty()) return http::problem(req, http::validation_failed(std::move(errors)));
  const auto updated = ctx.db->write([&](db::Connection& c) {
    if (contact_case_store::mark_answered(c, id, *caller_user_id(req), ctx.now_text())) {
      audit(c, ctx, req, "contact_case_answered", "contact_case:" + std::to_string(id),
            details_json({{"status_before", current->status}, {"status", "answered"}}));
    }
    return *contact_case_store::find(c, id);
  });
  return case_response(200, updated);
}

}  // namespace

void register_contact_routes(http::Server& server, AuthContext& ctx) {
  const std::string base = kCollection;
  server.route(http::Method::post, base, [&ctx](http::Request& r) {
    return idempotent(ctx, r, [&](http::IdempotentWrite& keyed) { return create_case(ctx, r, keyed); });
  });
  server.route(http::Method::get, base, [&ctx](http::Request& r) { return list_cases(ctx, r); });
  server.route(http::Method::get, base + "/:id", [&ctx](http::Request& r) { return get_case(ctx, r); });
  server.route(http::Method::patch, base + "/:id", [&ctx](http::Request& r) { return patch_case(ctx, r); });
}

}  // namespace portal::auth
