#pragma once
// The authorizations service's route table (SPEC §6, issue 12). Handlers translate HTTP to the rules, the
// directories and the store, and back.
#include "authorizations_context.hpp"
#include "portal/http/server.hpp"

namespace portal::authorizations {

void register_request_routes(http::Server& server, AuthorizationsContext& ctx);   // AUT-1, AUT-3, AUT-7
void register_document_routes(http::Server& server, AuthorizationsContext& ctx);  // AUT-8 (Anexo 3), §13
void register_decision_routes(http::Server& server, AuthorizationsContext& ctx);  // AUT-4, Anexo 4, AUT-9
void register_rule_routes(http::Server& server, AuthorizationsContext& ctx);  // AUT-2 rule sets, contracts

inline void register_all_routes(http::Server& server, AuthorizationsContext& ctx) {
  register_request_routes(server, ctx);
  register_document_routes(server, ctx);
  register_decision_routes(server, ctx);
  register_rule_routes(server, ctx);
}

}  // namespace portal::authorizations
