// AUT-5: due_at per care type and the light at its boundaries, with an injected instant.
#include "traffic_light.hpp"

#include <catch2/catch.hpp>

#include "test_facts.hpp"

using namespace portal;
using namespace portal::authorizations;
using portal::authorizations::testing::at;

TEST_CASE("AUT-5 due_at: +2 h emergency, +6 h hospitalization, none outpatient; configurable") {
  const auto created = at("2026-06-01T15:00:00Z");
  const DueTimes defaults;
  CHECK(due_at(created, "emergency", defaults) == at("2026-06-01T17:00:00Z"));
  CHECK(due_at(created, "hospitalization", defaults) == at("2026-06-01T21:00:00Z"));
  CHECK_FALSE(due_at(created, "outpatient", defaults));
  const DueTimes custom{std::chrono::minutes(30), std::chrono::minutes(240), std::chrono::minutes(2880)};
  CHECK(due_at(created, "emergency", custom) == at("2026-06-01T15:30:00Z"));
  CHECK(due_at(created, "hospitalization", custom) == at("2026-06-01T19:00:00Z"));
  CHECK(due_at(created, "outpatient", custom) == at("2026-06-03T15:00:00Z"));
}

TEST_CASE("AUT-5 light boundaries: emergency 1:59 white, 2:00 yellow; hospitalization 5:59 white, 6:00 red") {
  const auto created = at("2026-06-01T15:00:00Z");
  const DueTimes times;
  using namespace std::chrono;
  struct Row {
    const char* location;
    minutes elapsed;
    std::optional<TrafficLight> light;
  };
  for (auto [location, elapsed, light] :
       {Row{"emergency", minutes(0), TrafficLight::white},
        Row{"emergency", hours(1) + minutes(59), TrafficLight::white},
        Row{"emergency", hours(2), TrafficLight::yellow}, Row{"emergency", hours(30), TrafficLight::yellow},
        Row{"hospitalization", hours(5) + minutes(59), TrafficLight::white},
        Row{"hospitalization", hours(6), TrafficLight::red},
        Row{"outpatient", hours(500), TrafficLight::white}}) {
    CAPTURE(location, elapsed.count());
    const auto due = due_at(created, location, times);
    CHECK(traffic_light(RequestStatus::pending, location, due, created + elapsed) == light);
  }
  // One millisecond before due_at is still white.
  const auto due = due_at(created, "emergency", times);
  CHECK(traffic_light(RequestStatus::pending, "emergency", due, *due - milliseconds(1)) ==
        TrafficLight::white);
}

TEST_CASE("AUT-5 a decided request has no light") {
  const auto created = at("2026-06-01T15:00:00Z");
  const auto due = due_at(created, "hospitalization", DueTimes{});
  for (auto s : {RequestStatus::approved, RequestStatus::denied, RequestStatus::partially_approved,
                 RequestStatus::referred, RequestStatus::annulled}) {
    CHECK_FALSE(traffic_light(s, "hospitalization", due, created + std::chrono::hours(10)));
  }
}
