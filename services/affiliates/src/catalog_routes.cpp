// Issue 3 item 1 / OPS-6: GET /api/v1/catalogs/:name?q=&page=&per_page= for SPA autocomplete, served
// from libs/catalog (in-process, immutable). The ETag is the catalog's data version plus the query,
// so a client polling the same search gets 304 without the search being run.
#include "affiliates_http.hpp"
#include "portal/catalog/catalogs.hpp"
#include "portal/catalog/json.hpp"
#include "portal/http/cache_policy.hpp"
#include "portal/http/etag.hpp"
#include "routes.hpp"

namespace portal::affiliates {
namespace {

http::Problem catalog_not_found() {
  return http::make_problem(404, "catalog_not_found", {"Catálogo no encontrado", "Catalog not found"},
                            {"No existe un catálogo con ese nombre.", "There is no catalog with that name."});
}

http::Response get_catalog(AffiliatesContext& ctx, http::Request& req) {
  if (!req.principal) return http::problem(req, http::unauthorized());
  const auto name = req.param("name").value_or("");
  const auto* catalog = ctx.catalogs ? ctx.catalogs->get(name) : nullptr;
  if (!catalog) return http::problem(req, catalog_not_found());
  // SPEC §2 pagination (issue 10): per_page above the catalog maximum (100) is 422, not capped.
  auto paged = http::read_page(req, http::PageLimits{catalog::kDefaultPerPage, catalog::kMaxPerPage});
  if (auto* refused = std::get_if<http::Response>(&paged)) return std::move(*refused);
  const auto& p = std::get<http::PageRequest>(paged);
  const auto page = static_cast<int>(p.page);
  const auto per_page = static_cast<int>(p.per_page);
  auto q = req.query_param("q").value_or("");
  if (q.size() > catalog::kMaxQueryLength) q.resize(catalog::kMaxQueryLength);  // huge queries are capped

  const auto tag = http::weak_etag(catalog->version() + "|" + q + "|" + std::to_string(page) + "|" +
                                   std::to_string(per_page));
  if (auto inm = req.header("If-None-Match"); inm && http::etag_list_matches(*inm, tag)) {
    http::Response res;
    res.status = 304;
    res.content_type.clear();
    res.with_header("ETag", tag);
    return http::cache::public_reference(res);
  }
  const auto found = catalog->search(q, page, per_page);
  auto res = http::Response::json(200, catalog::to_json(found));
  res.with_header("ETag", tag);
  http::with_page_links(res, req, p, static_cast<long long>(found.total));
  return http::cache::public_reference(res);  // reference data, the same for every caller
}

}  // namespace

void register_catalog_routes(http::Server& server, AffiliatesContext& ctx) {
  server.route(http::Method::get, std::string{kApi} + "/catalogs/:name",
               [&ctx](http::Request& req) { return get_catalog(ctx, req); });
}

}  // namespace portal::affiliates
