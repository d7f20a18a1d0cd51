#pragma once
// HTTP <-> domain helpers shared by the affiliates route files: the service's problems, pages,
// access checks, and the affiliate as JSON.
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "access_rules.hpp"
#include "affiliate.hpp"
#include "affiliate_store.hpp"
#include "affiliates_context.hpp"
#include "portal/http/json_body.hpp"
#include "portal/http/problem.hpp"
#include "portal/http/server.hpp"
#include "portal/json/json.hpp"

namespace portal::affiliates {

inline constexpr const char* kApi = "/api/v1";
// AFF-4 roster uploads: the one route with a body limit above PORTAL_MAX_BODY_BYTES.
inline constexpr std::string_view kImportsPath = "/api/v1/affiliates/imports";

using http::json_response;

// AFF-2, manual 001 Imagen 13: "no es afiliado de la EPS".
http::Problem affiliate_not_found();
// GET/PATCH /affiliates/:id (issue 10): no affiliate has that id; not about a document.
http::Problem affiliate_id_not_found();
http::Problem affiliate_already_exists();
http::Problem precondition_failed();

// 401 without a principal, 403 when the capability is not the caller's (access_rules).
std::optional<http::Response> require(const http::Request& req, Capability capability);

// SPEC §2 lists (libs/http pagination: 422 naming page or per_page when out of range; Link headers).
using http::read_page;
using http::with_page_links;
using http::write_list_envelope;

void write_opt(json::Writer& w, std::string_view key, const std::optional<std::string>& v);
void write_str(json::Writer& w, std::string_view key, std::string_view v);

// The affiliate with age_years (Bogotá today), document_type_warning (AFF-1) and, when inconsistent,
// the notice of manual 001 Imagen 14. Members only: the caller opens and closes the object.
void write_affiliate_fields(json::Writer& w, const Affiliate& a, const AffiliatesContext& ctx,
                            core::Lang lang);
void write_affiliate(json::Writer& w, const Affiliate& a, const AffiliatesContext& ctx, core::Lang lang);
// The body GET /affiliates/:id answers (its weak ETag is what If-Match must carry).
std::string affiliate_body(const Affiliate& a, const AffiliatesContext& ctx, core::Lang lang);

}  // namespace portal::affiliates
