#pragma once
// Issue 15 / AUT-6, pure: what a new or decided request announces. Events for libs/events (the payload holds
// the request's numbers, status and links — no affiliate, diagnosis or clinical data: a provider's
// integrator reads the rest through the API with its own token) and the two e-mails of AUT-6, in Spanish
// with plain and HTML parts.
#include <optional>
#include <string>
#include <vector>

#include "authorization.hpp"
#include "portal/catalog/catalogs.hpp"
#include "portal/events/event.hpp"
#include "portal/mail/outbox.hpp"

namespace portal::authorizations {

enum class RequestChange { created, decided };

// created: `.approved` (approved at once by the rules) or `.pending` (held for an auditor); decided:
// `.decided` always, and `.approved` too when the decision approved it (an integrator that only wants
// approvals subscribes to that one type).
std::vector<events::Event> request_events(const AuthorizationRequest& r, RequestChange change,
                                          core::Instant at);
// The events' data member (JSON object).
std::string event_data(const AuthorizationRequest& r);

// AUT-6: a new pending request none of whose procedures is surgical or hospital and none carries a copay
// goes to the authorizations line's mailbox (manual 000 §4.1.2).
bool notify_authorizations_line(const AuthorizationRequest& r, const catalog::Catalogs& catalogs);

// The line's notice of a new pending request; `portal_url` is the base of the links.
mail::Message pending_notice(const AuthorizationRequest& r, const std::string& to,
                             const std::string& portal_url);
// The provider's notice of a decision: the outcome, the numbers and where to download the Anexo 4.
mail::Message decision_notice(const AuthorizationRequest& r, const std::string& to,
                              const std::string& portal_url);

}  // namespace portal::authorizations
