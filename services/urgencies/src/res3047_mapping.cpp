#include "res3047_mapping.hpp"

#include <array>
#include <utility>

namespace portal::urgencies {
namespace {

using Pair = std::pair<std::string_view, std::string_view>;

// 3047 Anexo 2 "origen de la atención" → RIPS/2335 "causa que motiva la atención". A catastrophic event
// in 3047 does not say whether its origin was natural: 27 (natural origin) is the closer code of the two
// (27, 44) and the one the FOSYGA/ADRES catastrophic-event claims were mostly about (docs/regulation.md).
constexpr std::array<Pair, 5> kOriginToCause = {{
    {"general_illness", "38"},
    {"occupational_illness", "39"},
    {"work_accident", "21"},
    {"traffic_accident", "23"},  // origin not known to be occupational: "de origen común"
    {"catastrophic_event", "27"},
}};

// The way back: both traffic causes and both catastrophic causes have one 3047 origin.
constexpr std::array<Pair, 7> kCauseToOrigin = {{
    {"38", "general_illness"},
    {"39", "occupational_illness"},
    {"21", "work_accident"},
    {"23", "traffic_accident"},
    {"24", "traffic_accident"},
    {"27", "catastrophic_event"},
    {"44", "catastrophic_event"},
}};

// 3047 "destino del paciente" → RIPS/2335 "condición y destino de la persona". Observation and
// internment both leave the emergency room for another service of the same provider (03).
constexpr std::array<Pair, 5> kDestinationToCondition = {{
    {"home", "01"},
    {"observation", "03"},
    {"hospitalization", "03"},
    {"referral", "04"},
    {"counter_referral", "05"},
}};

constexpr std::array<Pair, 3> kConditionToDestination = {{
    {"01", "home"},
    {"04", "referral"},
    {"05", "counter_referral"},
}};

template <std::size_t N>
std::optional<std::string> lookup(const std::array<Pair, N>& table, std::string_view key) {
  for (const auto& [from, to] : table)
    if (from == key) return std::string(to);
  return std::nullopt;
}

}  // namespace

std::optional<std::string> care_cause_of_origin(std::string_view attention_origin) {
  return lookup(kOriginToCause, attention_origin);
}

std::optional<std::string> condition_destination_of(std::string_view destination) {
  return lookup(kDestinationToCondition, destination);
}

std::string admission_route_of(const Referral& referral) { return referral.is_referred ? "13" : "01"; }

std::optional<std::string> origin_of_care_cause(std::string_view care_cause) {
  return lookup(kCauseToOrigin, care_cause);
}

std::optional<std::string> destination_of_condition(std::string_view condition_destination) {
  return lookup(kConditionToDestination, condition_destination);
}

void complete_fields(NotificationDraft& d) {
  if (d.care_cause.empty()) d.care_cause = care_cause_of_origin(d.attention_origin).value_or("");
  if (d.condition_destination.empty())
    d.condition_destination = condition_destination_of(d.destination).value_or("");
  if (d.admission_route.empty() && d.shape == BodyShape::res3047)
    d.admission_route = admission_route_of(d.referral);
  if (d.attention_origin.empty()) d.attention_origin = origin_of_care_cause(d.care_cause).value_or("");
  if (d.destination.empty()) d.destination = destination_of_condition(d.condition_destination).value_or("");
}

}  // namespace portal::urgencies
