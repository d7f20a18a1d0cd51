#pragma once
// Issue 15, pure: when a failed webhook delivery is tried again, and who may read which events.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "portal/security/principal.hpp"

namespace portal::events_hub {

using Schedule = std::vector<std::chrono::milliseconds>;

// The Standard Webhooks / Svix schedule: after the first attempt fails, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h
// and 10 h: eight attempts over about 27.6 h; a delivery that fails all of them disables its endpoint.
const Schedule& default_schedule();
// Delay before the next attempt after `failed_attempts` failures (1 = the first attempt failed);
// nullopt when the schedule is exhausted: the delivery has failed for good.
std::optional<std::chrono::milliseconds> next_retry(int failed_attempts, const Schedule& schedule);
// "5000,300000,..." (milliseconds, each 1..86,400,000, at most 20); throws std::invalid_argument.
Schedule parse_schedule(std::string_view text);

// The event types portal-events accepts subscriptions for (docs/events.md lists their payloads).
const std::vector<std::string_view>& known_event_types();

// Whose events a caller may read: every provider's (EPS employees with the right role), one provider's
// (its users, bound integrators), or none. Provider delegates and integrators need the module that
// publishes the event (authorization_request.* → "authorizations"); provider admins hold every module.
struct EventScope {
  bool allowed = false;
  std::optional<std::string> provider_nit;  // nullopt with allowed: all providers
};
EventScope event_scope(const security::Principal& p);
// May this caller (of scope) read an event of `type`? Module permissions per event family.
bool may_read_type(const security::Principal& p, std::string_view type);

// Who may register and manage webhooks: a provider admin or an integrator bound to a provider; the
// provider whose endpoints they manage, or nullopt (403).
std::optional<std::string> webhook_owner(const security::Principal& p);

}  // namespace portal::events_hub
