#pragma once
// The urgencies service in-process next to its real neighbours (auth, affiliates), once per database backend:
// the shared ServiceFixture of tests/support with the urgencies settings.
#include <map>
#include <string>

#include "support/service_fixture.hpp"
#include "urgencies_app.hpp"

namespace portal::urgencies::test {

inline constexpr const char* kProvider = portal::test::kDemoProvider;  // demo provider, branch 080010000101
inline constexpr const char* kBranch = portal::test::kDemoBranch;
inline constexpr const char* kOtherProvider = "900000002";  // second demo provider, branch 080010000201

using HttpResult = service::testing::HttpResult;

class UrgenciesFixture : public portal::test::ServiceFixture<UrgenciesApp> {
 public:
  // now: the ManualClock's start (default 2026-03-02T15:00:00Z = 10:00 in Bogotá).
  explicit UrgenciesFixture(const std::string& now = "2026-03-02T15:00:00Z",
                            const std::map<std::string, std::string>& extra = {})
      : ServiceFixture(
            now, {"urgencies", "PORTAL_URGENCIES_", "16", {{"PORTAL_ATTENTION_PHONE", "01 8000 116882"}}},
            extra) {}
};

// A valid POST body for the demo affiliate CC 1000000001 (María, 29, F) admitted `admitted_at`.
// Members can be replaced (raw JSON) or removed ("").
std::string notification_body(const std::string& attention_number, const std::string& admitted_at,
                              const std::map<std::string, std::string>& raw_members = {});

}  // namespace portal::urgencies::test
