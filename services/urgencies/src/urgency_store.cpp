#include "urgency_store.hpp"

#include <rapidjson/document.h>

#include "portal/json/json.hpp"
#include "res3047_mapping.hpp"

namespace portal::urgencies::urgency_store {
namespace {

constexpr const char* kColumns =
    "id, provider_nit, habilitation_code, provider_name, attention_number, notified_day, notified_at, "
    "affiliate_id, document_type, document_number, child_number, first_name, second_name, first_surname, "
    "second_surname, birth_date, sex, regime, affiliation_status, data_quality, municipality_code, address, "
    "phone, "
    "attention_origin, triage, is_referred, referral_provider_name, referral_nit, "
    "referral_habilitation_code, "
    "referral_department_code, referral_municipality_code, admitted_at, consultation_reason, destination, "
    "principal_diagnosis, related_diagnoses, warnings, created_by, care_address, care_cause, "
    "admission_route, "
    "condition_destination, submitted_format";

long long to_ms(core::Instant t) { return t.time_since_epoch().count(); }
core::Instant from_ms(long long ms) { return core::Instant{std::chrono::milliseconds{ms}}; }

Notification read_row(const db::Row& r) {
  Notification n;
  int i = 0;
  // Reads the columns in kColumns order.
  struct Next {
    const db::Row& r;
    int& i;
    long long int64() { return r.int64(i++); }
    int int32() { return r.int32(i++); }
    std::string text() { return r.text(i++); }
    std::optional<std::string> optional_text() { return r.optional_text(i++); }
    std::optional<int> optional_int32() { return r.optional_int32(i++); }
  } next{r, i};
  n.id = next.int64();
  n.provider_nit = next.text();
  n.habilitation_code = next.text();
  n.provider_name = next.text();
  n.draft.attention_number = next.text();
  n.notified_day = next.text();
  n.notified_at = from_ms(next.int64());
  auto& a = n.affiliate;
  a.id = next.int64();
  a.document_type = next.text();
  a.document_number = next.text();
  a.child_number = next.optional_int32();
  a.first_name = next.text();
  a.second_name = next.text();
  a.first_surname = next.text();
  a.second_surname = next.text();
  a.birth_date = next.text();
  a.sex = next.text();
  a.regime = next.text();
  a.affiliation_status = next.text();
  a.data_quality = next.text();
  a.municipality_code = next.text();
  a.address = next.text();
  a.phone = next.text();
  auto& d = n.draft;
  d.affiliate = AffiliateRef{a.document_type, a.document_number, a.child_number};
  d.attention_origin = next.text();
  d.triage = next.int32();
  d.referral.is_referred = next.int32() != 0;
  d.referral.provider_name = next.optional_text();
  d.referral.nit = next.optional_text();
  d.referral.habilitation_code = next.optional_text();
  d.referral.department_code = next.optional_text();
  d.referral.municipality_code = next.optional_text();
  d.admitted_at = from_ms(next.int64());
  d.consultation_reason = next.text();
  d.destination = next.text();
  d.diagnoses.principal = next.text();
  d.diagnoses.related = json::parse_string_array(next.text());
  n.warnings = json::parse_string_array(next.text());
  n.created_by = next.text();
  d.care_address = next.optional_text();
  const auto care_cause = next.optional_text();
  const auto admission_route = next.optional_text();
  const auto condition_destination = next.optional_text();
  const auto submitted = next.optional_text();
  d.care_cause = care_cause.value_or("");
  d.admission_route = admission_route.value_or("");
  d.condition_destination = condition_destination.value_or("");
  d.shape = submitted.value_or("res3047") == "res2335" ? BodyShape::res2335 : BodyShape::res3047;
  // Issue 11: a row stored before migration 0002 has NULL 2335 columns; its 3047 values are mapped now,
  // with the same tables a 3047 body is mapped with at creation.
  if (!care_cause || !admission_route || !condition_destination) complete_fields(d);
  d.provider_nit = n.provider_nit;
  d.habilitation_code = n.habilitation_code;
  return n;
}

// The WHERE clause of a URG-3 filter with its values, bound in order.
struct Where {
  std::string sql;
  db::Params values;

  void add(const std::string& condition) { sql += (sql.empty() ? " WHERE " : " AND ") + condition; }
  void add(const std::string& condition, db::Value value) {
    add(condition);
    values.push_back(std::move(value));
  }
};

Where where_of(const NotificationFilter& f, const TimeRange& range) {
  Where w;
  if (f.provider_nit) w.add("provider_nit = ?", *f.provider_nit);
  if (f.attention_number) w.add("attention_number = ?", *f.attention_number);
  if (f.notified_on) w.add("notified_day = ?", *f.notified_on);
  if (f.document_type) w.add("document_type = ?", *f.document_type);
  if (f.document_number) w.add("document_number = ?", *f.document_number);
  if (range.from) w.add("notified_at >= ?", to_ms(*range.from));
  if (range.to) w.add("notified_at < ?", to_ms(*range.to));
  if (f.department_code) w.add("department_code = ?", *f.department_code);
  if (f.municipality_code) w.add("municipality_code = ?", *f.municipality_code);
  if (f.principal_diagnosis) w.add("principal_diagnosis = ?", *f.principal_diagnosis);
  if (f.destination) w.add("destination = ?", *f.destination);
  if (f.newborn) w.add(*f.newborn ? "child_number IS NOT NULL" : "child_number IS NULL");
  return w;
}

// The page is bound too, so one prepared statement serves every page of a filter shape.
std::string list_sql(const Where& where) {
  return std::string{"SELECT "} + kColumns + " FROM notifications" + where.sql +
         " ORDER BY notified_at DESC, id DESC LIMIT ? OFFSET ?";
}

db::Params list_params(const Where& where, const NotificationFilter& f) {
  const long long per_page = f.per_page < 1 ? 20 : f.per_page;
  const long long offset = (f.page < 1 ? 0 : static_cast<long long>(f.page - 1)) * per_page;
  db::Params params = where.values;
  params.emplace_back(per_page);
  params.emplace_back(offset);
  return params;
}

}  // namespace

long long insert(db::Connection& db, const Notification& n) {
  const auto& a = n.affiliate;
  const auto& d = n.draft;
  try {
    return *db.query_int64(
        "INSERT INTO notifications (provider_nit, habilitation_code, provider_name, attention_number, "
        "notified_day, notified_at, affiliate_id, document_type, document_number, child_number, first_name, "
        "second_name, first_surname, second_surname, birth_date, sex, regime, affiliation_status, "
        "data_quality, department_code, municipality_code, address, phone, attention_origin, triage, "
        "is_referred, referral_provider_name, referral_nit, referral_habilitation_code, "
        "referral_department_code, referral_municipality_code, admitted_at, consultation_reason, "
        "destination, principal_diagnosis, related_diagnoses, warnings, created_by, care_address, "
        "care_cause, "
        "admission_route, condition_destination, submitted_format) VALUES "
        "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING "
        "id",
        {n.provider_nit,
         n.habilitation_code,
         n.provider_name,
         d.attention_number,
         n.notified_day,
         to_ms(n.notified_at),
         a.id,
         a.document_type,
         a.document_number,
         a.child_number,
         a.first_name,
         a.second_name,
         a.first_surname,
         a.second_surname,
         a.birth_date,
         a.sex,
         a.regime,
         a.affiliation_status,
         a.data_quality,
         a.municipality_code.substr(0, 2),
         a.municipality_code,
         a.address,
         a.phone,
         d.attention_origin,
         d.triage,
         d.referral.is_referred,
         d.referral.provider_name,
         d.referral.nit,
         d.referral.habilitation_code,
         d.referral.department_code,
         d.referral.municipality_code,
         to_ms(d.admitted_at),
         d.consultation_reason,
         d.destination,
         d.diagnoses.principal,
         json::string_array_json(d.diagnoses.related),
         json::string_array_json(n.warnings),
         n.created_by,
         d.care_address,
         d.care_cause,
         d.admission_route,
         d.condition_destination,
         std::string{d.shape == BodyShape::res3047 ? "res3047" : "res2335"}});
  } catch (const db::UniqueViolation&) {
    throw DuplicateAttentionNumber();
  }
}

std::optional<Notification> find_by_id(db::Connection& db, long long id) {
  return db.query_one(std::string{"SELECT "} + kColumns + " FROM notifications WHERE id = ?", {id}, read_row);
}

std::vector<Notification> list(db::Connection& db, const NotificationFilter& filter, const TimeRange& range) {
  const auto where = where_of(filter, range);
  return db.query_all(list_sql(where), list_params(where, filter), read_row);
}

long long count(db::Connection& db, const NotificationFilter& filter, const TimeRange& range) {
  const auto where = where_of(filter, range);
  return db.query_int64("SELECT COUNT(*) FROM notifications" + where.sql, where.values).value_or(0);
}

std::vector<std::string> explain_list(db::Connection& db, const NotificationFilter& filter,
                                      const TimeRange& range) {
  const auto where = where_of(filter, range);
  const bool sqlite = db.dialect() == db::Dialect::sqlite;
  return db.query_all((sqlite ? "EXPLAIN QUERY PLAN " : "EXPLAIN ") + list_sql(where),
                      list_params(where, filter), [&](const db::Row& r) { return r.text(sqlite ? 3 : 0); });
}

long long count_all(db::Connection& db) {
  return db.query_int64("SELECT COUNT(*) FROM notifications").value_or(0);
}

}  // namespace portal::urgencies::urgency_store
