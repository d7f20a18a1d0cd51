#include "portal/audit/audit_trail.hpp"

namespace portal::audit {
namespace {

long long to_ms(core::Instant t) { return t.time_since_epoch().count(); }

// The WHERE clause of a filter and its parameters (every condition optional; `?` typed by its column).
std::string where(const Filter& f, db::Params& params) {
  std::string sql = " WHERE 1 = 1";
  const auto add = [&](const std::optional<std::string>& value, const char* condition) {
    if (!value) return;
    sql += condition;
    params.emplace_back(*value);
  };
  if (f.from) {
    sql += " AND at >= ?";
    params.emplace_back(to_ms(*f.from));
  }
  if (f.to) {
    sql += " AND at < ?";
    params.emplace_back(to_ms(*f.to));
  }
  add(f.subject, " AND subject = ?");
  add(f.provider_nit, " AND provider_nit = ?");
  add(f.action, " AND action = ?");
  add(f.resource_type, " AND resource_type = ?");
  add(f.resource_id, " AND resource_id = ?");
  return sql;
}

}  // namespace

Entry entry_for(const http::Request& req, core::Instant at, std::string action, std::string resource_type,
                std::string resource_id, std::string summary) {
  Entry e;
  e.at = at;
  if (req.principal) {
    e.subject = req.principal->subject;
    e.user_type = req.principal->user_type;
    e.provider_nit = req.principal->provider_nit;
  }
  e.client_ip = req.client_ip;
  e.request_id = req.request_id;
  e.action = std::move(action);
  e.resource_type = std::move(resource_type);
  e.resource_id = std::move(resource_id);
  e.summary = std::move(summary);
  return e;
}

void record(db::Connection& c, const Entry& e) {
  c.exec(
      "INSERT INTO audit_trail (at, subject, user_type, provider_nit, client_ip, request_id, action, "
      "resource_type, resource_id, summary) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {to_ms(e.at), e.subject, e.user_type, e.provider_nit, e.client_ip, e.request_id, e.action,
       e.resource_type, e.resource_id, e.summary});
}

std::vector<Entry> list(db::Connection& c, const Filter& filter, long long limit, long long offset) {
  db::Params params;
  std::string sql =
      "SELECT id, at, subject, user_type, provider_nit, client_ip, request_id, action, resource_type, "
      "resource_id, summary FROM audit_trail" +
      where(filter, params) + " ORDER BY at DESC, id DESC LIMIT ? OFFSET ?";
  params.emplace_back(limit);
  params.emplace_back(offset);
  return c.query_all(sql, params, [](const db::Row& r) {
    Entry e;
    e.id = r.int64(0);
    e.at = core::Instant{std::chrono::milliseconds{r.int64(1)}};
    e.subject = r.text(2);
    e.user_type = r.text(3);
    e.provider_nit = r.optional_text(4);
    e.client_ip = r.text(5);
    e.request_id = r.text(6);
    e.action = r.text(7);
    e.resource_type = r.text(8);
    e.resource_id = r.text(9);
    e.summary = r.text(10);
    return e;
  });
}

long long count(db::Connection& c, const Filter& filter) {
  db::Params params;
  const std::string sql = "SELECT COUNT(*) FROM audit_trail" + where(filter, params);
  return c.query_int64(sql, params).value_or(0);
}

long long purge_before(db::Connection& c, core::Instant cutoff) {
  return c.exec("DELETE FROM audit_trail WHERE at < ?", {to_ms(cutoff)});
}

}  // namespace portal::audit
