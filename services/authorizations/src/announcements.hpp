#pragma once
// Issue 15 / AUT-6: a created or decided request's events and e-mails, written inside the change's own
// transaction (libs/events' outbox and libs/mail's outbox), and the wake-up of both senders after the commit.
#include <optional>
#include <string>

#include "authorization.hpp"
#include "authorizations_context.hpp"
#include "portal/db/connection.hpp"

namespace portal::authorizations {

// A new request: its event, and the line's e-mail when AUT-6 says so.
void announce_created(AuthorizationsContext& ctx, db::Connection& c, const AuthorizationRequest& r,
                      core::Instant at);
// A decision: its events, and the provider's e-mail when its address is known (`provider_email`).
void announce_decided(AuthorizationsContext& ctx, db::Connection& c, const AuthorizationRequest& r,
                      core::Instant at, const std::optional<std::string>& provider_email);
// After the commit: ship now rather than at the next poll.
void wake_senders(AuthorizationsContext& ctx);

}  // namespace portal::authorizations
