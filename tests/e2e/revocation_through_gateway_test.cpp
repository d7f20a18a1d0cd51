// Issue 9 item 5: revocation takes effect within seconds, everywhere. A delegate deactivated by its admin
// is refused through the gateway, on a write (POST /api/v1/urgencies) and on a read, with an access token
// issued before the deactivation, within 5 s; a new login after reactivation works again.
#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "e2e_suite.hpp"
#include "support/json_fields.hpp"

using namespace portal;
using namespace portal::e2e;
using namespace std::chrono_literals;

namespace {

std::string notification(const std::string& number) {
  return R"({"attention_number":")" + number +
         R"(","affiliate":{"document_type":"CC","document_number":"1000000002"},"attention_origin":"general_illness",)"
         R"("triage":3,"referral":{"is_referred":false},"admitted_at":")" +
         core::to_rfc3339(core::Instant{std::chrono::duration_cast<std::chrono::milliseconds>(
             (std::chrono::system_clock::now() - 1h).time_since_epoch())}) +
         R"(","consultation_reason":"Dolor abdominal","destination":"observation",)"
         R"("diagnoses":{"principal":"R104","related":[]}})";
}

// Polls `call` until it answers `status` or `limit` passes; returns how long that took.
template <typename Call>
std::chrono::milliseconds until_status(int status, std::chrono::milliseconds limit, Call call) {
  const auto start = std::chrono::steady_clock::now();
  while (std::chrono::steady_clock::now() - start < limit) {
    if (call().status == status) break;
    std::this_thread::sleep_for(100ms);
  }
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
}

}  // namespace

TEST_CASE("issue 9: a deactivated delegate's earlier token is refused within 5 s, writes and reads",
          "[e2e][revocation]") {
  auto& s = Suite::get();
  const auto admin = s.provider_tokens(kDemoNit, "admin").access;
  const auto delegate = s.provider_tokens(kDemoNit, "delegate").access;
  const auto sub = test::json_string(payload_of(delegate), "/sub").value_or("");
  REQUIRE(sub.rfind("user:", 0) == 0);
  const std::string user_path = "/api/v1/users/" + sub.substr(5);
  // Revocation has one-second resolution (iat): the token must be from an earlier second.
  std::this_thread::sleep_for(1100ms);
  REQUIRE(s.gateway().get("/api/v1/urgencies", test::bearer(delegate)).status == 200);

  auto off = s.gateway().patch_json(user_path, R"({"status":"inactive"})", test::bearer(admin));
  INFO(off.body);
  REQUIRE(off.status == 200);

  // The write path re-checks: refused at once, nothing stored.
  const std::string number = "REV" + std::to_string(now_unix() % 1000000);
  auto write = s.gateway().post_json("/api/v1/urgencies", notification(number), test::bearer(delegate));
  INFO(write.body);
  CHECK(write.status == 401);
  CHECK(write.is_problem());
  // Reads follow within the poll interval (1 s) at the gateway and the services.
  const auto took =
      until_status(401, 5s, [&] { return s.gateway().get("/api/v1/urgencies", test::bearer(delegate)); });
  CAPTURE(took.count());
  CHECK(took < 5s);
  CHECK(s.gateway().get("/api/v1/me", test::bearer(delegate)).status == 401);
  // The notification was never created.
  auto listed = s.gateway().get("/api/v1/urgencies?attention_number=" + number, test::bearer(admin));
  CHECK(test::json_int(listed.body, "/total") == std::optional<long long>(0));

  // Reactivated, the delegate logs in again and the new token works.
  auto on = s.gateway().patch_json(user_path, R"({"status":"active"})", test::bearer(admin));
  REQUIRE(on.status == 200);
  const auto fresh = s.provider_tokens(kDemoNit, "delegate").access;
  CHECK(until_status(200, 5s, [&] { return s.gateway().get("/api/v1/urgencies", test::bearer(fresh)); }) <
        5s);
}

TEST_CASE("issue 9: after logout the access token stops working within 5 s", "[e2e][revocation]") {
  auto& s = Suite::get();
  const auto tokens = s.employee_tokens("auditor");
  std::this_thread::sleep_for(1100ms);
  REQUIRE(s.gateway().get("/api/v1/me", test::bearer(tokens.access)).status == 200);
  auto out = s.gateway().post_json("/api/v1/auth/logout", R"({"refresh_token":")" + tokens.refresh + "\"}",
                                   test::bearer(tokens.access));
  REQUIRE(out.status == 204);
  const auto took =
      until_status(401, 5s, [&] { return s.gateway().get("/api/v1/me", test::bearer(tokens.access)); });
  CAPTURE(took.count());
  CHECK(took < 5s);
}
