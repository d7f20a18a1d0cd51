#pragma once
// AUT-1/AUT-2 shared by the create and evaluate routes: read the body, look up the affiliate and the
// provider, apply the request rules, and judge the lines with a rule set. Nothing is written here.
#include <memory>
#include <optional>
#include <variant>

#include "authorization_access.hpp"
#include "authorizations_context.hpp"
#include "portal/directory/provider_directory.hpp"
#include "portal/http/server.hpp"
#include "request_rules.hpp"
#include "rules_engine.hpp"

namespace portal::authorizations {

struct Judgement {
  RequestDraft draft;  // lines with classifications resolved, diagnoses normalised
  AffiliateFacts affiliate;
  directory::ProviderInfo provider;
  std::string provider_nit;
  std::string habilitation_code;
  std::vector<std::string> warnings;
  long long rule_set_version = 0;
  std::shared_ptr<const RuleSet> rules;
  Evaluation evaluation;
};

enum class JudgementFailure { invalid, upstream_unavailable, no_rules };

struct JudgementResult {
  std::optional<Judgement> judgement;
  std::optional<http::Response> failure;  // the answer to give instead
  JudgementFailure kind = JudgementFailure::invalid;
};

// `version`: a named rule set (evaluate), else the active one. `now` is the request instant.
JudgementResult judge(AuthorizationsContext& ctx, http::Request& req, const AuthorizationAccess& access,
                      core::Instant now, std::optional<long long> version);

}  // namespace portal::authorizations
