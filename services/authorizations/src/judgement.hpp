#pragma once
// AUT-1/AUT-2 shared by the create and evaluate routes: read the body, look up the affiliate and the
// provider, apply the request rules, and judge the lines with a rule set. Nothing is written here.
#include <memory>
#include <optional>
#include <stdexcept>
#include <variant>

#include "authorization_access.hpp"
#include "authorizations_context.hpp"
#include "portal/db/connection.hpp"
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

// `version`: a named rule set (evaluate), else the active one. `now` is the request instant. With
// `evaluate_lines` false (create) the lines are not judged here but by judge_in_transaction.
JudgementResult judge(AuthorizationsContext& ctx, http::Request& req, const AuthorizationAccess& access,
                      core::Instant now, std::optional<long long> version, bool evaluate_lines = true);

class NoActiveRuleSet : public std::runtime_error {
 public:
  NoActiveRuleSet() : std::runtime_error("no active rule set") {}
};

// AUT-2 for a request being stored: the active rule set, the provider's contract and the affiliate's history
// are read in the transaction that inserts it, so two requests with the same code for the same affiliate
// cannot both miss each other (the frequency rule), and a request is judged by the version active when it
// commits. SQLite has one writer (group commit runs the jobs one after another); on PostgreSQL a
// transaction-scoped advisory lock on the affiliate orders them. Fills r's status, status_reason,
// rule_set_version, evaluation and line results. Throws NoActiveRuleSet.
void judge_in_transaction(AuthorizationsContext& ctx, db::Connection& c, AuthorizationRequest& r);

}  // namespace portal::authorizations
