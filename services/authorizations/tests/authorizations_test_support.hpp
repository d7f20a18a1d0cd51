#pragma once
// The authorizations service in-process next to its real neighbours (auth, affiliates), once per database
// backend: the shared ServiceFixture of tests/support with the authorizations settings.
#include <map>
#include <string>

#include "authorizations_app.hpp"
#include "support/service_fixture.hpp"

namespace portal::authorizations::test {

inline constexpr const char* kProvider = portal::test::kDemoProvider;  // demo provider, branch 080010000101
inline constexpr const char* kBranch = portal::test::kDemoBranch;
inline constexpr const char* kOtherProvider = "900000002";  // second demo provider, branch 080010000201

using HttpResult = service::testing::HttpResult;

class AuthorizationsFixture : public portal::test::ServiceFixture<AuthorizationsApp> {
 public:
  // now: the ManualClock's start (default 2026-03-02T15:00:00Z = 10:00 in Bogotá).
  explicit AuthorizationsFixture(const std::string& now = "2026-03-02T15:00:00Z",
                                 const std::map<std::string, std::string>& extra = {})
      : ServiceFixture(
            now,
            {"authorizations", "PORTAL_AUTHORIZATIONS_", "8", {{"PORTAL_ATTENTION_PHONE", "01 8000 116882"}}},
            extra) {}
};

// A valid POST body: the demo affiliate CC 1000000001 (María, F), outpatient elective, one POS laboratory
// (902045: approved at once by the default rules). Members can be replaced (raw JSON) or removed ("").
std::string request_body(const std::string& request_number,
                         const std::map<std::string, std::string>& raw_members = {});

}  // namespace portal::authorizations::test
