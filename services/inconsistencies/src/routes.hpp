#pragma once
// The inconsistencies service's route table (SPEC §8, issue 17). Handlers translate HTTP to the rules, the
// store and the files, and back.
#include "inconsistencies_context.hpp"
#include "portal/http/server.hpp"

namespace portal::inconsistencies {

void register_report_routes(http::Server& server, InconsistenciesContext& ctx);      // INC-1, INC-2, INC-4
void register_processing_routes(http::Server& server, InconsistenciesContext& ctx);  // INC-3
void register_document_routes(http::Server& server, InconsistenciesContext& ctx);    // INC-5

inline void register_all_routes(http::Server& server, InconsistenciesContext& ctx) {
  register_report_routes(server, ctx);
  register_processing_routes(server, ctx);
  register_document_routes(server, ctx);
}

}  // namespace portal::inconsistencies
