#pragma once
// AUT-5: the traffic light of a pending request (manual 000 §4.2.2). `due_at` = creation + 2 h for patients
// in emergency, + 6 h for hospitalized patients; outpatient requests have none by default. All three are
// configuration (PORTAL_AUTHORIZATIONS_DUE_*_MINUTES): Res. 2335 gives no deadlines we could source.
// The light is computed when read, from the injected clock: white before due_at (and always, for a pending
// request without one); at or after it yellow (emergency, and outpatient when configured) or red
// (hospitalization); null once no longer pending.
#include <chrono>
#include <optional>
#include <string_view>

#include "authorization.hpp"
#include "portal/core/clock.hpp"

namespace portal::authorizations {

struct DueTimes {
  std::optional<std::chrono::minutes> emergency{std::chrono::hours(2)};
  std::optional<std::chrono::minutes> hospitalization{std::chrono::hours(6)};
  std::optional<std::chrono::minutes> outpatient;
};

std::optional<core::Instant> due_at(core::Instant created_at, std::string_view patient_location,
                                    const DueTimes& times);

// The colour a request past due turns to: red for hospitalized patients, yellow otherwise.
TrafficLight overdue_light(std::string_view patient_location);

// Null when the request is not pending.
std::optional<TrafficLight> traffic_light(RequestStatus status, std::string_view patient_location,
                                          std::optional<core::Instant> due, core::Instant now);

}  // namespace portal::authorizations
