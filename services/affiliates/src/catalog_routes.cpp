// Issue 3 item 1 / OPS-6: GET /api/v1/catalogs/:name?q=&page=&per_page= for SPA autocomplete, served
// from libs/catalog (in-process, immutable). The ETag is the catalog's data version plus the query,
// so a client polling the same search gets 304 without the search being run.
#include <algorithm>
#include <cctype>

#include "affiliates_http.hpp"
#include "portal/catalog/catalogs.hpp"
#include "portal/catalog/json.hpp"
#include "portal/http/etag.hpp"
#include "routes.hpp"

namespace portal::affiliates {
namespace {

http::Problem catalog_not_found() {
  return http::make_problem(404, "catalog_not_found", {"Catálogo no encontrado", "Catalog not found"},
                            {"No existe un catálogo con ese nombre.", "There is no catalog with that name."});
}

std::optional<int> small_number(const std::optional<std::string>& v, int fallback, int max) {
  if (!v || v->empty()) return fallback;
  if (v->size() > 9 || !std::all_of(v->begin(), v->end(), [](unsigned char c) { return std::isdigit(c); }))
    return std::nullopt;
  const int n = std::stoi(*v);
  if (n < 1) return std::nullopt;
  return std::min(n, max);
}

http::Response get_catalog(AffiliatesContext& ctx, http::Request& req) {
  if (!req.principal) return http::problem(req, http::unauthorized());
  const auto name = req.param("name").value_or("");
  const auto* catalog = ctx.catalogs ? ctx.catalogs->get(name) : nullptr;
  if (!catalog) return http::problem(req, catalog_not_found());
  const auto page = small_number(req.query_param("page"), 1, 1000000);
  const auto per_page =
      small_number(req.query_param("per_page"), catalog::kDefaultPerPage, catalog::kMaxPerPage);
  core::FieldErrors errors;
  if (!page)
    errors.push_back(core::FieldError{
        "page",
        "out_of_range",
        {"Debe ser un número entero mayor que cero.", "Must be an integer greater than zero."}});
  if (!per_page)
    errors.push_back(core::FieldError{
        "per_page",
        "out_of_range",
        {"Debe ser un número entero mayor que cero.", "Must be an integer greater than zero."}});
  if (!errors.empty()) return http::problem(req, http::validation_failed(std::move(errors)));
  auto q = req.query_param("q").value_or("");
  if (q.size() > catalog::kMaxQueryLength) q.resize(catalog::kMaxQueryLength);  // huge queries are capped

  const auto tag = http::weak_etag(catalog->version() + "|" + q + "|" + std::to_string(*page) + "|" +
                                   std::to_string(*per_page));
  if (auto inm = req.header("If-None-Match"); inm && http::etag_list_matches(*inm, tag)) {
    http::Response res;
    res.status = 304;
    res.content_type.clear();
    res.with_header("ETag", tag);
    return res;
  }
  auto res = http::Response::json(200, catalog::to_json(catalog->search(q, *page, *per_page)));
  res.with_header("ETag", tag);
  res.with_header("Cache-Control", "private, max-age=300");
  return res;
}

}  // namespace

void register_catalog_routes(http::Server& server, AffiliatesContext& ctx) {
  server.route(http::Method::get, std::string{kApi} + "/catalogs/:name",
               [&ctx](http::Request& req) { return get_catalog(ctx, req); });
}

}  // namespace portal::affiliates
