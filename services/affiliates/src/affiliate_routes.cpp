// AFF-1..AFF-3: lookup by document (with "hijo de" newborns), advanced search, read by id, and the
// EPS's writes (create, update with If-Match). Every read is written to the lookup audit (Ley 1581).
#include <algorithm>

#include "affiliate_json.hpp"
#include "affiliate_metrics.hpp"
#include "affiliate_rules.hpp"
#include "affiliates_http.hpp"
#include "lookup_audit.hpp"
#include "portal/audit/audit_trail.hpp"
#include "portal/http/etag.hpp"
#include "portal/http/idempotency.hpp"
#include "portal/http/json_body.hpp"
#include "portal/http/path_params.hpp"
#include "portal/service/read_work.hpp"
#include "routes.hpp"

namespace portal::affiliates {
namespace {

void audit(AffiliatesContext& ctx, const http::Request& req, std::string action, std::string query,
           long long results) {
  const auto& p = *req.principal;
  ctx.audit->record(LookupAuditEntry{ctx.now_text(), p.subject, p.user_type, p.provider_nit.value_or(""),
                                     std::move(action), std::move(query), results, req.request_id,
                                     req.client_ip});
}

std::optional<std::string> query_text(const http::Request& req, std::string_view name) {
  auto v = req.query_param(name);
  if (!v) return std::nullopt;
  auto s = normalize_spaces(*v);
  if (s.empty()) return std::nullopt;
  return s;
}

http::Response lookup(AffiliatesContext& ctx, http::Request& req) {
  if (auto denied = require(req, Capability::lookup)) return std::move(*denied);
  const auto type = query_text(req, "document_type").value_or("");
  const auto number = query_text(req, "document_number").value_or("");
  core::FieldErrors errors;
  if (auto e = check_document("document_type", "document_number", type, number, ctx.ref))
    errors.push_back(*e);
  std::optional<long long> child;
  if (auto raw = query_text(req, "child_number")) {
    const bool digits = raw->size() <= 2 && std::all_of(raw->begin(), raw->end(),
                                                        [](unsigned char c) { return std::isdigit(c); });
    // The range the message states and registrations use (issue 10: 21..99 were accepted, never found).
    if (digits && std::stoll(*raw) >= 1 && std::stoll(*raw) <= kMaxChildNumber) {
      child = std::stoll(*raw);
    } else {
      errors.push_back(
          core::FieldError{"child_number",
                           "out_of_range",
                           {"Debe ser un número entre 1 y 20.", "Must be a number from 1 to 20."}});
    }
  }
  if (!errors.empty()) return http::problem(req, http::validation_failed(std::move(errors)));

  // child_number: a newborn "hijo de" by its mother's document (records distinct from the mother's).
  if (child) {
    auto newborn = ctx.db->read(
        [&](db::Connection& c) { return affiliate_store::find_newborn(c, type, number, *child); });
    audit(ctx, req, "lookup", type + " " + number + " child " + std::to_string(*child), newborn ? 1 : 0);
    if (!newborn) return http::problem(req, affiliate_not_found());
    // The same AffiliateLookup shape as any lookup (issue 10): a newborn has no newborns of its own.
    return json_response(200,
                         [&](json::Writer& w) {
                           w.StartObject();
                           write_affiliate_fields(w, *newborn, ctx, req.lang);
                           json::write_key(w, "newborns");
                           w.StartArray();
                           w.EndArray();
                           w.EndObject();
                         })
        .with_language(req.lang);
  }
  auto [found, newborns] = ctx.db->read([&](db::Connection& c) {
    auto a = affiliate_store::find_by_document(c, type, number);
    return std::pair{a, a ? affiliate_store::newborns_of(c, type, number) : std::vector<Affiliate>{}};
  });
  audit(ctx, req, "lookup", type + " " + number, found ? 1 + static_cast<long long>(newborns.size()) : 0);
  if (ctx.metrics) ctx.metrics->lookup(found.has_value());
  if (!found) return http::problem(req, affiliate_not_found());
  return json_response(200,
                       [&](json::Writer& w) {
                         w.StartObject();
                         write_affiliate_fields(w, *found, ctx, req.lang);
                         json::write_key(w, "newborns");
                         w.StartArray();
                         for (const auto& n : newborns) write_affiliate(w, n, ctx, req.lang);
                         w.EndArray();
                         w.EndObject();
                       })
      .with_language(req.lang);
}

http::Response search(AffiliatesContext& ctx, http::Request& req) {
  if (auto denied = require(req, Capability::lookup)) return std::move(*denied);
  core::FieldErrors errors;
  auto name_param = [&](std::string_view field, bool required) -> std::optional<std::string> {
    auto v = query_text(req, field);
    if (!v) {
      if (required)
        errors.push_back(
            core::FieldError{std::string{field},
                             "required",
                             {"Es obligatorio: la búsqueda exige primer nombre y primer apellido.",
                              "Required: the search needs first name and first surname."}});
      return std::nullopt;
    }
    if (auto e = check_name(field, *v)) {
      errors.push_back(*e);
      return std::nullopt;
    }
    return fold_for_search(*v);
  };
  SearchCriteria c;
  c.first_name = name_param("first_name", true).value_or("");
  c.first_surname = name_param("first_surname", true).value_or("");
  c.second_name = name_param("second_name", false);
  c.second_surname = name_param("second_surname", false);
  c.municipality_code = query_text(req, "municipality_code");
  if (c.municipality_code && !ctx.ref.municipality_exists(*c.municipality_code)) {
    errors.push_back(
        core::FieldError{"municipality_code",
                         "unknown_municipality",
                         {"El municipio no existe en DIVIPOLA.", "The municipality is not in DIVIPOLA."}});
  }
  auto page = read_page(req);
  if (auto* r = std::get_if<http::Response>(&page)) return std::move(*r);
  if (!errors.empty()) return http::problem(req, http::validation_failed(std::move(errors)));
  const auto& p = std::get<PageRequest>(page);
  auto [items, total] = ctx.db->read([&](db::Connection& conn) {
    return std::pair{affiliate_store::search(conn, c, p), affiliate_store::count_search(conn, c)};
  });
  std::string query = "first_name=" + c.first_name + ";first_surname=" + c.first_surname;
  if (c.second_name) query += ";second_name=" + *c.second_name;
  if (c.second_surname) query += ";second_surname=" + *c.second_surname;
  if (c.municipality_code) query += ";municipality_code=" + *c.municipality_code;
  audit(ctx, req, "search", query, total);
  return http::list_response(req, p, total,
                             [&](json::Writer& w) {
                               for (const auto& a : items) write_affiliate(w, a, ctx, req.lang);
                             })
      .with_language(req.lang);
}

http::Response get_by_id(AffiliatesContext& ctx, http::Request& req) {
  if (auto denied = require(req, Capability::lookup)) return std::move(*denied);
  const auto id = http::positive_id_param(req);
  if (auto* bad = std::get_if<http::Response>(&id)) return std::move(*bad);
  auto found = ctx.db->read(
      [&](db::Connection& c) { return affiliate_store::find_by_id(c, std::get<long long>(id)); });
  audit(ctx, req, "read", "id " + std::to_string(std::get<long long>(id)), found ? 1 : 0);
  if (!found) return http::problem(req, affiliate_id_not_found());
  return http::Response::json(200, affiliate_body(*found, ctx, req.lang)).with_language(req.lang);
}

http::Response created(const AffiliatesContext& ctx, const http::Request& req, const Affiliate& a,
                       int status) {
  auto body = affiliate_body(a, ctx, req.lang);
  auto res = http::Response::json(status, body);
  res.with_language(req.lang);
  res.with_header("ETag", http::weak_etag(body));
  if (status == 201) res.with_header("Location", std::string{kApi} + "/affiliates/" + std::to_string(a.id));
  return res;
}

bool document_taken(db::Connection& c, const Affiliate& a) {
  if (a.document_type && a.document_number) {
    auto other = affiliate_store::find_by_document(c, *a.document_type, *a.document_number);
    return other && other->id != a.id;
  }
  if (a.newborn_of_type && a.newborn_of_number && a.child_number) {
    auto other = affiliate_store::find_newborn(c, *a.newborn_of_type, *a.newborn_of_number, *a.child_number);
    return other && other->id != a.id;
  }
  return false;
}

http::Response create(AffiliatesContext& ctx, http::Request& req) {
  if (auto denied = require(req, Capability::write)) return std::move(*denied);
  auto body = http::read_json_body(req);
  if (auto* r = std::get_if<http::Response>(&body)) return std::move(*r);
  core::FieldErrors errors;
  Affiliate a;
  a.data_quality = "ok";
  apply_json(std::get<rapidjson::Document>(body), a, errors);
  if (errors.empty()) errors = validate_affiliate(a, ctx.ref, core::bogota_date(ctx.clock.now()));
  if (!errors.empty()) return http::problem(req, http::validation_failed(std::move(errors)));
  const auto now = ctx.now_text();
  // insert() finds a taken document (or newborn key) itself, also one a concurrent request has just
  // committed on another replica.
  auto change = [&](db::Connection& c) -> std::optional<Affiliate> {
    const auto id = affiliate_store::insert(c, a, now);
    if (!id) return std::nullopt;
    // Registry changes are audited in their transaction (issue 20 part 3); the summary names no data.
    audit::record(
        c, audit::entry_for(req, ctx.clock.now(), "affiliate_created", "affiliate", std::to_string(*id)));
    return affiliate_store::find_by_id(c, *id);
  };
  auto respond = [&](const std::optional<Affiliate>& stored) {
    return stored ? created(ctx, req, *stored, 201) : http::problem(req, affiliate_already_exists());
  };
  // SPEC §2 Idempotency-Key (issue 10): a retry replays the first 201; the same key with another body is 409.
  auto done = http::idempotent(*ctx.idempotency, req, now, [&](http::IdempotentWrite& keyed) {
    auto committed = keyed.commit<std::optional<Affiliate>>(*ctx.db, nullptr, change, respond);
    if (committed.value && *committed.value)
      ctx.logger.info(
          "affiliate_created",
          {{"id", (*committed.value)->id}, {"by", req.principal->subject}, {"request_id", req.request_id}});
    return committed.response;
  });
  return done;
}

http::Response update(AffiliatesContext& ctx, http::Request& req) {
  if (auto denied = require(req, Capability::write)) return std::move(*denied);
  const auto id_or_bad = http::positive_id_param(req);
  if (auto* bad = std::get_if<http::Response>(&id_or_bad)) return std::move(*bad);
  const std::optional<long long> id = std::get<long long>(id_or_bad);
  auto body = http::read_json_body(req);
  if (auto* r = std::get_if<http::Response>(&body)) return std::move(*r);
  const auto if_match = req.header("If-Match");
  const auto today = core::bogota_date(ctx.clock.now());
  const auto now = ctx.now_text();
  std::optional<http::Response> refused;
  std::optional<Affiliate> stored;
  bool raced = false;
  auto attempt = [&](db::Connection& c) -> std::optional<Affiliate> {
    refused.reset();
    raced = false;
    auto current = affiliate_store::find_by_id(c, *id);
    if (!current) {
      refused = http::problem(req, affiliate_id_not_found());
      return std::nullopt;
    }
    // SPEC §2: a stale ETag (from GET /affiliates/:id, in either language) is 412.
    if (if_match) {
      const bool matches =
          http::etag_list_matches(*if_match,
                                  http::weak_etag(affiliate_body(*current, ctx, core::Lang::es))) ||
          http::etag_list_matches(*if_match, http::weak_etag(affiliate_body(*current, ctx, core::Lang::en)));
      if (!matches) {
        refused = http::problem(req, precondition_failed());
        return std::nullopt;
      }
    }
    core::FieldErrors errors;
    Affiliate next = *current;
    apply_json(std::get<rapidjson::Document>(body), next, errors);
    if (errors.empty()) errors = validate_affiliate(next, ctx.ref, today);
    if (!errors.empty()) {
      refused = http::problem(req, http::validation_failed(std::move(errors)));
      return std::nullopt;
    }
    if (document_taken(c, next)) {
      refused = http::problem(req, affiliate_already_exists());
      return std::nullopt;
    }
    if (!affiliate_store::update(c, next, now)) {
      raced = true;
      return std::nullopt;
    }
    std::string fields;  // which members the PATCH sent, not their values
    for (const auto& m : std::get<rapidjson::Document>(body).GetObject())
      fields += std::string(fields.empty() ? "" : ",") + "\"" + core::json_escape(m.name.GetString()) + "\"";
    audit::record(c, audit::entry_for(req, ctx.clock.now(), "affiliate_updated", "affiliate",
                                      std::to_string(*id), "{\"fields\":[" + fields + "]}"));
    return affiliate_store::find_by_id(c, *id);
  };
  // The update applies only to the version read: on PostgreSQL (READ COMMITTED, several replicas) a PATCH
  // committed in between is read again and re-checked, If-Match included, as SQLite's single writer
  // would have done, instead of being overwritten.
  constexpr int kAttempts = 3;
  for (int i = 1;; ++i) {
    try {
      stored = ctx.db->write(attempt);
    } catch (const db::UniqueViolation&) {
      // The document was free when checked, then a concurrent write took it.
      return http::problem(req, affiliate_already_exists());
    }
    if (!raced) break;
    if (i == kAttempts) throw db::SerializationFailure("affiliate " + std::to_string(*id) + " kept changing");
  }
  if (refused) return std::move(*refused);
  ctx.logger.info("affiliate_updated",
                  {{"id", stored->id}, {"by", req.principal->subject}, {"request_id", req.request_id}});
  return created(ctx, req, *stored, 200);
}

}  // namespace

void register_affiliate_routes(http::Server& server, AffiliatesContext& ctx) {
  const std::string base = std::string{kApi} + "/affiliates";
  // Issue 14: the lookup by document reads a few rows by index and queues its audit row in memory (the
  // audit log writes in the background), so on SQLite it is answered on the I/O thread.
  server.route(
      http::Method::get, base, [&ctx](http::Request& req) { return lookup(ctx, req); },
      http::Access::authenticated, service::keyed_read(ctx.db));
  server.route(http::Method::get, base + "/search", [&ctx](http::Request& req) { return search(ctx, req); });
  server.route(http::Method::get, base + "/:id", [&ctx](http::Request& req) { return get_by_id(ctx, req); });
  server.route(http::Method::post, base, [&ctx](http::Request& req) { return create(ctx, req); });
  server.route(http::Method::patch, base + "/:id", [&ctx](http::Request& req) { return update(ctx, req); });
}

}  // namespace portal::affiliates
