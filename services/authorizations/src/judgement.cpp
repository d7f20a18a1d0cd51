#include "judgement.hpp"

#include <chrono>

#include "authorization_metrics.hpp"
#include "authorization_store.hpp"
#include "authorizations_http.hpp"
#include "portal/catalog/catalogs.hpp"
#include "portal/directory/affiliate_directory.hpp"
#include "portal/http/json_body.hpp"
#include "request_facts.hpp"
#include "request_json.hpp"
#include "rule_set_cache.hpp"

namespace portal::authorizations {
namespace {

using directory::LookupStatus;

bool has_error_under(const core::FieldErrors& errors, std::string_view prefix) {
  return std::any_of(errors.begin(), errors.end(), [&](const core::FieldError& e) {
    return e.field == prefix || std::string_view{e.field}.starts_with(std::string{prefix} + ".");
  });
}

JudgementResult fail(http::Response res, JudgementFailure kind) {
  return {std::nullopt, std::move(res), kind};
}

}  // namespace

JudgementResult judge(AuthorizationsContext& ctx, http::Request& req, const AuthorizationAccess& access,
                      core::Instant now, std::optional<long long> version, bool evaluate_lines) {
  auto body = http::read_json_body(req);
  if (auto* r = std::get_if<http::Response>(&body)) return fail(std::move(*r), JudgementFailure::invalid);
  const auto& doc = std::get<rapidjson::Document>(body);
  core::FieldErrors errors;
  auto draft = parse_request(doc, *ctx.catalogs, errors);

  // The provider and branch: a provider-bound caller's own (its token's branch unless the body names one of
  // its branches); agents and EPS integrators name both.
  const std::optional<std::string> nit = access.own_provider ? access.own_provider : draft.provider_nit;
  const std::optional<std::string> branch =
      draft.habilitation_code ? draft.habilitation_code
                              : (access.own_provider ? req.principal->branch : std::nullopt);
  if (!nit) {
    errors.push_back(
        {"provider_nit",
         "required",
         {"Es obligatorio: indique el NIT del prestador.", "Required: name the provider's NIT."}});
  }
  if (!branch) {
    errors.push_back({"habilitation_code",
                      "required",
                      {"Es obligatorio: indique el código de habilitación de la sede.",
                       "Required: name the branch's habilitation code."}});
  }

  std::optional<AffiliateFacts> affiliate;
  if (!has_error_under(errors, "affiliate")) {
    const auto found = ctx.affiliates->find(draft.affiliate, req.bearer_token, req.request_id);
    if (found.status == LookupStatus::unavailable) {
      return fail(http::problem(req, http::service_unavailable("affiliates")),
                  JudgementFailure::upstream_unavailable);
    }
    affiliate = found.facts;
  }
  std::optional<directory::ProviderInfo> provider;
  core::FieldErrors provider_errors;
  if (nit && !has_error_under(errors, "provider_nit")) {
    const auto found = ctx.providers->find(*nit, req.bearer_token, req.request_id);
    if (found.status == LookupStatus::unavailable) {
      return fail(http::problem(req, http::service_unavailable("auth")),
                  JudgementFailure::upstream_unavailable);
    }
    if (!found.provider) {
      provider_errors.push_back(
          {"provider_nit",
           "unknown_provider",
           {"El NIT no corresponde a un prestador registrado.", "The NIT is not a registered provider."}});
    } else if (branch && !found.provider->branch(*branch) && !has_error_under(errors, "habilitation_code")) {
      provider_errors.push_back({"habilitation_code",
                                 "unknown_branch",
                                 {"El código de habilitación no es de una sede del prestador.",
                                  "The habilitation code is not one of the provider's branches."}});
    }
    provider = found.provider;
  }

  auto check = validate_request(draft, affiliate ? &*affiliate : nullptr, now, *ctx.catalogs,
                                ctx.attention_phone, std::move(errors));
  check.errors.insert(check.errors.end(), provider_errors.begin(), provider_errors.end());
  if (!check.ok() || !affiliate || !provider) {
    return fail(http::problem(req, http::validation_failed(std::move(check.errors))),
                JudgementFailure::invalid);
  }

  if (!evaluate_lines) {
    Judgement j;
    j.draft = std::move(draft);
    j.draft.lines = std::move(check.lines);
    j.draft.diagnoses = std::move(check.diagnoses);
    j.affiliate = std::move(*affiliate);
    j.provider = std::move(*provider);
    j.provider_nit = *nit;
    j.habilitation_code = *branch;
    j.warnings = std::move(check.warnings);
    return {std::move(j), std::nullopt, JudgementFailure::invalid};
  }

  // The rule set, and the facts the store holds (contract, history), read before any transaction.
  struct Read {
    std::optional<StoredRuleSet> stored;
    FactSources sources;
  };
  std::vector<std::string> codes;
  for (const auto& l : check.lines) codes.push_back(l.code);
  auto read = ctx.db->read([&](db::Connection& c) {
    Read r;
    r.stored =
        version ? authorization_store::find_rule_set(c, *version) : authorization_store::active_rule_set(c);
    r.sources.contracted_codes = authorization_store::contracted_codes(c, *nit);
    r.sources.last_requested = authorization_store::last_requested(c, affiliate->id, codes);
    return r;
  });
  if (!read.stored) {
    return fail(http::problem(req, version ? rule_set_not_found() : no_active_rule_set()),
                version ? JudgementFailure::invalid : JudgementFailure::no_rules);
  }
  auto rules = ctx.rule_sets->get(*read.stored);
  if (!rules) {
    ctx.logger.error("rule_set_unreadable", {{"version", read.stored->version}});
    return fail(http::problem(req, no_active_rule_set()), JudgementFailure::no_rules);
  }

  Judgement j;
  j.draft = std::move(draft);
  j.draft.lines = std::move(check.lines);
  j.draft.diagnoses = std::move(check.diagnoses);
  j.affiliate = std::move(*affiliate);
  j.provider = std::move(*provider);
  j.provider_nit = *nit;
  j.habilitation_code = *branch;
  j.warnings = std::move(check.warnings);
  j.rule_set_version = read.stored->version;
  const auto facts =
      request_facts(j.draft, j.draft.lines, j.draft.diagnoses, j.affiliate, now, *ctx.catalogs, read.sources);
  const auto started = std::chrono::steady_clock::now();
  j.evaluation = evaluate(*rules, facts);
  if (ctx.metrics) {
    ctx.metrics->evaluation(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  }
  j.rules = std::move(rules);
  return {std::move(j), std::nullopt, JudgementFailure::invalid};
}

void judge_in_transaction(AuthorizationsContext& ctx, db::Connection& c, AuthorizationRequest& r) {
  if (c.dialect() == db::Dialect::postgresql) {
    c.exec("SELECT pg_advisory_xact_lock(?)", {r.affiliate.id});
  }
  // The version only; its document is read and parsed once per process (RuleSetCache).
  const auto version = authorization_store::active_rule_set_version(c);
  if (!version) throw NoActiveRuleSet();
  const auto rules =
      ctx.rule_sets->get(*version, [&] { return authorization_store::find_rule_set(c, *version); });
  if (!rules) {
    ctx.logger.error("rule_set_unreadable", {{"version", *version}});
    throw NoActiveRuleSet();
  }
  std::vector<std::string> codes;
  for (const auto& l : r.draft.lines) codes.push_back(l.code);
  FactSources sources;
  sources.contracted_codes = authorization_store::contracted_codes(c, r.provider_nit, codes);
  sources.last_requested = authorization_store::last_requested(c, r.affiliate.id, codes);
  const auto facts = request_facts(r.draft, r.draft.lines, r.draft.diagnoses, r.affiliate, r.created_at,
                                   *ctx.catalogs, sources);
  const auto started = std::chrono::steady_clock::now();
  const auto evaluation = evaluate(*rules, facts);
  if (ctx.metrics) {
    ctx.metrics->evaluation(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  }
  r.status = evaluation.approved ? RequestStatus::approved : RequestStatus::pending;
  r.status_reason = evaluation.status_reason;
  r.rule_set_version = *version;
  r.evaluation_json = evaluation_json(evaluation, *rules, r.draft.lines);
  r.line_approved.clear();
  for (const auto& e : evaluation.lines) r.line_approved.push_back(e.approved);
}

}  // namespace portal::authorizations
