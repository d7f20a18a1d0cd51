#include "announcements.hpp"

#include "portal/events/relay.hpp"
#include "portal/mail/mime.hpp"
#include "portal/mail/outbox.hpp"
#include "request_notices.hpp"

namespace portal::authorizations {

void announce_created(AuthorizationsContext& ctx, db::Connection& c, const AuthorizationRequest& r,
                      core::Instant at) {
  for (const auto& e : request_events(r, RequestChange::created, at)) events::publish(c, e);
  if (!ctx.line_mailbox.empty() && notify_authorizations_line(r, *ctx.catalogs))
    mail::Outbox::enqueue(c, pending_notice(r, ctx.line_mailbox, ctx.public_url), ctx.clock);
}

void announce_decided(AuthorizationsContext& ctx, db::Connection& c, const AuthorizationRequest& r,
                      core::Instant at, const std::optional<std::string>& provider_email) {
  for (const auto& e : request_events(r, RequestChange::decided, at)) events::publish(c, e);
  if (provider_email && mail::valid_recipient(*provider_email))
    mail::Outbox::enqueue(c, decision_notice(r, *provider_email, ctx.public_url), ctx.clock);
}

void wake_senders(AuthorizationsContext& ctx) {
  if (ctx.events) ctx.events->wake();
  if (ctx.outbox) ctx.outbox->wake();
}

}  // namespace portal::authorizations
