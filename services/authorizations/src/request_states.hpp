#pragma once
// AUT-3: the states of an authorization request and the moves between them, as one table.
//   pending → approved | denied | partially_approved | referred | annulled
//   approved | partially_approved | referred → annulled
//   denied and annulled are final. Anything else is refused (409 at the HTTP edge).
// A request is created `pending` or `approved` (the rules engine, AUT-2); the auditor's moves come with
// the next issue, and providers only *request* an annulment (recorded for the auditor).
#include <span>
#include <utility>

#include "authorization.hpp"

namespace portal::authorizations {

std::span<const std::pair<RequestStatus, RequestStatus>> allowed_transitions();
bool can_transition(RequestStatus from, RequestStatus to);
bool is_final(RequestStatus status);
// A provider may ask to annul a request that can still be annulled.
bool annulment_can_be_requested(RequestStatus status);

}  // namespace portal::authorizations
