#pragma once
// SQL of issue 13 (migrations/0004_decisions.sql): decisions and their append-only audit, denials, issued
// authorizations and their usage, the AUT-9 monthly counts (kept in the same transactions) and the
// CMS-0057-F decision metrics. Plain functions over a connection, as authorization_store.
#include <optional>
#include <string>
#include <vector>

#include "authorization.hpp"
#include "decision.hpp"
#include "indicators.hpp"
#include "portal/db/connection.hpp"

namespace portal::authorizations {

struct DecisionAudit {
  long long request_id = 0;
  std::string decision;
  std::string from_status;
  std::string to_status;
  core::Instant at{};
  std::string by;
  std::string client_address;
  std::string http_request_id;
  std::string reason;
  std::string details;  // JSON
};

struct DenialRecord {
  std::string number;
  long long request_id = 0;
  core::Instant issued_at{};
  std::string doctor_name;
  std::string doctor_document;
  std::string justification;
  std::vector<std::string> alternatives;
};

struct AuthorizationRecord {
  std::string number;
  long long request_id = 0;
  std::string provider_nit;
  std::string habilitation_code;
  core::Instant issued_at{};
  std::string issued_date;
  int year = 0;
  int month = 0;
  std::string scope;
  std::string service_group;
  std::optional<std::string> used_on;
  std::optional<core::Instant> annulled_at;
};

// CMS-0057-F metrics of one year (Bogotá months of the requests' creation).
struct StatusCounts {
  int month = 0;
  long long requests = 0;
  long long pending = 0;
  long long approved = 0;
  long long auto_approved = 0;
  long long denied = 0;
  long long partially_approved = 0;
  long long referred = 0;
  long long annulled = 0;
};
struct DecisionTimes {
  int month = 0;
  std::string priority;  // "" for post-emergency requests (no priority)
  std::string service_type;
  long long decisions = 0;
  double average_ms = 0;
  double median_ms = 0;
};

namespace authorization_store {

// AUT-4: moves the request from `expected_version` to the next one with the plan's status, line outcomes,
// denial number and referral. False (nothing written) when the version is no longer expected_version.
bool apply_decision(db::Connection& db, const AuthorizationRequest& decided, long long expected_version,
                    const DecisionPlan& plan);
void insert_audit(db::Connection& db, const DecisionAudit& audit);
std::vector<DecisionAudit> audits_of(db::Connection& db, long long request_id);

void insert_denial(db::Connection& db, const DenialRecord& denial);
std::optional<DenialRecord> find_denial(db::Connection& db, long long request_id);

// Inserts the authorization and counts it as directed in its month (AUT-9).
void issue_authorization(db::Connection& db, const IssuedAuthorization& a);
// AUT-3 annulment of a decided request: its authorization, if any, stops counting as directed (and used).
void annul_authorization(db::Connection& db, long long request_id, core::Instant at);
std::optional<AuthorizationRecord> find_authorization(db::Connection& db, const std::string& number);
std::optional<AuthorizationRecord> authorization_of(db::Connection& db, long long request_id);
// AUT-9: records the use once. False when it was used (or annulled) meanwhile.
bool record_usage(db::Connection& db, const AuthorizationRecord& a, const std::string& used_on,
                  long long days, core::Instant at, const std::string& by);

// AUT-9 indicators: one aggregation over authorization_month_counts each.
std::vector<MonthCounts> effective_delivery(db::Connection& db, const IndicatorFilter& f);
std::vector<MonthCounts> timeliness(db::Connection& db, const IndicatorFilter& f);

// CMS-0057-F: `month_starts` are the 13 instants that bound the Bogotá months of the year.
std::vector<StatusCounts> status_counts(db::Connection& db, const std::vector<core::Instant>& month_starts);
std::vector<DecisionTimes> decision_times(db::Connection& db, const std::vector<core::Instant>& month_starts);

}  // namespace authorization_store
}  // namespace portal::authorizations
