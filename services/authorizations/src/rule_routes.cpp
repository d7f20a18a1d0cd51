// AUT-2: rule sets (upload with validation, atomic activation, current, history), the evaluation of a
// hypothetical request (nothing saved), and provider contracts (one provider, or in bulk).
#include <charconv>
#include <chrono>
#include <set>

#include "authorization_store.hpp"
#include "authorizations_http.hpp"
#include "judgement.hpp"
#include "portal/audit/audit_trail.hpp"
#include "portal/http/idempotency.hpp"
#include "portal/http/json_body.hpp"
#include "portal/http/pagination.hpp"
#include "portal/http/path_params.hpp"
#include "portal/json/json.hpp"
#include "replay_store.hpp"
#include "request_facts.hpp"
#include "request_json.hpp"
#include "routes.hpp"
#include "rule_replay.hpp"
#include "rule_set.hpp"
#include "rule_set_cache.hpp"

namespace portal::authorizations {
namespace {

void write_rule_set(json::Writer& w, const StoredRuleSet& s, bool with_document) {
  w.StartObject();
  json::write_key(w, "version");
  w.Int64(s.version);
  json::write_key(w, "name");
  json::write_string(w, s.name);
  json::write_key(w, "active");
  w.Bool(s.active);
  json::write_key(w, "uploaded_at");
  json::write_string(w, core::to_rfc3339(s.uploaded_at));
  json::write_key(w, "uploaded_by");
  json::write_string(w, s.uploaded_by);
  json::write_key(w, "activated_at");
  json::write_optional(
      w, s.activated_at ? std::optional<std::string>{core::to_rfc3339(*s.activated_at)} : std::nullopt);
  if (with_document) {
    json::write_key(w, "document");
    w.RawValue(s.document.c_str(), s.document.size(), rapidjson::kObjectType);
  }
  w.EndObject();
}

std::string rule_set_json(const StoredRuleSet& s, bool with_document) {
  rapidjson::StringBuffer buffer;
  json::Writer w(buffer);
  write_rule_set(w, s, with_document);
  return {buffer.GetString(), buffer.GetSize()};
}

http::Response upload(AuthorizationsContext& ctx, http::Request& req, http::IdempotentWrite& keyed) {
  auto parsed = parse_rule_set(req.body, *ctx.catalogs);
  if (!parsed.rule_set) {
    if (parsed.errors.size() == 1 && parsed.errors[0].field.empty()) {
      return http::problem(req,
                           http::malformed_json(parsed.errors[0].message.es, parsed.errors[0].message.en));
    }
    return http::problem(req, http::validation_failed(std::move(parsed.errors)));
  }
  // Stored as sent once validated, compacted (the canonical JSON keeps it comparable across uploads).
  const std::string document = json::canonical(req.body).value_or(req.body);
  StoredRuleSet s;
  s.name = parsed.rule_set->name;
  s.document = document;
  s.uploaded_at = ctx.clock.now();
  s.uploaded_by = req.principal->subject;
  auto done = keyed.commit<long long>(
      *ctx.db, nullptr,
      [&](db::Connection& c) {
        const long long version =
            authorization_store::insert_rule_set(c, s.name, s.document, s.uploaded_at, s.uploaded_by);
        audit::record(c, audit::entry_for(req, s.uploaded_at, "rule_set_uploaded", "rule_set",
                                          std::to_string(version)));
        return version;
      },
      [&](const long long& version) {
        s.version = version;
        auto res = http::Response::json(201, rule_set_json(s, false));
        res.with_header("Location", std::string{kRules} + "/" + std::to_string(version));
        return res;
      });
  if (done.value) ctx.logger.info("rule_set_uploaded", {{"version", *done.value}, {"by", s.uploaded_by}});
  return std::move(done.response);
}

http::Response activate(AuthorizationsContext& ctx, http::Request& req) {
  const auto version = http::positive_id_param(req, "version");
  if (auto* bad = std::get_if<http::Response>(&version)) return std::move(*bad);
  const long long v = std::get<long long>(version);
  const auto now = ctx.clock.now();
  auto activated = ctx.db->write([&](db::Connection& c) -> std::optional<StoredRuleSet> {
    if (!authorization_store::activate_rule_set(c, v, now, req.principal->subject)) return std::nullopt;
    audit::record(c, audit::entry_for(req, now, "rule_set_activated", "rule_set", std::to_string(v)));
    return authorization_store::find_rule_set(c, v);
  });
  if (!activated) return http::problem(req, rule_set_not_found());
  ctx.logger.info("rule_set_activated", {{"version", v}, {"by", req.principal->subject}});
  return http::Response::json(200, rule_set_json(*activated, false));
}

http::Response current(AuthorizationsContext& ctx, http::Request& req) {
  auto active = ctx.db->read([](db::Connection& c) { return authorization_store::active_rule_set(c); });
  if (!active) return http::problem(req, no_active_rule_set());
  return http::Response::json(200, rule_set_json(*active, true));
}

http::Response history(AuthorizationsContext& ctx, http::Request& req) {
  auto page = http::read_page(req);
  if (auto* bad = std::get_if<http::Response>(&page)) return std::move(*bad);
  const auto p = std::get<http::PageRequest>(page);
  auto [items, total] = ctx.db->read([&](db::Connection& c) {
    return std::pair{
        authorization_store::rule_sets(c, static_cast<int>(p.page), static_cast<int>(p.per_page)),
        authorization_store::count_rule_sets(c)};
  });
  return http::list_response(req, p, total, [&](json::Writer& w) {
    for (const auto& s : items) write_rule_set(w, s, false);
  });
}

// POST /authorization-rules/evaluate[?version=N]: the request body of POST /authorization-requests, judged
// by the active (or the named) version; nothing is written.
http::Response evaluate_hypothetical(AuthorizationsContext& ctx, http::Request& req,
                                     const AuthorizationAccess& access) {
  std::optional<long long> version;
  if (auto v = req.query_param("version")) {
    long long n = 0;
    const auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
    if (ec != std::errc{} || end != v->data() + v->size() || n < 1) {
      return http::problem(req, http::validation_failed({{"version",
                                                          "out_of_range",
                                                          {"Debe ser un número de versión (1 o más)",
                                                           "Must be a version number (1 or more)"}}}));
    }
    version = n;
  }
  const auto now = ctx.clock.now();
  auto result = judge(ctx, req, access, now, version);
  if (!result.judgement) return std::move(*result.failure);
  const auto& j = *result.judgement;
  rapidjson::StringBuffer buffer;
  json::Writer w(buffer);
  w.StartObject();
  json::write_key(w, "rule_set_version");
  w.Int64(j.rule_set_version);
  json::write_key(w, "status");
  json::write_string(w, j.evaluation.approved ? "approved" : "pending");
  json::write_key(w, "status_reason");
  json::write_optional(w, j.evaluation.status_reason.empty()
                              ? std::nullopt
                              : std::optional<std::string>{j.evaluation.status_reason});
  json::write_key(w, "evaluation");
  const auto evaluation = evaluation_json(j.evaluation, *j.rules, j.draft.lines);
  w.RawValue(evaluation.c_str(), evaluation.size(), rapidjson::kArrayType);
  json::write_key(w, "due_at");
  const auto due = due_at(now, j.draft.patient_location, ctx.due_times);
  json::write_optional(w, due ? std::optional<std::string>{core::to_rfc3339(*due)} : std::nullopt);
  w.EndObject();
  return http::Response::json(200, std::string{buffer.GetString(), buffer.GetSize()});
}

// Issue 13 item 7: POST /authorization-rules/{version}/replay {"from", "to"[, "samples"]}. Bogotá dates,
// both inclusive, at most 366 days. Read path only: nothing is written, and on SQLite the read connection
// never blocks the writer (WAL).
constexpr int kMaxReplayDays = 366;

struct ReplayQuery {
  std::string from;
  std::string to;
  TimeRange range;
  std::size_t samples = 10;
};

std::variant<ReplayQuery, http::Response> read_replay_query(http::Request& req) {
  auto body = http::read_json_body(req);
  if (auto* r = std::get_if<http::Response>(&body)) return std::move(*r);
  core::FieldErrors errors;
  json::ObjectReader o(std::get<rapidjson::Document>(body), errors);
  const auto date = [&](std::string_view name) -> std::optional<std::chrono::year_month_day> {
    const auto text = o.required_string(name, 10);
    if (!text) return std::nullopt;
    const auto d = core::parse_date(*text);
    if (!d) {
      o.add_error(name, "invalid_format", {"Una fecha AAAA-MM-DD", "A date YYYY-MM-DD"});
    }
    return d;
  };
  const auto from = date("from");
  const auto to = date("to");
  const auto samples = o.optional_int("samples", 1, 100);
  if (from && to) {
    using std::chrono::sys_days;
    const auto days = (sys_days{*to} - sys_days{*from}).count();
    if (days < 0) {
      o.add_error("to", "before_from", {"Debe ser igual o posterior a «from»", "Must be on or after «from»"});
    } else if (days >= kMaxReplayDays) {
      o.add_error("to", "range_too_long",
                  {"El rango es de máximo 366 días", "The range is at most 366 days"});
    }
  }
  if (!errors.empty()) return http::problem(req, http::validation_failed(std::move(errors)));
  ReplayQuery q;
  q.from = core::format_date(*from);
  q.to = core::format_date(*to);
  q.range.from = core::bogota_day_start(*from);
  q.range.to =
      core::bogota_day_start(std::chrono::year_month_day{std::chrono::sys_days{*to} + std::chrono::days{1}});
  q.samples = static_cast<std::size_t>(samples.value_or(10));
  return q;
}

void write_samples(json::Writer& w, const Samples& samples) {
  json::write_key(w, "sample_request_ids");
  w.StartArray();
  for (const long long id : samples.ids) w.Int64(id);
  w.EndArray();
}

std::string replay_json(long long version, const ReplayQuery& q, const ReplayReport& r,
                        long long elapsed_ms) {
  rapidjson::StringBuffer buffer;
  json::Writer w(buffer);
  w.StartObject();
  json::write_key(w, "version");
  w.Int64(version);
  json::write_key(w, "from");
  json::write_string(w, q.from);
  json::write_key(w, "to");
  json::write_string(w, q.to);
  const auto count = [&](std::string_view key, long long n) {
    json::write_key(w, key);
    w.Int64(n);
  };
  count("requests", r.requests);
  count("lines", r.lines);
  count("changed_requests", r.changed_requests);
  count("skipped_requests", r.skipped_requests);
  count("baseline_drift_lines", r.baseline_drift_lines);
  json::write_key(w, "changes");
  w.StartObject();
  for (const auto* change : {&r.approve_to_pend, &r.pend_to_approve}) {
    json::write_key(w, change == &r.approve_to_pend ? "approve_to_pend" : "pend_to_approve");
    w.StartObject();
    count("lines", change->lines);
    count("requests", change->requests);
    write_samples(w, change->samples);
    w.EndObject();
  }
  w.EndObject();
  json::write_key(w, "causes");
  w.StartArray();
  for (const auto& cause : r.causes) {
    w.StartObject();
    json::write_key(w, "change");
    json::write_string(w, to_string(cause.change));
    json::write_key(w, "rule_id");
    json::write_string(w, cause.rule_id);
    count("lines", cause.lines);
    write_samples(w, cause.samples);
    w.EndObject();
  }
  w.EndArray();
  count("elapsed_ms", elapsed_ms);
  w.EndObject();
  return {buffer.GetString(), buffer.GetSize()};
}

http::Response replay(AuthorizationsContext& ctx, http::Request& req) {
  const auto version = http::positive_id_param(req, "version");
  if (auto* bad = std::get_if<http::Response>(&version)) return std::move(*bad);
  const long long v = std::get<long long>(version);
  auto query = read_replay_query(req);
  if (auto* bad = std::get_if<http::Response>(&query)) return std::move(*bad);
  const auto& q = std::get<ReplayQuery>(query);

  const auto started = std::chrono::steady_clock::now();
  struct Outcome {
    bool found = false;
    ReplayReport report;
  };
  auto outcome = ctx.db->read([&](db::Connection& c) {
    Outcome out;
    const auto load = [&](long long n) {
      return ctx.rule_sets->get(n, [&] { return authorization_store::find_rule_set(c, n); });
    };
    const auto candidate = load(v);
    if (!candidate) return out;
    out.found = true;
    // The baselines (few versions) are read before the pass: no second query while the first is open.
    std::map<long long, std::shared_ptr<const RuleSet>> baselines;
    for (const long long n : replay_store::rule_set_versions(c, q.range)) baselines[n] = load(n);
    ReplayTally tally(q.samples);
    replay_store::for_each_request(c, q.range, [&](const ReplayRequest& r) {
      const auto baseline = baselines.find(r.rule_set_version);
      if (baseline == baselines.end() || !baseline->second) {
        tally.skip();
        return;
      }
      const auto facts = request_facts(r.draft, r.draft.lines, r.draft.diagnoses, r.affiliate, r.created_at,
                                       *ctx.catalogs, r.sources);
      tally.add(r.id, evaluate(*baseline->second, facts), evaluate(*candidate, facts), r.stored_approved);
    });
    out.report = tally.report();
    return out;
  });
  if (!outcome.found) return http::problem(req, rule_set_not_found());
  const auto elapsed =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started)
          .count();
  ctx.logger.info("rule_set_replayed", {{"version", v},
                                        {"requests", outcome.report.requests},
                                        {"changed", outcome.report.changed_requests},
                                        {"elapsed_ms", static_cast<long long>(elapsed)},
                                        {"by", req.principal->subject}});
  return http::Response::json(200, replay_json(v, q, outcome.report, elapsed));
}

bool plausible_nit(std::string_view nit) {
  return !nit.empty() && nit.size() <= 20 &&
         std::all_of(nit.begin(), nit.end(), [](unsigned char c) { return std::isdigit(c) || c == '-'; });
}

// {"codes": [...]} → the set, every bad code listed under `prefix`.codes[i].
std::optional<std::set<std::string>> read_codes(const rapidjson::Value& o, const std::string& prefix,
                                                core::FieldErrors& errors) {
  const std::string field = prefix.empty() ? "codes" : prefix + ".codes";
  if (!o.IsObject() || !o.HasMember("codes") || !o["codes"].IsArray()) {
    errors.push_back({field, "required", json::required_message()});
    return std::nullopt;
  }
  const auto& codes = o["codes"];
  if (codes.Size() > 20000) {
    errors.push_back({field, "too_many_items", {"Máximo 20000 códigos", "At most 20000 codes"}});
    return std::nullopt;
  }
  std::set<std::string> out;
  const auto before = errors.size();
  for (rapidjson::SizeType i = 0; i < codes.Size(); ++i) {
    const std::string path = field + "[" + std::to_string(i) + "]";
    if (!codes[i].IsString()) {
      errors.push_back({path, "invalid_type", json::invalid_type_message("un texto", "a string")});
      continue;
    }
    std::string code(codes[i].GetString(), codes[i].GetStringLength());
    for (auto& ch : code) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    if (code.empty() || code.size() > 30 ||
        !std::all_of(code.begin(), code.end(), [](unsigned char c) { return std::isalnum(c) || c == '-'; })) {
      errors.push_back({path,
                        "invalid_format",
                        {"Un código CUPS, IUM/CUM o de dispositivo: letras, dígitos y guion (hasta 30)",
                         "A CUPS, IUM/CUM or device code: letters, digits and a hyphen (up to 30)"}});
      continue;
    }
    out.insert(std::move(code));
  }
  if (errors.size() != before) return std::nullopt;
  return out;
}

std::string contract_json(const std::string& nit, const std::set<std::string>& codes) {
  rapidjson::StringBuffer buffer;
  json::Writer w(buffer);
  w.StartObject();
  json::write_key(w, "provider_nit");
  json::write_string(w, nit);
  json::write_key(w, "codes");
  w.StartArray();
  for (const auto& c : codes) json::write_string(w, c);
  w.EndArray();
  w.EndObject();
  return {buffer.GetString(), buffer.GetSize()};
}

http::Response put_contract(AuthorizationsContext& ctx, http::Request& req) {
  const std::string nit = req.param("nit").value_or("");
  if (!plausible_nit(nit)) {
    return http::problem(
        req,
        http::bad_request(
            {{"nit", "invalid_format", {"Un NIT son dígitos y guion", "A NIT is digits and a hyphen"}}}));
  }
  auto body = http::read_json_body(req);
  if (auto* r = std::get_if<http::Response>(&body)) return std::move(*r);
  core::FieldErrors errors;
  auto codes = read_codes(std::get<rapidjson::Document>(body), "", errors);
  if (!codes) return http::problem(req, http::validation_failed(std::move(errors)));
  ctx.db->write([&](db::Connection& c) {
    const long long n = authorization_store::replace_contract(c, nit, *codes, ctx.clock.now());
    audit::record(c, audit::entry_for(req, ctx.clock.now(), "provider_contract_replaced", "provider_contract",
                                      nit, "{\"codes\":" + std::to_string(n) + "}"));
    return n;
  });
  return http::Response::json(200, contract_json(nit, *codes));
}

// The bulk form: {"contracts": [{"provider_nit", "codes"}, ...]}, all or nothing in one transaction.
http::Response load_contracts(AuthorizationsContext& ctx, http::Request& req) {
  auto body = http::read_json_body(req);
  if (auto* r = std::get_if<http::Response>(&body)) return std::move(*r);
  const auto& doc = std::get<rapidjson::Document>(body);
  core::FieldErrors errors;
  std::vector<std::pair<std::string, std::set<std::string>>> contracts;
  if (!doc.HasMember("contracts") || !doc["contracts"].IsArray() || doc["contracts"].Empty()) {
    errors.push_back({"contracts", "required", json::required_message()});
  } else if (doc["contracts"].Size() > 1000) {
    errors.push_back({"contracts", "too_many_items", {"Máximo 1000 prestadores", "At most 1000 providers"}});
  } else {
    std::set<std::string> seen;
    const auto& list = doc["contracts"];
    for (rapidjson::SizeType i = 0; i < list.Size(); ++i) {
      const std::string path = "contracts[" + std::to_string(i) + "]";
      const auto& item = list[i];
      std::string nit;
      if (item.IsObject() && item.HasMember("provider_nit") && item["provider_nit"].IsString()) {
        nit = item["provider_nit"].GetString();
      }
      if (!plausible_nit(nit)) {
        errors.push_back({path + ".provider_nit",
                          "invalid_format",
                          {"Un NIT son dígitos y guion", "A NIT is digits and a hyphen"}});
      } else if (!seen.insert(nit).second) {
        errors.push_back({path + ".provider_nit",
                          "duplicate",
                          {"El prestador está repetido", "The provider is repeated"}});
      }
      if (auto codes = read_codes(item, path, errors)) contracts.emplace_back(nit, std::move(*codes));
    }
  }
  if (!errors.empty()) return http::problem(req, http::validation_failed(std::move(errors)));
  long long total = 0;
  ctx.db->write([&](db::Connection& c) {
    for (const auto& [nit, codes] : contracts) {
      const long long n = authorization_store::replace_contract(c, nit, codes, ctx.clock.now());
      audit::record(c, audit::entry_for(req, ctx.clock.now(), "provider_contract_replaced",
                                        "provider_contract", nit, "{\"codes\":" + std::to_string(n) + "}"));
      total += n;
    }
    return total;
  });
  rapidjson::StringBuffer buffer;
  json::Writer w(buffer);
  w.StartObject();
  json::write_key(w, "providers");
  w.Int64(static_cast<long long>(contracts.size()));
  json::write_key(w, "codes");
  w.Int64(total);
  w.EndObject();
  return http::Response::json(200, std::string{buffer.GetString(), buffer.GetSize()});
}

http::Response get_contract(AuthorizationsContext& ctx, http::Request& req,
                            const AuthorizationAccess& access) {
  const std::string nit = req.param("nit").value_or("");
  if (!plausible_nit(nit)) {
    return http::problem(
        req,
        http::bad_request(
            {{"nit", "invalid_format", {"Un NIT son dígitos y guion", "A NIT is digits and a hyphen"}}}));
  }
  // A provider sees its own contract only; employees who manage rules see every provider's.
  if (!access.manage_rules && access.own_provider != nit) return http::problem(req, http::forbidden());
  auto codes = ctx.db->read([&](db::Connection& c) { return authorization_store::contracted_codes(c, nit); });
  return http::Response::json(200, contract_json(nit, codes));
}

}  // namespace

void register_rule_routes(http::Server& server, AuthorizationsContext& ctx) {
  const std::string rules = kRules;
  server.route(http::Method::post, rules, [&ctx](http::Request& req) {
    auto allowed = require(req, &AuthorizationAccess::manage_rules);
    if (allowed.denied) return std::move(*allowed.denied);
    return http::idempotent(*ctx.idempotency, req, core::to_rfc3339(ctx.clock.now()),
                            [&](http::IdempotentWrite& keyed) { return upload(ctx, req, keyed); });
  });
  server.route(http::Method::get, rules, [&ctx](http::Request& req) {
    auto allowed = require(req, &AuthorizationAccess::read);
    if (allowed.denied) return std::move(*allowed.denied);
    return history(ctx, req);
  });
  server.route(http::Method::get, rules + "/current", [&ctx](http::Request& req) {
    auto allowed = require(req, &AuthorizationAccess::read);
    if (allowed.denied) return std::move(*allowed.denied);
    return current(ctx, req);
  });
  server.route(http::Method::post, rules + "/:version/activation", [&ctx](http::Request& req) {
    auto allowed = require(req, &AuthorizationAccess::manage_rules);
    if (allowed.denied) return std::move(*allowed.denied);
    return activate(ctx, req);
  });
  server.route(http::Method::post, rules + "/:version/replay", [&ctx](http::Request& req) {
    auto allowed = require(req, &AuthorizationAccess::manage_rules);
    if (allowed.denied) return std::move(*allowed.denied);
    return replay(ctx, req);
  });
  server.route(http::Method::post, rules + "/evaluate", [&ctx](http::Request& req) {
    auto allowed = require(req, &AuthorizationAccess::read);
    if (allowed.denied) return std::move(*allowed.denied);
    return evaluate_hypothetical(ctx, req, allowed.access);
  });
  const std::string contracts = kContracts;
  server.route(http::Method::post, contracts, [&ctx](http::Request& req) {
    auto allowed = require(req, &AuthorizationAccess::manage_rules);
    if (allowed.denied) return std::move(*allowed.denied);
    return load_contracts(ctx, req);
  });
  server.route(http::Method::put, contracts + "/:nit", [&ctx](http::Request& req) {
    auto allowed = require(req, &AuthorizationAccess::manage_rules);
    if (allowed.denied) return std::move(*allowed.denied);
    return put_contract(ctx, req);
  });
  server.route(http::Method::get, contracts + "/:nit", [&ctx](http::Request& req) {
    auto allowed = require(req, &AuthorizationAccess::read);
    if (allowed.denied) return std::move(*allowed.denied);
    return get_contract(ctx, req, allowed.access);
  });
}

}  // namespace portal::authorizations
