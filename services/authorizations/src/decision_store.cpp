#include "decision_store.hpp"

#include <rapidjson/document.h>

#include "portal/json/json.hpp"

namespace portal::authorizations::authorization_store {
namespace {

long long to_ms(core::Instant t) { return t.time_since_epoch().count(); }
core::Instant from_ms(long long ms) { return core::Instant{std::chrono::milliseconds{ms}}; }

constexpr const char* kAuthorizationColumns =
    "number, request_id, provider_nit, habilitation_code, issued_at, issued_date, issued_year, issued_month, "
    "scope, service_group, used_on, annulled_at";

AuthorizationRecord read_authorization(const db::Row& r) {
  AuthorizationRecord a;
  a.number = r.text(0);
  a.request_id = r.int64(1);
  a.provider_nit = r.text(2);
  a.habilitation_code = r.text(3);
  a.issued_at = from_ms(r.int64(4));
  a.issued_date = r.text(5);
  a.year = r.int32(6);
  a.month = r.int32(7);
  a.scope = r.text(8);
  a.service_group = r.text(9);
  a.used_on = r.optional_text(10);
  if (!r.is_null(11)) a.annulled_at = from_ms(r.int64(11));
  return a;
}

// The month-count row of an authorization: provider, year, month, branch, scope, group.
db::Params month_key(const AuthorizationRecord& a) {
  return {a.provider_nit, a.year, a.month, a.habilitation_code, a.scope, a.service_group};
}
constexpr const char* kMonthKeyWhere =
    " WHERE provider_nit = ? AND issued_year = ? AND issued_month = ? AND habilitation_code = ? AND scope = "
    "? "
    "AND service_group = ?";

// AUT-9 filter over authorization_month_counts; every value bound.
std::string indicator_where(const IndicatorFilter& f, db::Params& values) {
  std::string sql = " WHERE provider_nit = ? AND issued_year = ? AND issued_month <= ?";
  values = {f.provider_nit, f.year, f.last_month};
  const auto in = [&](const char* column, const std::vector<std::string>& list) {
    if (list.empty()) return;
    sql += std::string(" AND ") + column + " IN (";
    for (std::size_t i = 0; i < list.size(); ++i) {
      sql += i ? ",?" : "?";
      values.emplace_back(list[i]);
    }
    sql += ")";
  };
  in("scope", f.scopes);
  in("service_group", f.service_groups);
  if (f.branch) {
    sql += " AND habilitation_code = ?";
    values.emplace_back(*f.branch);
  }
  return sql;
}

// CASE expression giving the Bogotá month (1..12) of created_at from the 13 month bounds.
std::string month_case(const std::vector<core::Instant>& starts, db::Params& values) {
  std::string sql = "CASE";
  for (std::size_t m = 1; m < starts.size(); ++m) {
    sql += " WHEN created_at < ? THEN " + std::to_string(m);
    values.emplace_back(to_ms(starts[m]));
  }
  return sql + " END";
}

}  // namespace

bool apply_decision(db::Connection& db, const AuthorizationRequest& q, long long expected_version,
                    const DecisionPlan& plan) {
  const auto changed = db.exec(
      "UPDATE authorization_requests SET status = ?, version = version + 1, decided_at = ?, "
      "authorization_number = ?, denial_number = ?, referred_nit = ?, referred_habilitation_code = ?, "
      "referred_name = ?, annulment_cause = ? WHERE id = ? AND version = ?",
      {std::string(to_string(q.status)),
       q.decided_at ? std::optional<long long>{to_ms(*q.decided_at)} : std::nullopt, q.authorization_number,
       q.denial_number, q.referred_to ? std::optional<std::string>{q.referred_to->nit} : std::nullopt,
       q.referred_to ? std::optional<std::string>{q.referred_to->habilitation_code} : std::nullopt,
       q.referred_to ? std::optional<std::string>{q.referred_to->name} : std::nullopt, q.annulment_cause,
       q.id, expected_version});
  if (changed != 1) return false;
  for (std::size_t i = 0; i < plan.outcomes.size(); ++i) {
    if (!plan.outcomes[i]) continue;
    db.exec(
        "UPDATE request_lines SET outcome = ?, denial_justification = ? WHERE request_id = ? AND position = "
        "?",
        {std::string(to_string(*plan.outcomes[i])),
         plan.justifications[i].empty() ? std::optional<std::string>{}
                                        : std::optional<std::string>{plan.justifications[i]},
         q.id, static_cast<long long>(i)});
  }
  return true;
}

void insert_audit(db::Connection& db, const DecisionAudit& a) {
  db.exec(
      "INSERT INTO request_decisions (request_id, decision, from_status, to_status, decided_at, decided_by, "
      "client_address, http_request_id, reason, details) VALUES (?,?,?,?,?,?,?,?,?,?)",
      {a.request_id, a.decision, a.from_status, a.to_status, to_ms(a.at), a.by, a.client_address,
       a.http_request_id, a.reason, a.details});
}

std::vector<DecisionAudit> audits_of(db::Connection& db, long long request_id) {
  return db.query_all(
      "SELECT request_id, decision, from_status, to_status, decided_at, decided_by, client_address, "
      "http_request_id, reason, details FROM request_decisions WHERE request_id = ? ORDER BY id",
      {request_id}, [](const db::Row& r) {
        return DecisionAudit{r.int64(0), r.text(1), r.text(2), r.text(3), from_ms(r.int64(4)),
                             r.text(5),  r.text(6), r.text(7), r.text(8), r.text(9)};
      });
}

void insert_denial(db::Connection& db, const DenialRecord& d) {
  db.exec(
      "INSERT INTO denials (number, request_id, issued_at, doctor_name, doctor_document, justification, "
      "alternatives) VALUES (?,?,?,?,?,?,?)",
      {d.number, d.request_id, to_ms(d.issued_at), d.doctor_name, d.doctor_document, d.justification,
       json::string_array_json(d.alternatives)});
}

std::optional<DenialRecord> find_denial(db::Connection& db, long long request_id) {
  return db.query_one(
      "SELECT number, request_id, issued_at, doctor_name, doctor_document, justification, alternatives FROM "
      "denials WHERE request_id = ?",
      {request_id}, [](const db::Row& r) {
        return DenialRecord{r.text(0),
                            r.int64(1),
                            from_ms(r.int64(2)),
                            r.text(3),
                            r.text(4),
                            r.text(5),
                            json::parse_string_array(r.text(6))};
      });
}

void issue_authorization(db::Connection& db, const IssuedAuthorization& a) {
  db.exec(
      "INSERT INTO authorizations (number, request_id, provider_nit, habilitation_code, issued_at, "
      "issued_year, "
      "issued_month, issued_date, scope, service_group) VALUES (?,?,?,?,?,?,?,?,?,?)",
      {a.number, a.request_id, a.provider_nit, a.habilitation_code, to_ms(a.issued_at), a.year, a.month,
       a.date, a.dimensions.scope, a.dimensions.service_group});
  db.exec(
      "INSERT INTO authorization_month_counts (provider_nit, issued_year, issued_month, habilitation_code, "
      "scope, service_group, directed) VALUES (?,?,?,?,?,?,1) ON CONFLICT (provider_nit, issued_year, "
      "issued_month, habilitation_code, scope, service_group) DO UPDATE SET directed = "
      "authorization_month_counts.directed + 1",
      {a.provider_nit, a.year, a.month, a.habilitation_code, a.dimensions.scope, a.dimensions.service_group});
}

void annul_authorization(db::Connection& db, long long request_id, core::Instant at) {
  const auto a = authorization_of(db, request_id);
  if (!a || a->annulled_at) return;
  db.exec("UPDATE authorizations SET annulled_at = ? WHERE number = ?", {to_ms(at), a->number});
  auto params = month_key(*a);
  const long long days = a->used_on ? days_between(a->issued_date, *a->used_on).value_or(0) : 0;
  params.insert(params.begin(), days);
  params.insert(params.begin(), a->used_on ? 1LL : 0LL);
  db.exec(std::string{"UPDATE authorization_month_counts SET directed = directed - 1, used = used - ?, "
                      "days_to_use = days_to_use - ?"} +
              kMonthKeyWhere,
          params);
}

std::optional<AuthorizationRecord> find_authorization(db::Connection& db, const std::string& number) {
  return db.query_one(
      std::string{"SELECT "} + kAuthorizationColumns + " FROM authorizations WHERE number = ?", {number},
      read_authorization);
}

std::optional<AuthorizationRecord> authorization_of(db::Connection& db, long long request_id) {
  return db.query_one(
      std::string{"SELECT "} + kAuthorizationColumns + " FROM authorizations WHERE request_id = ?",
      {request_id}, read_authorization);
}

bool record_usage(db::Connection& db, const AuthorizationRecord& a, const std::string& used_on,
                  long long days, core::Instant at, const std::string& by) {
  if (db.exec("UPDATE authorizations SET used_on = ?, used_recorded_at = ?, used_by = ? WHERE number = ? AND "
              "used_on "
              "IS NULL AND annulled_at IS NULL",
              {used_on, to_ms(at), by, a.number}) != 1) {
    return false;
  }
  auto params = month_key(a);
  params.insert(params.begin(), days);
  db.exec(
      std::string{"UPDATE authorization_month_counts SET used = used + 1, days_to_use = days_to_use + ?"} +
          kMonthKeyWhere,
      params);
  return true;
}

std::vector<MonthCounts> effective_delivery(db::Connection& db, const IndicatorFilter& f) {
  db::Params values;
  const auto where = indicator_where(f, values);
  return db.query_all(
      "SELECT issued_month, CAST(SUM(directed) AS BIGINT), CAST(SUM(used) AS BIGINT) FROM "
      "authorization_month_counts" +
          where + " GROUP BY issued_month ORDER BY issued_month",
      values, [](const db::Row& r) {
        MonthCounts m;
        m.month = r.int32(0);
        m.directed = r.int64(1);
        m.used = r.int64(2);
        return m;
      });
}

std::vector<MonthCounts> timeliness(db::Connection& db, const IndicatorFilter& f) {
  db::Params values;
  const auto where = indicator_where(f, values);
  return db.query_all(
      "SELECT issued_month, service_group, CAST(SUM(used) AS BIGINT), CAST(SUM(days_to_use) AS BIGINT) FROM "
      "authorization_month_counts" +
          where + " GROUP BY issued_month, service_group ORDER BY issued_month, service_group",
      values, [](const db::Row& r) {
        MonthCounts m;
        m.month = r.int32(0);
        m.service_group = r.text(1);
        m.used = r.int64(2);
        m.days_to_use = r.int64(3);
        return m;
      });
}

std::vector<StatusCounts> status_counts(db::Connection& db, const std::vector<core::Instant>& starts) {
  db::Params values;
  const auto month = month_case(starts, values);
  values.emplace_back(to_ms(starts.front()));
  values.emplace_back(to_ms(starts.back()));
  return db.query_all(
      "SELECT " + month +
          " AS m, COUNT(*), "
          "SUM(CASE WHEN status = 'pending' THEN 1 ELSE 0 END), "
          "SUM(CASE WHEN status = 'approved' THEN 1 ELSE 0 END), "
          "SUM(CASE WHEN auto_approved = 1 THEN 1 ELSE 0 END), "
          "SUM(CASE WHEN status = 'denied' THEN 1 ELSE 0 END), "
          "SUM(CASE WHEN status = 'partially_approved' THEN 1 ELSE 0 END), "
          "SUM(CASE WHEN status = 'referred' THEN 1 ELSE 0 END), "
          "SUM(CASE WHEN status = 'annulled' THEN 1 ELSE 0 END) "
          "FROM authorization_requests WHERE created_at >= ? AND created_at < ? GROUP BY m ORDER BY m",
      values, [](const db::Row& r) {
        StatusCounts c;
        c.month = r.int32(0);
        c.requests = r.int64(1);
        c.pending = r.int64(2);
        c.approved = r.int64(3);
        c.auto_approved = r.int64(4);
        c.denied = r.int64(5);
        c.partially_approved = r.int64(6);
        c.referred = r.int64(7);
        c.annulled = r.int64(8);
        return c;
      });
}

std::vector<DecisionTimes> decision_times(db::Connection& db, const std::vector<core::Instant>& starts) {
  // One statement: the month, priority and service type of every decided request (annulments are not
  // decisions on the merits), its time to decision, and its rank within its group for the median.
  db::Params values;
  const auto month = month_case(starts, values);
  values.emplace_back(to_ms(starts.front()));
  values.emplace_back(to_ms(starts.back()));
  return db.query_all(
      "WITH d AS (SELECT " + month +
          " AS m, COALESCE(priority, '') AS p, service_type AS s, decided_at - created_at AS ms FROM "
          "authorization_requests WHERE created_at >= ? AND created_at < ? AND decided_at IS NOT NULL AND "
          "status <> 'annulled'), "
          "r AS (SELECT m, p, s, ms, ROW_NUMBER() OVER (PARTITION BY m, p, s ORDER BY ms) AS rn, COUNT(*) "
          "OVER "
          "(PARTITION BY m, p, s) AS n FROM d) "
          "SELECT m, p, s, COUNT(*), CAST(AVG(ms) AS DOUBLE PRECISION), "
          "CAST(AVG(CASE WHEN rn = (n + 1) / 2 OR rn = (n + 2) / 2 THEN ms END) AS DOUBLE PRECISION) "
          "FROM r GROUP BY m, p, s ORDER BY m, p, s",
      values, [](const db::Row& r) {
        DecisionTimes t;
        t.month = r.int32(0);
        t.priority = r.text(1);
        t.service_type = r.text(2);
        t.decisions = r.int64(3);
        t.average_ms = r.real(4);
        t.median_ms = r.real(5);
        return t;
      });
}

}  // namespace portal::authorizations::authorization_store
