#pragma once
// Issue 15, pure: the e-mail portal-events sends (Spanish, as every notice to providers): an endpoint
// disabled after failing for the whole retry schedule.
#include "portal/mail/outbox.hpp"

namespace portal::events_hub {

mail::Message endpoint_disabled_notice(const std::string& to, long long endpoint_id, const std::string& url,
                                       const std::string& last_error);

}  // namespace portal::events_hub
