#pragma once
// GET /api/v1/audit on a service: its own records, for EPS admins only, newest first. The gateway's
// GET /api/v1/audit asks every service this and merges the answers by time (docs/audit.md). Filters:
// from, to (RFC 3339 instants, or Bogotá dates: `to` a date includes that day), subject, provider,
// action, resource_type, resource_id; page and per_page (up to 1,000: the gateway asks each service for
// page × per_page records).
#include <string>
#include <variant>

#include "portal/audit/audit_trail.hpp"
#include "portal/db/database.hpp"
#include "portal/http/message.hpp"
#include "portal/http/pagination.hpp"
#include "portal/http/server.hpp"

namespace portal::audit {

inline constexpr const char* kAuditPath = "/api/v1/audit";
inline constexpr long long kMaxAuditPerPage = 1000;

// Only EPS admins read the trail.
bool may_read(const http::Request& req);

struct AuditQuery {
  Filter filter;
  http::PageRequest page;
};
// The query, or its 422 naming every bad parameter.
std::variant<AuditQuery, http::Response> read_query(const http::Request& req, long long max_per_page);

// One record as JSON (summary as the object stored), `service` naming where it was kept.
void write_entry(json::Writer& w, const Entry& e, std::string_view service);

// The answer of GET /api/v1/audit over `db` (403 for anyone but EPS admins, 422 for bad filters).
http::Response audit_answer(const http::Request& req, db::Database& db, const std::string& service);

// db may be null only when the routes are built to be listed (--list-routes).
void register_audit_route(http::Server& server, db::Database* db, std::string service);

}  // namespace portal::audit
