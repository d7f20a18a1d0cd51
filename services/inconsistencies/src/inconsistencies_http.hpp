#pragma once
// HTTP <-> domain helpers of the inconsistencies routes: paths, the service's problems, access checks.
#include <optional>
#include <string>

#include "inconsistencies_context.hpp"
#include "inconsistency_access.hpp"
#include "portal/http/problem.hpp"
#include "portal/http/server.hpp"
#include "report.hpp"

namespace portal::inconsistencies {

inline constexpr const char* kReports = "/api/v1/inconsistency-reports";

http::Problem report_not_found();                                                       // 404
http::Problem status_not_allowed(ReportType type, ReportStatus from, ReportStatus to);  // 409 (INC-3 table)

// 401 without principal; 403 when the action is not the caller's. On success, the caller's access.
struct Allowed {
  std::optional<http::Response> denied;
  InconsistencyAccess access;
};
Allowed require(const http::Request& req, bool InconsistencyAccess::*action);

// The report when the caller may see it (another provider's is nullopt: 404, never a hint it exists).
std::optional<Report> find_visible(InconsistenciesContext& ctx, long long id,
                                   const InconsistencyAccess& access);

// The report, and the id path parameter or its 400/404 answer.
struct Visible {
  std::optional<http::Response> refused;
  Report report;
};
Visible visible_report(InconsistenciesContext& ctx, const http::Request& req,
                       const InconsistencyAccess& access);

}  // namespace portal::inconsistencies
