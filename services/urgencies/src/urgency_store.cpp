#include "urgency_store.hpp"

#include <rapidjson/document.h>
#include <sqlite3.h>

#include <variant>

#include "portal/json/json.hpp"

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
    "principal_diagnosis, related_diagnoses, warnings, created_by";

long long to_ms(core::Instant t) { return t.time_since_epoch().count(); }
core::Instant from_ms(long long ms) { return core::Instant{std::chrono::milliseconds{ms}}; }

std::string json_array(const std::vector<std::string>& values) {
  rapidjson::StringBuffer buffer;
  json::Writer w(buffer);
  w.StartArray();
  for (const auto& v : values) json::write_string(w, v);
  w.EndArray();
  return std::string{buffer.GetString(), buffer.GetSize()};
}

std::vector<std::string> parse_array(const std::string& text) {
  rapidjson::Document doc;
  doc.Parse(text.c_str());
  std::vector<std::string> out;
  if (doc.HasParseError() || !doc.IsArray()) return out;
  for (const auto& v : doc.GetArray()) {
    if (v.IsString()) out.emplace_back(v.GetString(), v.GetStringLength());
  }
  return out;
}

void bind_optional(SQLite::Statement& q, int index, const std::optional<std::string>& v) {
  if (v) {
    q.bind(index, *v);
  } else {
    q.bind(index);
  }
}

std::optional<std::string> optional_text(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  return c.getString();
}

Notification read_row(SQLite::Statement& q) {
  Notification n;
  int i = 0;
  auto next = [&]() { return q.getColumn(i++); };
  n.id = next().getInt64();
  n.provider_nit = next().getString();
  n.habilitation_code = next().getString();
  n.provider_name = next().getString();
  n.draft.attention_number = next().getString();
  n.notified_day = next().getString();
  n.notified_at = from_ms(next().getInt64());
  auto& a = n.affiliate;
  a.id = next().getInt64();
  a.document_type = next().getString();
  a.document_number = next().getString();
  if (auto c = next(); !c.isNull()) a.child_number = c.getInt();
  a.first_name = next().getString();
  a.second_name = next().getString();
  a.first_surname = next().getString();
  a.second_surname = next().getString();
  a.birth_date = next().getString();
  a.sex = next().getString();
  a.regime = next().getString();
  a.affiliation_status = next().getString();
  a.data_quality = next().getString();
  a.municipality_code = next().getString();
  a.address = next().getString();
  a.phone = next().getString();
  auto& d = n.draft;
  d.affiliate = AffiliateRef{a.document_type, a.document_number, a.child_number};
  d.attention_origin = next().getString();
  d.triage = next().getInt();
  d.referral.is_referred = next().getInt() != 0;
  d.referral.provider_name = optional_text(next());
  d.referral.nit = optional_text(next());
  d.referral.habilitation_code = optional_text(next());
  d.referral.department_code = optional_text(next());
  d.referral.municipality_code = optional_text(next());
  d.admitted_at = from_ms(next().getInt64());
  d.consultation_reason = next().getString();
  d.destination = next().getString();
  d.diagnoses.principal = next().getString();
  d.diagnoses.related = parse_array(next().getString());
  n.warnings = parse_array(next().getString());
  n.created_by = next().getString();
  d.provider_nit = n.provider_nit;
  d.habilitation_code = n.habilitation_code;
  return n;
}

// The WHERE clause of a URG-3 filter with its values, bound in order.
struct Where {
  std::string sql;
  std::vector<std::variant<std::string, long long>> values;

  void add(const std::string& condition) { sql += (sql.empty() ? " WHERE " : " AND ") + condition; }
  void add(const std::string& condition, std::variant<std::string, long long> value) {
    add(condition);
    values.push_back(std::move(value));
  }
  void bind(SQLite::Statement& q) const {
    int index = 1;
    for (const auto& v : values) {
      if (const auto* s = std::get_if<std::string>(&v)) {
        q.bind(index++, *s);
      } else {
        q.bind(index++, static_cast<int64_t>(std::get<long long>(v)));
      }
    }
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

std::string list_sql(const Where& where, const NotificationFilter& f) {
  const long long per_page = f.per_page < 1 ? 20 : f.per_page;
  const long long offset = (f.page < 1 ? 0 : static_cast<long long>(f.page - 1)) * per_page;
  return std::string{"SELECT "} + kColumns + " FROM notifications" + where.sql +
         " ORDER BY notified_at DESC, id DESC LIMIT " + std::to_string(per_page) + " OFFSET " +
         std::to_string(offset);
}

}  // namespace

long long insert(SQLite::Database& db, const Notification& n) {
  SQLite::Statement q(
      db,
      "INSERT INTO notifications (provider_nit, habilitation_code, provider_name, attention_number, "
      "notified_day, notified_at, affiliate_id, document_type, document_number, child_number, first_name, "
      "second_name, first_surname, second_surname, birth_date, sex, regime, affiliation_status, "
      "data_quality, department_code, municipality_code, address, phone, attention_origin, triage, "
      "is_referred, referral_provider_name, referral_nit, referral_habilitation_code, "
      "referral_department_code, referral_municipality_code, admitted_at, consultation_reason, "
      "destination, principal_diagnosis, related_diagnoses, warnings, created_by) VALUES "
      "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  const auto& a = n.affiliate;
  const auto& d = n.draft;
  int i = 1;
  q.bind(i++, n.provider_nit);
  q.bind(i++, n.habilitation_code);
  q.bind(i++, n.provider_name);
  q.bind(i++, d.attention_number);
  q.bind(i++, n.notified_day);
  q.bind(i++, static_cast<int64_t>(to_ms(n.notified_at)));
  q.bind(i++, static_cast<int64_t>(a.id));
  q.bind(i++, a.document_type);
  q.bind(i++, a.document_number);
  if (a.child_number) {
    q.bind(i++, *a.child_number);
  } else {
    q.bind(i++);
  }
  q.bind(i++, a.first_name);
  q.bind(i++, a.second_name);
  q.bind(i++, a.first_surname);
  q.bind(i++, a.second_surname);
  q.bind(i++, a.birth_date);
  q.bind(i++, a.sex);
  q.bind(i++, a.regime);
  q.bind(i++, a.affiliation_status);
  q.bind(i++, a.data_quality);
  q.bind(i++, a.municipality_code.substr(0, 2));
  q.bind(i++, a.municipality_code);
  q.bind(i++, a.address);
  q.bind(i++, a.phone);
  q.bind(i++, d.attention_origin);
  q.bind(i++, d.triage);
  q.bind(i++, d.referral.is_referred ? 1 : 0);
  bind_optional(q, i++, d.referral.provider_name);
  bind_optional(q, i++, d.referral.nit);
  bind_optional(q, i++, d.referral.habilitation_code);
  bind_optional(q, i++, d.referral.department_code);
  bind_optional(q, i++, d.referral.municipality_code);
  q.bind(i++, static_cast<int64_t>(to_ms(d.admitted_at)));
  q.bind(i++, d.consultation_reason);
  q.bind(i++, d.destination);
  q.bind(i++, d.diagnoses.principal);
  q.bind(i++, json_array(d.diagnoses.related));
  q.bind(i++, json_array(n.warnings));
  q.bind(i++, n.created_by);
  try {
    q.exec();
  } catch (const SQLite::Exception& e) {
    if (e.getExtendedErrorCode() == SQLITE_CONSTRAINT_UNIQUE) throw DuplicateAttentionNumber();
    throw;
  }
  return db.getLastInsertRowid();
}

std::optional<Notification> find_by_id(SQLite::Database& db, long long id) {
  SQLite::Statement q(db, std::string{"SELECT "} + kColumns + " FROM notifications WHERE id = ?");
  q.bind(1, static_cast<int64_t>(id));
  if (!q.executeStep()) return std::nullopt;
  return read_row(q);
}

std::vector<Notification> list(SQLite::Database& db, const NotificationFilter& filter,
                               const TimeRange& range) {
  const auto where = where_of(filter, range);
  SQLite::Statement q(db, list_sql(where, filter));
  where.bind(q);
  std::vector<Notification> out;
  while (q.executeStep()) out.push_back(read_row(q));
  return out;
}

long long count(SQLite::Database& db, const NotificationFilter& filter, const TimeRange& range) {
  const auto where = where_of(filter, range);
  SQLite::Statement q(db, "SELECT COUNT(*) FROM notifications" + where.sql);
  where.bind(q);
  q.executeStep();
  return q.getColumn(0).getInt64();
}

std::vector<std::string> explain_list(SQLite::Database& db, const NotificationFilter& filter,
                                      const TimeRange& range) {
  const auto where = where_of(filter, range);
  SQLite::Statement q(db, "EXPLAIN QUERY PLAN " + list_sql(where, filter));
  where.bind(q);
  std::vector<std::string> out;
  while (q.executeStep()) out.push_back(q.getColumn(3).getString());
  return out;
}

long long count_all(SQLite::Database& db) {
  return db.execAndGet("SELECT COUNT(*) FROM notifications").getInt64();
}

}  // namespace portal::urgencies::urgency_store
