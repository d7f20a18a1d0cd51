#pragma once
// The urgencies service's route table (SPEC §5). Handlers translate HTTP to the rules, the directories
// and the store, and back.
#include <variant>

#include "portal/http/server.hpp"
#include "urgencies_context.hpp"

namespace portal::urgencies {

void register_notification_routes(http::Server& server, UrgenciesContext& ctx);  // URG-1..URG-3
void register_annex2_routes(http::Server& server, UrgenciesContext& ctx);        // URG-4, issue 11

// What the documents of a notification print besides the record: payer, the provider's branch (asked of
// the registry; the stored values when it cannot answer) and the generation instant.
struct Annex2Context;
struct Notification;
Annex2Context document_context(UrgenciesContext& ctx, const http::Request& req, const Notification& n);

// The notification at {id} when the caller may read it; else the answer: 400 naming a malformed id, 404 for
// an unknown id and for another provider's notification (SPEC §1). Shared by the detail and its documents.
struct UrgencyAccess;
std::variant<Notification, http::Response> visible_notification(UrgenciesContext& ctx,
                                                                const http::Request& req,
                                                                const UrgencyAccess& access);

inline void register_all_routes(http::Server& server, UrgenciesContext& ctx) {
  register_notification_routes(server, ctx);
  register_annex2_routes(server, ctx);
}

}  // namespace portal::urgencies
