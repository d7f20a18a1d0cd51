#include "portal/audit/audit_route.hpp"

#include <rapidjson/document.h>

#include "portal/http/problem.hpp"
#include "portal/http/query_reader.hpp"
#include "portal/json/json.hpp"

namespace portal::audit {
namespace {

// An RFC 3339 instant, or a Bogotá date (its first instant; with end_of_day, the next day's first).
std::optional<core::Instant> read_instant(http::QueryReader& q, std::string_view name, bool end_of_day) {
  const auto v = q.text(name);
  if (!v) return std::nullopt;
  if (auto t = core::parse_rfc3339(*v)) return t;
  if (auto d = core::parse_date(*v)) {
    using namespace std::chrono;
    return core::bogota_day_start(end_of_day ? year_month_day{sys_days{*d} + days{1}} : *d);
  }
  q.error(name, "invalid_format",
          {"Debe ser una fecha AAAA-MM-DD o un instante RFC 3339",
           "Must be a YYYY-MM-DD date or an RFC 3339 instant"});
  return std::nullopt;
}

std::optional<std::string> read_text(http::QueryReader& q, std::string_view name) {
  auto v = q.text(name);
  if (v && v->size() > 200) {
    q.error(name, "too_long", json::too_long_message(200));
    return std::nullopt;
  }
  return v;
}

}  // namespace

bool may_read(const http::Request& req) {
  return req.principal && req.principal->is_employee() && req.principal->has_role("admin");
}

std::variant<AuditQuery, http::Response> read_query(const http::Request& req, long long max_per_page) {
  core::FieldErrors errors;
  http::QueryReader q(req.query, errors);
  AuditQuery out;
  out.filter.from = read_instant(q, "from", false);
  out.filter.to = read_instant(q, "to", true);
  if (out.filter.from && out.filter.to && *out.filter.to < *out.filter.from) {
    q.error("to", "before_from", {"Debe ser igual o posterior a «from»", "Must be on or after «from»"});
  }
  out.filter.subject = read_text(q, "subject");
  out.filter.provider_nit = read_text(q, "provider");
  out.filter.action = read_text(q, "action");
  out.filter.resource_type = read_text(q, "resource_type");
  out.filter.resource_id = read_text(q, "resource_id");
  out.page = http::read_page(req, {20, max_per_page}, errors);
  if (!errors.empty()) return http::problem(req, http::validation_failed(std::move(errors)));
  return out;
}

void write_entry(json::Writer& w, const Entry& e, std::string_view service) {
  w.StartObject();
  json::write_key(w, "service");
  json::write_string(w, service);
  json::write_key(w, "id");
  w.Int64(e.id);
  json::write_key(w, "at");
  json::write_string(w, core::to_rfc3339(e.at));
  json::write_key(w, "subject");
  json::write_string(w, e.subject);
  json::write_key(w, "user_type");
  json::write_string(w, e.user_type);
  json::write_key(w, "provider_nit");
  json::write_optional(w, e.provider_nit);
  json::write_key(w, "client_ip");
  json::write_string(w, e.client_ip);
  json::write_key(w, "request_id");
  json::write_string(w, e.request_id);
  json::write_key(w, "action");
  json::write_string(w, e.action);
  json::write_key(w, "resource_type");
  json::write_string(w, e.resource_type);
  json::write_key(w, "resource_id");
  json::write_string(w, e.resource_id);
  json::write_key(w, "summary");
  rapidjson::Document summary;
  summary.Parse(e.summary.c_str());
  if (!summary.HasParseError() && summary.IsObject()) {
    w.RawValue(e.summary.c_str(), e.summary.size(), rapidjson::kObjectType);
  } else {
    w.StartObject();
    w.EndObject();
  }
  w.EndObject();
}

http::Response audit_answer(const http::Request& req, db::Database& db, const std::string& service) {
  if (!may_read(req)) return http::problem(req, http::forbidden());
  auto query = read_query(req, kMaxAuditPerPage);
  if (auto* bad = std::get_if<http::Response>(&query)) return std::move(*bad);
  const auto& q = std::get<AuditQuery>(query);
  auto [items, total] = db.read([&](db::Connection& c) {
    return std::pair{list(c, q.filter, q.page.per_page, q.page.offset()), count(c, q.filter)};
  });
  return http::list_response(req, q.page, total, [&](json::Writer& w) {
    for (const auto& e : items) write_entry(w, e, service);
  });
}

void register_audit_route(http::Server& server, db::Database* db, std::string service) {
  server.route(http::Method::get, kAuditPath,
               [db, service](http::Request& req) { return audit_answer(req, *db, service); });
}

}  // namespace portal::audit
