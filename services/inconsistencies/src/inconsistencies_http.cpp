#include "inconsistencies_http.hpp"

#include "portal/http/path_params.hpp"
#include "report_store.hpp"

namespace portal::inconsistencies {

http::Problem report_not_found() {
  return http::make_problem(404, "inconsistency_report_not_found",
                            {"Informe de inconsistencias no encontrado", "Inconsistency report not found"},
                            {"No existe un informe de inconsistencias con ese número para su prestador.",
                             "There is no inconsistency report with that number for your provider."});
}

http::Problem status_not_allowed(ReportType type, ReportStatus from, ReportStatus to) {
  const std::string t{to_string(type)};
  const std::string f{to_string(from)};
  const std::string s{to_string(to)};
  return http::conflict("report_status_not_allowed",
                        {"Un informe " + t + " en estado " + f + " no puede pasar a " + s + ".",
                         "A " + t + " report in status " + f + " cannot move to " + s + "."});
}

Allowed require(const http::Request& req, bool InconsistencyAccess::*action) {
  if (!req.principal) return {http::problem(req, http::unauthorized()), {}};
  auto access = inconsistency_access(*req.principal);
  if (!(access.*action)) return {http::problem(req, http::forbidden()), access};
  return {std::nullopt, std::move(access)};
}

std::optional<Report> find_visible(InconsistenciesContext& ctx, long long id,
                                   const InconsistencyAccess& access) {
  auto found = ctx.db->read([&](db::Connection& c) { return report_store::find(c, id); });
  if (!found || (access.own_provider && found->provider_nit != *access.own_provider)) return std::nullopt;
  return found;
}

Visible visible_report(InconsistenciesContext& ctx, const http::Request& req,
                       const InconsistencyAccess& access) {
  const auto id = http::positive_id_param(req);
  if (auto* bad = std::get_if<http::Response>(&id)) return {std::move(*bad), {}};
  auto found = find_visible(ctx, std::get<long long>(id), access);
  if (!found) return {http::problem(req, report_not_found()), {}};
  return {std::nullopt, std::move(*found)};
}

}  // namespace portal::inconsistencies
