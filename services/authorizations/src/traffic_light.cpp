#include "traffic_light.hpp"

namespace portal::authorizations {

std::optional<core::Instant> due_at(core::Instant created_at, std::string_view patient_location,
                                    const DueTimes& times) {
  const std::optional<std::chrono::minutes>* after = nullptr;
  if (patient_location == "emergency") {
    after = &times.emergency;
  } else if (patient_location == "hospitalization") {
    after = &times.hospitalization;
  } else if (patient_location == "outpatient") {
    after = &times.outpatient;
  }
  if (!after || !*after) return std::nullopt;
  return created_at + **after;
}

TrafficLight overdue_light(std::string_view patient_location) {
  return patient_location == "hospitalization" ? TrafficLight::red : TrafficLight::yellow;
}

std::optional<TrafficLight> traffic_light(RequestStatus status, std::string_view patient_location,
                                          std::optional<core::Instant> due, core::Instant now) {
  if (status != RequestStatus::pending) return std::nullopt;
  // A pending request without a deadline (outpatient by default) is never overdue.
  if (!due || now < *due) return TrafficLight::white;
  return overdue_light(patient_location);
}

}  // namespace portal::authorizations
