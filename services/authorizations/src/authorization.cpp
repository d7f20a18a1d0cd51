// Names of the domain's enumerations as the API and the database write them.
#include "authorization.hpp"

#include <array>
#include <utility>

namespace portal::authorizations {
namespace {

template <typename E, std::size_t N>
std::optional<E> parse_in(const std::array<std::pair<E, std::string_view>, N>& table, std::string_view text) {
  for (const auto& [value, name] : table) {
    if (name == text) return value;
  }
  return std::nullopt;
}

template <typename E, std::size_t N>
std::string_view name_in(const std::array<std::pair<E, std::string_view>, N>& table, E value) {
  for (const auto& [v, name] : table) {
    if (v == value) return name;
  }
  return "";
}

constexpr std::array<std::pair<LineType, std::string_view>, 3> kLineTypes{
    {{LineType::procedure, "procedure"}, {LineType::medicine, "medicine"}, {LineType::device, "device"}}};

constexpr std::array<std::pair<RequestStatus, std::string_view>, 6> kStatuses{
    {{RequestStatus::pending, "pending"},
     {RequestStatus::approved, "approved"},
     {RequestStatus::denied, "denied"},
     {RequestStatus::partially_approved, "partially_approved"},
     {RequestStatus::referred, "referred"},
     {RequestStatus::annulled, "annulled"}}};

constexpr std::array<std::pair<TrafficLight, std::string_view>, 3> kLights{
    {{TrafficLight::white, "white"}, {TrafficLight::yellow, "yellow"}, {TrafficLight::red, "red"}}};

}  // namespace

std::string_view to_string(LineType type) { return name_in(kLineTypes, type); }
std::optional<LineType> parse_line_type(std::string_view text) { return parse_in(kLineTypes, text); }
std::string_view to_string(RequestStatus status) { return name_in(kStatuses, status); }
std::optional<RequestStatus> parse_status(std::string_view text) { return parse_in(kStatuses, text); }
std::string_view to_string(TrafficLight light) { return name_in(kLights, light); }
std::optional<TrafficLight> parse_light(std::string_view text) { return parse_in(kLights, text); }

std::string authorization_number(int year, long long id) {
  std::string digits = std::to_string(id);
  if (digits.size() < 8) digits.insert(0, 8 - digits.size(), '0');
  return std::to_string(year) + "-" + digits;
}

}  // namespace portal::authorizations
