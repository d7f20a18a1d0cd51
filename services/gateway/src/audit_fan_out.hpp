#pragma once
// Issue 20 part 3: GET /api/v1/audit through the gateway — one call for EPS admins over every service's
// trail. Each service keeps its records in its own database (libs/audit) and answers its own
// GET /api/v1/audit; the gateway asks all of them at once for their newest page × per_page records
// matching the filters, merges the answers by time (newest first; ties by service, then id) and cuts the
// page. A service that does not answer (down, timeout, 5xx) is named in `unavailable` and its records are
// missing from that answer, never silently. Why fan-out rather than shipping records to one store:
// docs/audit.md.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "portal/http/client.hpp"
#include "portal/http/message.hpp"
#include "portal/http/pagination.hpp"
#include "upstream.hpp"

namespace portal::gateway {

// The deepest record a client may page to: page × per_page records are asked of every service.
inline constexpr long long kMaxAuditDepth = 1000;

// One service's answer to the fan-out.
struct AuditServiceAnswer {
  std::string service;
  std::optional<int> status;  // nullopt: no answer (connection refused, timeout, breaker open)
  std::string body;
};

struct MergedAudit {
  std::vector<std::string> items;  // the page's records, JSON objects as the services wrote them
  long long total = 0;             // across the services that answered
  std::vector<std::pair<std::string, std::string>> unavailable;  // service, reason
};

// Pure: merges the services' answers (each newest first) and cuts `page`.
MergedAudit merge_audit_answers(const std::vector<AuditServiceAnswer>& answers,
                                const http::PageRequest& page);

// The query sent to each service: the client's filters, page 1 and page × per_page records.
std::string audit_upstream_query(const http::Request& req, const http::PageRequest& page);

class AuditFanOut {
 public:
  AuditFanOut(std::vector<Upstream*> upstreams, std::string forwarded_proto)
      : upstreams_(std::move(upstreams)), forwarded_proto_(std::move(forwarded_proto)) {}
  void set_forwarding_key(std::string key) { forwarding_key_ = std::move(key); }
  // The gateway's own records (tokens it refused, refusal_trail.hpp): asked with the same query as the
  // services and merged as the service "gateway".
  void set_local(std::function<http::Response(const http::Request&)> local) { local_ = std::move(local); }
  // The answer for an authenticated request (the caller has checked the token and the rate limits).
  http::Response answer(const http::Request& req) const;

 private:
  std::vector<Upstream*> upstreams_;
  std::string forwarded_proto_;
  std::string forwarding_key_;
  std::function<http::Response(const http::Request&)> local_;
};

}  // namespace portal::gateway
