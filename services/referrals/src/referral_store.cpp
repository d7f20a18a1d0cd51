#include "referral_store.hpp"

#include "portal/db/errors.hpp"
#include "portal/json/json.hpp"
#include "referral_json.hpp"
#include "referral_rules.hpp"

namespace portal::referrals::referral_store {
namespace {

long long to_ms(core::Instant t) { return t.time_since_epoch().count(); }
core::Instant from_ms(long long ms) { return core::Instant{std::chrono::milliseconds{ms}}; }

constexpr const char* kColumns =
    "id, status, version, initial_data, affiliate, warnings, created_at, created_by, accepted_at, closed_at, "
    "created_by_type, created_from";

std::string affiliate_json(const AffiliateFacts& a) {
  rapidjson::StringBuffer buf;
  json::Writer w(buf);
  w.StartObject();
  const std::pair<const char*, const std::string*> texts[] = {{"document_type", &a.document_type},
                                                              {"document_number", &a.document_number},
                                                              {"first_name", &a.first_name},
                                                              {"second_name", &a.second_name},
                                                              {"first_surname", &a.first_surname},
                                                              {"second_surname", &a.second_surname},
                                                              {"birth_date", &a.birth_date},
                                                              {"sex", &a.sex},
                                                              {"regime", &a.regime},
                                                              {"affiliation_status", &a.affiliation_status},
                                                              {"data_quality", &a.data_quality},
                                                              {"municipality_code", &a.municipality_code},
                                                              {"address", &a.address},
                                                              {"phone", &a.phone}};
  for (const auto& [key, value] : texts) {
    json::write_key(w, key);
    json::write_string(w, *value);
  }
  json::write_key(w, "id");
  w.Int64(a.id);
  if (a.child_number) {
    json::write_key(w, "child_number");
    w.Int(*a.child_number);
  }
  w.EndObject();
  return buf.GetString();
}

AffiliateFacts affiliate_from_json(std::string_view text) {
  AffiliateFacts a;
  auto parsed = json::parse(text);
  if (!parsed.ok()) return a;
  const auto& d = parsed.doc;
  auto str = [&](const char* key, std::string& out) {
    if (d.HasMember(key) && d[key].IsString()) out = d[key].GetString();
  };
  str("document_type", a.document_type);
  str("document_number", a.document_number);
  str("first_name", a.first_name);
  str("second_name", a.second_name);
  str("first_surname", a.first_surname);
  str("second_surname", a.second_surname);
  str("birth_date", a.birth_date);
  str("sex", a.sex);
  str("regime", a.regime);
  str("affiliation_status", a.affiliation_status);
  str("data_quality", a.data_quality);
  str("municipality_code", a.municipality_code);
  str("address", a.address);
  str("phone", a.phone);
  if (d.HasMember("id") && d["id"].IsInt64()) a.id = d["id"].GetInt64();
  if (d.HasMember("child_number") && d["child_number"].IsInt()) a.child_number = d["child_number"].GetInt();
  return a;
}

Referral read_row(const db::Row& row, const catalog::Catalogs& catalogs) {
  Referral r;
  r.id = row.int64(0);
  r.status = status_from(row.text(1)).value_or(Status::open);
  r.version = row.int32(2);
  r.draft = draft_from_json(row.text(3), catalogs);
  r.affiliate = affiliate_from_json(row.text(4));
  r.warnings = json::parse_string_array(row.text(5));
  r.created_at = from_ms(row.int64(6));
  r.created_by = row.text(7);
  if (!row.is_null(8)) r.accepted_at = from_ms(row.int64(8));
  if (!row.is_null(9)) r.closed_at = from_ms(row.int64(9));
  r.created_by_type = row.text(10);
  r.created_from = row.text(11);
  return r;
}

void load_timeline(db::Connection& db, Referral& r) {
  r.timeline = db.query_all(
      "SELECT seq, body, status_before, status_after, at, by_subject, by_user_type, by_provider_nit, "
      "client_ip "
      "FROM referral_steps WHERE referral_id = ? ORDER BY seq",
      {r.id}, [](const db::Row& row) {
        Step s;
        s.seq = row.int32(0);
        s.draft = step_from_json(row.text(1));
        s.status_before = status_from(row.text(2)).value_or(Status::open);
        s.status_after = status_from(row.text(3)).value_or(Status::open);
        s.at = from_ms(row.int64(4));
        s.actor.subject = row.text(5);
        s.actor.user_type = row.text(6);
        s.actor.provider_nit = row.optional_text(7);
        s.actor.client_ip = row.text(8);
        return s;
      });
}

struct Where {
  std::string sql;
  db::Params values;
  void add(const std::string& condition, db::Value v) {
    sql += (sql.empty() ? " WHERE " : " AND ") + condition;
    values.push_back(std::move(v));
  }
  void add_raw(const std::string& condition) { sql += (sql.empty() ? " WHERE " : " AND ") + condition; }
};

Where where_of(const ReferralFilter& f, const TimeRange& range) {
  Where w;
  if (f.destination_nit) w.add("destination_nit = ?", *f.destination_nit);
  if (f.origin_nit) w.add("origin_nit = ?", *f.origin_nit);
  if (f.statuses.size() == 1) {
    w.add("status = ?", std::string(to_string(f.statuses.front())));
  } else if (f.statuses.size() > 1) {
    std::string in;
    for (const auto s : f.statuses) {
      in += in.empty() ? "?" : ", ?";
      w.values.emplace_back(std::string(to_string(s)));
    }
    w.add_raw("status IN (" + in + ")");
  }
  if (f.party_nit) {
    w.sql += (w.sql.empty() ? " WHERE " : " AND ") + std::string("(origin_nit = ? OR destination_nit = ?)");
    w.values.emplace_back(*f.party_nit);
    w.values.emplace_back(*f.party_nit);
  }
  if (f.document_type) w.add("document_type = ?", *f.document_type);
  if (f.document_number) w.add("document_number = ?", *f.document_number);
  if (f.child_number) w.add("child_number = ?", static_cast<long long>(*f.child_number));
  if (f.requested_service) w.add("requested_service = ?", *f.requested_service);
  if (f.pos) w.add("pos = ?", *f.pos);
  if (f.referral_type) w.add("referral_type = ?", *f.referral_type);
  if (f.origin_department_code) w.add("origin_department_code = ?", *f.origin_department_code);
  if (f.origin_municipality_code) w.add("origin_municipality_code = ?", *f.origin_municipality_code);
  if (f.destination_department_code) w.add("destination_department_code = ?", *f.destination_department_code);
  if (f.destination_municipality_code)
    w.add("destination_municipality_code = ?", *f.destination_municipality_code);
  if (range.from) w.add("created_at >= ?", to_ms(*range.from));
  if (range.to) w.add("created_at < ?", to_ms(*range.to));
  return w;
}

// referral_counts: +delta for (destination, status), in the caller's transaction.
void bump(db::Connection& db, const std::string& destination_nit, Status status, long long delta) {
  db.exec(
      "INSERT INTO referral_counts (destination_nit, status, n) VALUES (?, ?, ?) "
      "ON CONFLICT (destination_nit, status) DO UPDATE SET n = referral_counts.n + excluded.n",
      {destination_nit, std::string(to_string(status)), delta});
}

// The filter is "destination (+ its own provider's visibility) and states" only: its total is in
// referral_counts.
bool counted(const ReferralFilter& f, const TimeRange& range) {
  return f.destination_nit && !f.statuses.empty() && (!f.party_nit || *f.party_nit == *f.destination_nit) &&
         !f.origin_nit && !f.document_type && !f.document_number && !f.child_number && !f.requested_service &&
         !f.pos && !f.referral_type && !f.origin_department_code && !f.origin_municipality_code &&
         !f.destination_department_code && !f.destination_municipality_code && !range.from && !range.to;
}

std::string list_sql(const ReferralFilter& f, Where& w) {
  w.values.emplace_back(f.per_page);
  w.values.emplace_back((f.page - 1) * f.per_page);
  return std::string{"SELECT "} + kColumns + " FROM referrals" + w.sql +
         " ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?";
}

}  // namespace

std::optional<long long> open_referral_of(db::Connection& db, const std::string& affiliate_key) {
  return db.query_int64("SELECT id FROM referrals WHERE affiliate_key = ? AND status <> 'closed'",
                        {affiliate_key});
}

long long insert(db::Connection& db, const Referral& r) {
  const auto key = affiliate_key(r.draft.affiliate);
  if (auto open = open_referral_of(db, key)) throw OpenReferralExists(*open);
  const auto& d = r.draft;
  std::optional<long long> child;
  if (d.affiliate.child_number) child = *d.affiliate.child_number;
  try {
    const long long id = db.savepoint([&] {
      return *db.query_int64(
          "INSERT INTO referrals (status, version, affiliate_key, document_type, document_number, "
          "child_number, "
          "referral_type, requested_service, pos, origin_nit, origin_department_code, "
          "origin_municipality_code, "
          "destination_nit, destination_department_code, destination_municipality_code, initial_data, "
          "affiliate, "
          "warnings, created_at, created_by, created_by_type, created_from) "
          "VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
          {std::string(to_string(r.status)),
           key,
           d.affiliate.document_type,
           d.affiliate.document_number,
           child,
           d.referral_type,
           d.requested_service,
           d.pos,
           d.origin.nit,
           d.origin.department_code,
           d.origin.municipality_code,
           d.destination.nit,
           d.destination.department_code,
           d.destination.municipality_code,
           draft_json(d),
           affiliate_json(r.affiliate),
           json::string_array_json(r.warnings),
           to_ms(r.created_at),
           r.created_by,
           r.created_by_type,
           r.created_from});
    });
    bump(db, d.destination.nit, r.status, 1);
    return id;
  } catch (const db::UniqueViolation&) {
    // Another registration for the same affiliate committed between the check and the insert.
    throw OpenReferralExists(open_referral_of(db, key).value_or(0));
  }
}

std::optional<Referral> find_by_id(db::Connection& db, long long id, const catalog::Catalogs& catalogs) {
  auto found = db.query_one(std::string{"SELECT "} + kColumns + " FROM referrals WHERE id = ?", {id},
                            [&](const db::Row& row) { return read_row(row, catalogs); });
  if (found) load_timeline(db, *found);
  return found;
}

void append_step(db::Connection& db, long long referral_id, int expected_version, const Step& step) {
  const std::string after{to_string(step.status_after)};
  const bool accepts = step.draft.kind == StepKind::step && step.draft.step == kPatientAccepted;
  std::optional<long long> accepted_at;
  std::optional<long long> closed_at;
  if (accepts) accepted_at = to_ms(step.at);
  if (step.status_after == Status::closed) closed_at = to_ms(step.at);
  const auto changed = db.exec(
      "UPDATE referrals SET status = ?, version = version + 1, accepted_at = COALESCE(accepted_at, ?), "
      "closed_at = COALESCE(?, closed_at) WHERE id = ? AND version = ?",
      {after, accepted_at, closed_at, referral_id, static_cast<long long>(expected_version)});
  if (changed != 1) throw StaleVersion();
  if (step.status_before != step.status_after) {
    const auto destination =
        db.query_text("SELECT destination_nit FROM referrals WHERE id = ?", {referral_id});
    bump(db, destination.value_or(""), step.status_before, -1);
    bump(db, destination.value_or(""), step.status_after, 1);
  }
  db.exec(
      "INSERT INTO referral_steps (referral_id, seq, kind, code, body, status_before, status_after, at, "
      "by_subject, "
      "by_user_type, by_provider_nit, client_ip) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {referral_id, static_cast<long long>(step.seq), std::string(to_string(step.draft.kind)),
       step.draft.kind == StepKind::step ? step.draft.step : step.draft.closure_reason, step_json(step.draft),
       std::string(to_string(step.status_before)), after, to_ms(step.at), step.actor.subject,
       step.actor.user_type, step.actor.provider_nit, step.actor.client_ip});
}

std::vector<Referral> list(db::Connection& db, const ReferralFilter& filter, const TimeRange& range,
                           const catalog::Catalogs& catalogs) {
  auto where = where_of(filter, range);
  const auto sql = list_sql(filter, where);
  return db.query_all(sql, where.values, [&](const db::Row& row) { return read_row(row, catalogs); });
}

long long count(db::Connection& db, const ReferralFilter& filter, const TimeRange& range) {
  if (counted(filter, range)) {
    long long total = 0;
    for (const auto s : filter.statuses)
      total += db.query_int64("SELECT n FROM referral_counts WHERE destination_nit = ? AND status = ?",
                              {*filter.destination_nit, std::string(to_string(s))})
                   .value_or(0);
    return total;
  }
  const auto where = where_of(filter, range);
  return db.query_int64("SELECT COUNT(*) FROM referrals" + where.sql, where.values).value_or(0);
}

std::vector<std::string> explain_list(db::Connection& db, const ReferralFilter& filter,
                                      const TimeRange& range) {
  auto where = where_of(filter, range);
  const auto sql = list_sql(filter, where);
  const bool sqlite = db.dialect() == db::Dialect::sqlite;
  return db.query_all((sqlite ? "EXPLAIN QUERY PLAN " : "EXPLAIN ") + sql, where.values,
                      [&](const db::Row& r) { return r.text(sqlite ? 3 : 0); });
}

StateCounts state_counts(db::Connection& db) {
  StateCounts c;
  const std::string sql = "SELECT COUNT(*) FROM referrals WHERE status = ?";
  c.open = db.query_int64(sql, {std::string("open")}).value_or(0);
  c.in_process = db.query_int64(sql, {std::string("in_process")}).value_or(0);
  return c;
}

long long count_all(db::Connection& db) {
  return db.query_int64("SELECT COUNT(*) FROM referrals").value_or(0);
}

}  // namespace portal::referrals::referral_store
