#include "request_states.hpp"

#include <algorithm>
#include <array>

namespace portal::authorizations {
namespace {

using S = RequestStatus;
constexpr std::array<std::pair<S, S>, 8> kAllowed{{
    {S::pending, S::approved},
    {S::pending, S::denied},
    {S::pending, S::partially_approved},
    {S::pending, S::referred},
    {S::pending, S::annulled},
    {S::approved, S::annulled},
    {S::partially_approved, S::annulled},
    {S::referred, S::annulled},
}};

}  // namespace

std::span<const std::pair<RequestStatus, RequestStatus>> allowed_transitions() { return kAllowed; }

bool can_transition(RequestStatus from, RequestStatus to) {
  return std::find(kAllowed.begin(), kAllowed.end(), std::pair{from, to}) != kAllowed.end();
}

bool is_final(RequestStatus status) {
  return std::none_of(kAllowed.begin(), kAllowed.end(), [&](const auto& t) { return t.first == status; });
}

bool annulment_can_be_requested(RequestStatus status) {
  return can_transition(status, RequestStatus::annulled);
}

}  // namespace portal::authorizations
