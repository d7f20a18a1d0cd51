#pragma once
// portal-events in-process on port 0 next to auth (ServiceFixture), once per database backend, with helpers
// to hand it events as a relay would and to run webhook receivers (webhook_receiver.py) on loopback.
#include <httplib.h>

#include <fstream>
#include <sstream>

#include "events_app.hpp"
#include "portal/events/event.hpp"
#include "portal/events/relay.hpp"
#include "portal/events/signature.hpp"
#include "support/service_fixture.hpp"

namespace portal::test {

inline const std::string kIngestKey = "test-forwarding-key-0123456789abcdefghij";
inline constexpr const char* kOtherProvider = "900000002";

inline std::map<std::string, std::string> events_config(std::map<std::string, std::string> extra = {}) {
  std::map<std::string, std::string> c{{"PORTAL_FORWARDING_KEY", kIngestKey},
                                       {"PORTAL_WEBHOOKS_RETRY_SCHEDULE_MS", "50,50,50"},
                                       {"PORTAL_EVENTS_POLL_MS", "50"},
                                       {"PORTAL_EVENTS_HEARTBEAT_MS", "100"},
                                       {"PORTAL_EVENTS_MAX_STREAMS_PER_CLIENT", "2"},
                                       {"PORTAL_WEBHOOKS_TIMEOUT_MS", "2000"}};
  for (auto& [k, v] : extra) c[k] = v;
  return c;
}

class EventsFixture : public ServiceFixture<events_hub::EventsApp> {
 public:
  explicit EventsFixture(std::map<std::string, std::string> extra = {})
      : ServiceFixture("2026-12-04T15:00:00Z", {"events", "PORTAL_EVENTS_", "16", events_config()}, extra) {}

  // POSTs the event to the ingest route as a relay does (signed with the shared key at the fixture's time).
  HttpResult offer(const events::Event& e, const std::string& key = kIngestKey) {
    const std::string body = events::to_json(e);
    const auto t = std::chrono::duration_cast<std::chrono::seconds>(clock.now().time_since_epoch()).count();
    return request("POST", events::kIngestPath, body, "",
                   {{events::kInternalSignatureHeader, events::internal_signature(key, t, body)}});
  }
  events::Event publish(const std::string& type, const std::string& nit = kDemoProvider,
                        const std::string& data = R"({"request_id":1})") {
    auto e = events::make_event(type, nit, data, clock.now());
    const auto r = offer(e);
    REQUIRE(r.status == 202);
    return e;
  }
  HttpResult register_webhook(const std::string& url, const std::string& token = "",
                              const std::string& types = R"(["authorization_request.approved"])",
                              const std::string& extra = "") {
    return post("/api/v1/webhooks", R"({"url":")" + url + R"(","event_types":)" + types + extra + "}",
                token.empty() ? provider_admin() : token);
  }
  // Runs the deliverer's pass now; advances the clock first so retries scheduled on it are due.
  void deliver(std::chrono::milliseconds advance = std::chrono::milliseconds{0}) {
    clock.advance(advance);
    app->deliverer().deliver_due();
  }
};

// webhook_receiver.py serving on loopback; what it received, as JSON lines.
class Receiver {
 public:
  explicit Receiver(std::vector<std::string> args = {}) : dir_("portal-webhook-receiver-") {
    std::vector<std::string> argv{std::string(PORTAL_EVENTS_TESTS_DIR) + "/webhook_receiver.py", "serve",
                                  dir_.str()};
    for (auto& a : args) argv.push_back(a);
    write("secret", "whsec_unset");
    process_ =
        std::make_unique<Process>(ProcessOptions{"/usr/bin/python3", argv, {}, dir_.str() + "/log", ""});
    for (int i = 0; i < 400 && !std::filesystem::exists(dir_.path() / "port"); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    port_ = std::stoi(read("port"));
  }
  std::string url(const std::string& host = "127.0.0.1") const {
    return "http://" + host + ":" + std::to_string(port_) + "/hooks";
  }
  void set_secret(const std::string& secret) { write("secret", secret); }
  std::vector<rapidjson::Document> received() const {
    std::vector<rapidjson::Document> out;
    std::istringstream lines(read("received.jsonl"));
    for (std::string line; std::getline(lines, line);) {
      rapidjson::Document d;
      d.Parse(line.c_str());
      out.push_back(std::move(d));
    }
    return out;
  }
  // Python's hmac says whether `signature` signs `body` (run as its own process: independent of our code).
  bool python_verifies(const std::string& secret, const std::string& id, const std::string& timestamp,
                       const std::string& signature, const std::string& body) const {
    write("body", body);
    const std::string cmd = "/usr/bin/python3 '" + std::string(PORTAL_EVENTS_TESTS_DIR) +
                            "/webhook_receiver.py' verify '" + secret + "' '" + id + "' '" + timestamp +
                            "' '" + signature + "' '" + dir_.str() + "/body'";
    return std::system(cmd.c_str()) == 0;
  }

 private:
  void write(const std::string& name, const std::string& text) const {
    std::ofstream(dir_.path() / (name + ".tmp")) << text;
    std::filesystem::rename(dir_.path() / (name + ".tmp"), dir_.path() / name);
  }
  std::string read(const std::string& name) const {
    std::ifstream in(dir_.path() / name);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }
  TempDir dir_;
  std::unique_ptr<Process> process_;
  int port_ = 0;
};

// A webhook of the demo provider for authorization_request.approved at the receiver, which then knows its
// secret.
inline service::testing::HttpResult subscribe(EventsFixture& f, Receiver& receiver) {
  auto created = f.register_webhook(receiver.url());
  REQUIRE(created.status == 201);
  receiver.set_secret(created.str("secret"));
  return created;
}

inline std::string str(const rapidjson::Value& v, const char* member) {
  return v.HasMember(member) && v[member].IsString() ? v[member].GetString() : "";
}

}  // namespace portal::test
