// Issue 15 end to end: auth, affiliates, authorizations, portal-events and the gateway as real processes. A
// provider admin registers a webhook through the gateway (the secret only in that answer); an auditor's
// decision then reaches a receiver on loopback (allowed by the suite's test configuration) signed as Standard
// Webhooks says — verified with Python's hmac — and an SSE stream opened straight on portal-events within
// 1 s; the provider's notification address gets the decision's e-mail (plain and HTML). SSE through the
// gateway waits for the gateway's streaming front.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "e2e_suite.hpp"
#include "support/json_fields.hpp"
#include "support/process.hpp"
#include "support/sse_client.hpp"

using namespace portal;
using namespace portal::e2e;
using namespace std::chrono_literals;

namespace {

std::string read_text(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// services/events/tests/webhook_receiver.py serving on loopback (Python's hmac checks every signature).
class Receiver {
 public:
  Receiver() : dir_("portal-e2e-webhook-") {
    std::ofstream(dir_.path() / "secret") << "whsec_unset";
    process_ = std::make_unique<test::Process>(test::ProcessOptions{
        "/usr/bin/python3",
        {test::source_dir() + "/services/events/tests/webhook_receiver.py", "serve", dir_.str()},
        {},
        dir_.str() + "/log",
        ""});
    for (int i = 0; i < 400 && !std::filesystem::exists(dir_.path() / "port"); ++i)
      std::this_thread::sleep_for(10ms);
    port_ = std::stoi(read_text(dir_.path() / "port"));
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/hooks"; }
  void set_secret(const std::string& secret) {
    std::ofstream(dir_.path() / "secret.tmp") << secret;
    std::filesystem::rename(dir_.path() / "secret.tmp", dir_.path() / "secret");
  }
  std::string received() const { return read_text(dir_.path() / "received.jsonl"); }

 private:
  test::TempDir dir_;
  std::unique_ptr<test::Process> process_;
  int port_ = 0;
};

std::string fresh_number() { return "EV" + std::to_string(now_unix() % 10000000); }

}  // namespace

TEST_CASE("a decision reaches a signed webhook and an SSE stream within 1 s, and the provider's e-mail",
          "[e2e][events]") {
  auto& s = Suite::get();
  const auto admin = s.provider_tokens(kDemoNit, "admin").access;
  const auto auditor = s.employee_tokens("auditor").access;

  Receiver receiver;
  auto created = s.gateway().post_json(
      "/api/v1/webhooks",
      R"({"url":")" + receiver.url() +
          R"(","event_types":["authorization_request.decided","authorization_request.approved"]})",
      test::bearer(admin));
  INFO(created.body);
  REQUIRE(created.status == 201);
  const auto secret = test::json_string(created.body, "/secret");
  REQUIRE(secret.has_value());
  receiver.set_secret(*secret);
  const auto webhook_id = test::json_int(created.body, "/id");
  REQUIRE(webhook_id.has_value());
  auto listed = s.gateway().get("/api/v1/webhooks", test::bearer(admin));
  REQUIRE(listed.status == 200);
  CHECK(listed.body.find(*secret) == std::string::npos);
  CHECK(s.gateway()
            .get("/api/v1/webhooks", test::bearer(s.provider_tokens(kOtherNit, "admin2").access))
            .body.find(receiver.url()) == std::string::npos);

  // A surgical request is held for the auditor.
  auto held = s.gateway().post_json(
      "/api/v1/authorization-requests",
      R"({"request_number":")" + fresh_number() +
          R"(","affiliate":{"document_type":"CC","document_number":"1000000001"},"attention_origin":"general_illness",)"
          R"("service_type":"elective","priority":"non_priority","patient_location":"outpatient","service":"general_medicine",)"
          R"("diagnoses":{"principal":"K359","related":[]},"clinical_justification":"Apendicitis",)"
          R"("procedures":[{"cups_code":"470101","quantity":1}],)"
          R"("requester":{"name":"Ana Lucía Ruiz","position":"Médica general","phone":"6053850000"}})",
      test::bearer(admin));
  INFO(held.body);
  REQUIRE(held.status == 201);
  REQUIRE(test::json_string(held.body, "/status") == std::optional<std::string>("pending"));
  const auto id = test::json_int(held.body, "/id");
  REQUIRE(id.has_value());
  const std::string url = "/api/v1/authorization-requests/" + std::to_string(*id);
  const auto etag = s.gateway().get(url, test::bearer(auditor)).header("ETag");
  REQUIRE(etag.has_value());

  // Issue 14 item 4: the SPA's stream goes through the gateway, which passes it as it comes; the other
  // provider's admin has a stream open too.
  const int gateway_port = s.system().gateway_port();
  test::SseClient spa("127.0.0.1", gateway_port, admin);
  test::SseClient other("127.0.0.1", gateway_port, s.provider_tokens(kOtherNit, "admin2").access);
  REQUIRE(spa.wait_for("retry:", 5s));
  REQUIRE(other.wait_for("retry:", 5s));
  auto decided = s.gateway().post_json(url + "/decision", R"({"decision":"approve"})",
                                       test::bearer(auditor, {{"If-Match", *etag}}));
  const auto decided_at = std::chrono::steady_clock::now();
  INFO(decided.body);
  REQUIRE(decided.status == 200);
  const std::string request_id_field = "\"request_id\":" + std::to_string(*id) + ",";
  REQUIRE(spa.wait_for("event: authorization_request.approved", 1s));
  CHECK(std::chrono::steady_clock::now() - decided_at < 1s);
  CHECK(spa.text().find(request_id_field) != std::string::npos);
  CHECK(spa.content_type().rfind("text/event-stream", 0) == 0);

  // A reconnection with Last-Event-ID replays what came after that id, through the gateway: the decision
  // published two events; a client that saw only the first one gets the second on reconnecting.
  REQUIRE(spa.wait_for("event: authorization_request.decided", 1s));
  std::vector<std::pair<std::string, std::string>> seen;  // (id, event type) of this request's events
  {
    const std::string text = spa.text();
    std::size_t at = 0;
    while (at < text.size()) {
      const auto end = text.find("\n\n", at);
      const std::string block = text.substr(at, end == std::string::npos ? std::string::npos : end - at);
      at = end == std::string::npos ? text.size() : end + 2;
      if (block.find(request_id_field) == std::string::npos) continue;
      auto field = [&block](const std::string& name) {
        const auto p = block.find(name + ": ");
        if (p == std::string::npos) return std::string{};
        return block.substr(p + name.size() + 2, block.find('\n', p) - p - name.size() - 2);
      };
      seen.emplace_back(field("id"), field("event"));
    }
  }
  REQUIRE(seen.size() >= 2);
  REQUIRE(!seen[0].first.empty());
  test::SseClient replay("127.0.0.1", gateway_port, admin, seen[0].first);
  CHECK(replay.wait_for("event: " + seen[1].second, 2s));
  CHECK(replay.text().find("id: " + seen[0].first + "\n") == std::string::npos);
  // Another provider's streams never carry this provider's events.
  std::this_thread::sleep_for(200ms);
  CHECK(other.text().find(request_id_field) == std::string::npos);

  // The webhook: both types, each verified by Python's hmac with the secret shown at registration.
  std::string got;
  for (int i = 0; i < 200; ++i, std::this_thread::sleep_for(25ms)) {
    got = receiver.received();
    if (got.find("authorization_request.decided") != std::string::npos &&
        got.find("authorization_request.approved") != std::string::npos)
      break;
  }
  INFO(got);
  CHECK(got.find("authorization_request.decided") != std::string::npos);
  CHECK(got.find("authorization_request.approved") != std::string::npos);
  CHECK(got.find("\"verified\": false") == std::string::npos);
  CHECK(got.find("\"verified\": true") != std::string::npos);

  auto log =
      s.gateway().get("/api/v1/webhooks/" + std::to_string(*webhook_id) + "/deliveries", test::bearer(admin));
  REQUIRE(log.status == 200);
  CHECK(test::json_string(log.body, "/items/0/status") == std::optional<std::string>("succeeded"));

  // AUT-6: the decision's e-mail to the provider's registry address, as an .eml (no SMTP in the tests).
  const auto mail_dir = std::filesystem::path(s.system().data_dir()).parent_path() / "authorizations-var" /
                        "mail" / "authorizations";
  bool mailed = false;
  for (int i = 0; i < 200 && !mailed; ++i, std::this_thread::sleep_for(25ms)) {
    if (!std::filesystem::exists(mail_dir)) continue;
    for (const auto& f : std::filesystem::directory_iterator(mail_dir)) {
      const auto eml = read_text(f.path());
      mailed = mailed || (eml.find("To: urgencias@ipsdemo.example") != std::string::npos &&
                          eml.find("multipart/alternative") != std::string::npos);
    }
  }
  CHECK(mailed);
}
