#pragma once
// The affiliates service's route table, one function per area (SPEC §4). Handlers translate HTTP to
// the stores and rules and back.
#include "affiliates_context.hpp"
#include "portal/http/server.hpp"

namespace portal::affiliates {

void register_affiliate_routes(http::Server& server, AffiliatesContext& ctx);  // AFF-1..AFF-3
void register_import_routes(http::Server& server, AffiliatesContext& ctx);     // AFF-4
void register_call_routes(http::Server& server, AffiliatesContext& ctx);       // AFF-5
void register_catalog_routes(http::Server& server, AffiliatesContext& ctx);    // OPS-6, issue 3 item 1

inline void register_all_routes(http::Server& server, AffiliatesContext& ctx) {
  register_affiliate_routes(server, ctx);
  register_import_routes(server, ctx);
  register_call_routes(server, ctx);
  register_catalog_routes(server, ctx);
}

}  // namespace portal::affiliates
