#include "call_store.hpp"

namespace portal::affiliates::call_store {
namespace {

constexpr const char* kSelect =
    "SELECT c.id, call_type, caller_type, caller_name, caller_phone, provider_nit, provider_name, "
    "provider_municipality_code, a.document_type, a.document_number, action, procedure, other_text, notes, "
    "agent, "
    "c.created_at, c.affiliate_id FROM calls c LEFT JOIN affiliates a ON a.id = c.affiliate_id ";

std::optional<std::string> opt_text(SQLite::Statement& q, int col) {
  auto c = q.getColumn(col);
  if (c.isNull()) return std::nullopt;
  return c.getString();
}

void bind_opt(SQLite::Statement& q, int index, const std::optional<std::string>& v) {
  if (v) {
    q.bind(index, *v);
  } else {
    q.bind(index);
  }
}

CallRecord read_row(SQLite::Statement& q) {
  CallRecord r;
  r.id = q.getColumn(0).getInt64();
  r.call.call_type = q.getColumn(1).getString();
  r.call.caller_type = q.getColumn(2).getString();
  r.call.caller_name = q.getColumn(3).getString();
  r.call.caller_phone = opt_text(q, 4);
  r.call.provider_nit = opt_text(q, 5);
  r.call.provider_name = opt_text(q, 6);
  r.call.provider_municipality_code = opt_text(q, 7);
  r.call.affiliate_document_type = opt_text(q, 8);
  r.call.affiliate_document_number = opt_text(q, 9);
  r.call.action = q.getColumn(10).getString();
  r.call.procedure = opt_text(q, 11);
  r.call.other_text = opt_text(q, 12);
  r.call.notes = opt_text(q, 13);
  r.agent = q.getColumn(14).getString();
  r.created_at = q.getColumn(15).getString();
  if (!q.getColumn(16).isNull()) r.affiliate_id = q.getColumn(16).getInt64();
  return r;
}

std::string where(const CallFilter& f) {
  std::string sql = "WHERE 1 = 1";
  if (f.date) sql += " AND bogota_date = ?";
  if (f.agent) sql += " AND agent = ?";
  if (f.action) sql += " AND action = ?";
  return sql;
}

int bind_filter(SQLite::Statement& q, const CallFilter& f) {
  int i = 1;
  if (f.date) q.bind(i++, *f.date);
  if (f.agent) q.bind(i++, *f.agent);
  if (f.action) q.bind(i++, *f.action);
  return i;
}

}  // namespace

long long insert(SQLite::Database& db, const CallRecord& r, const std::string& bogota_date) {
  SQLite::Statement q(
      db,
      "INSERT INTO calls (call_type, caller_type, caller_name, caller_phone, provider_nit, provider_name, "
      "provider_municipality_code, affiliate_id, action, procedure, other_text, notes, agent, created_at, "
      "bogota_date) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  q.bind(1, r.call.call_type);
  q.bind(2, r.call.caller_type);
  q.bind(3, r.call.caller_name);
  bind_opt(q, 4, r.call.caller_phone);
  bind_opt(q, 5, r.call.provider_nit);
  bind_opt(q, 6, r.call.provider_name);
  bind_opt(q, 7, r.call.provider_municipality_code);
  if (r.affiliate_id) {
    q.bind(8, static_cast<int64_t>(*r.affiliate_id));
  } else {
    q.bind(8);
  }
  q.bind(9, r.call.action);
  bind_opt(q, 10, r.call.procedure);
  bind_opt(q, 11, r.call.other_text);
  bind_opt(q, 12, r.call.notes);
  q.bind(13, r.agent);
  q.bind(14, r.created_at);
  q.bind(15, bogota_date);
  q.exec();
  return db.getLastInsertRowid();
}

std::optional<CallRecord> find(SQLite::Database& db, long long id) {
  SQLite::Statement q(db, std::string{kSelect} + "WHERE c.id = ?");
  q.bind(1, static_cast<int64_t>(id));
  if (!q.executeStep()) return std::nullopt;
  return read_row(q);
}

std::vector<CallRecord> list(SQLite::Database& db, const CallFilter& filter, const PageRequest& page) {
  SQLite::Statement q(db, std::string{kSelect} + where(filter) + " ORDER BY c.id DESC LIMIT ? OFFSET ?");
  int i = bind_filter(q, filter);
  q.bind(i++, static_cast<int64_t>(page.per_page));
  q.bind(i, static_cast<int64_t>((page.page - 1) * page.per_page));
  std::vector<CallRecord> out;
  while (q.executeStep()) out.push_back(read_row(q));
  return out;
}

long long count(SQLite::Database& db, const CallFilter& filter) {
  SQLite::Statement q(db, "SELECT count(*) FROM calls " + where(filter));
  bind_filter(q, filter);
  q.executeStep();
  return q.getColumn(0).getInt64();
}

}  // namespace portal::affiliates::call_store
