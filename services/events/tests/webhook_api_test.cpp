// Issue 15 item 3 through HTTP: webhook registration and management, signed deliveries checked by Python's
// hmac in a receiver on loopback, retries, the failure that disables an endpoint, redelivery by hand, the
// relays' ingest route, and SSRF refusals at registration and again at delivery. Once per database backend.
#include <catch2/catch.hpp>

#include "event_store.hpp"
#include "events_fixture.hpp"

using namespace portal;
using namespace portal::test;
using namespace std::chrono_literals;

namespace {

const std::map<std::string, std::string> kLoopbackAllowed{{"PORTAL_WEBHOOKS_ALLOW_PRIVATE", "true"},
                                                          {"PORTAL_WEBHOOKS_ALLOW_HTTP", "true"}};

}  // namespace

TEST_CASE("webhooks: register (secret shown once), list, get, rotate, disable; another provider's is 404",
          "[integration]") {
  EventsFixture f(kLoopbackAllowed);
  Receiver receiver;
  auto created = f.register_webhook(receiver.url(), "",
                                    R"(["authorization_request.approved","authorization_request.decided"])",
                                    R"(,"description":"HIS","contact_email":"ti@clinica.example")");
  REQUIRE(created.status == 201);
  const std::string secret = created.str("secret");
  CHECK(secret.starts_with("whsec_"));
  CHECK(created.header("Cache-Control") == "no-store");
  const std::string id = std::to_string(created.json["id"].GetInt64());
  CHECK(created.header("Location") == "/api/v1/webhooks/" + id);
  CHECK(created.str("status") == "active");

  auto list = f.get("/api/v1/webhooks", f.provider_admin());
  REQUIRE(list.status == 200);
  CHECK(list.json["total"].GetInt() == 1);
  CHECK_FALSE(list.json["items"][0].HasMember("secret"));
  auto one = f.get("/api/v1/webhooks/" + id, f.client({"authorizations"}));
  REQUIRE(one.status == 200);
  CHECK_FALSE(one.json.HasMember("secret"));
  CHECK(one.json["event_types"].Size() == 2);

  CHECK(f.get("/api/v1/webhooks/" + id, f.provider_admin(kOtherProvider, "080010000201")).status == 404);
  CHECK(f.get("/api/v1/webhooks", f.delegate({"authorizations"})).status == 403);
  CHECK(f.get("/api/v1/webhooks", f.employee("admin")).status == 403);
  CHECK(f.get("/api/v1/webhooks", "").status == 401);

  auto rotated = f.post("/api/v1/webhooks/" + id + "/rotate-secret", "", f.provider_admin());
  REQUIRE(rotated.status == 200);
  CHECK(rotated.str("secret").starts_with("whsec_"));
  CHECK(rotated.str("secret") != secret);

  auto disabled = f.post("/api/v1/webhooks/" + id + "/disable", "", f.provider_admin());
  REQUIRE(disabled.status == 200);
  CHECK(disabled.str("status") == "disabled");
  CHECK(disabled.str("disabled_reason") == "by_owner");
  auto again = f.post("/api/v1/webhooks/" + id + "/rotate-secret", "", f.provider_admin());
  CHECK(again.status == 409);
  CHECK(again.str("code") == "webhook_disabled");
  CHECK(f.count("SELECT COUNT(*) FROM audit_trail WHERE resource_type = 'webhook'") == 3);
}

TEST_CASE("webhooks: a bad registration names every bad field", "[integration]") {
  EventsFixture f(kLoopbackAllowed);
  auto r = f.post(
      "/api/v1/webhooks",
      R"({"url":"ftp://x.example","event_types":["authorization_request.approved","nope"],"contact_email":"no"})",
      f.provider_admin());
  REQUIRE(r.status == 422);
  CHECK(r.error_fields() == std::vector<std::string>{"url:scheme_not_allowed", "event_types[1]:invalid_value",
                                                     "contact_email:invalid_format"});
  auto empty = f.post("/api/v1/webhooks", "{}", f.provider_admin(), {{"Accept-Language", "en"}});
  REQUIRE(empty.status == 422);
  CHECK(empty.error_fields() == std::vector<std::string>{"url:required", "event_types:required"});
}

TEST_CASE(
    "SSRF: loopback, private, metadata, IPv6 loopback, a name resolving to loopback and plain http are "
    "refused",
    "[integration]") {
  EventsFixture f;  // the test allow-list is off
  struct Row {
    std::string url;
    const char* code;
  };
  for (const auto& [url, code] :
       {Row{"https://127.0.0.1/h", "address_not_allowed"}, Row{"https://10.0.0.7/h", "address_not_allowed"},
        Row{"https://169.254.169.254/latest/meta-data", "address_not_allowed"},
        Row{"https://[::1]:8443/h", "address_not_allowed"},
        Row{"https://[::ffff:127.0.0.1]/h", "address_not_allowed"},
        Row{"https://localhost:8443/h", "address_not_allowed"},
        Row{"http://8.8.8.8/h", "scheme_not_allowed"}}) {
    CAPTURE(url);
    auto r = f.register_webhook(url);
    REQUIRE(r.status == 422);
    CHECK(r.error_fields() == std::vector<std::string>{std::string("url:") + code});
  }
  CHECK(f.count("SELECT COUNT(*) FROM webhook_endpoints") == 0);
}

TEST_CASE("a delivery is signed as Standard Webhooks says: Python's hmac verifies it, a tampered body fails",
          "[integration]") {
  EventsFixture f(kLoopbackAllowed);
  Receiver receiver;
  auto created = f.register_webhook(receiver.url());
  REQUIRE(created.status == 201);
  const std::string secret = created.str("secret");
  receiver.set_secret(secret);
  const auto e =
      f.publish("authorization_request.approved", kDemoProvider, R"({"request_id":7,"status":"approved"})");
  f.publish("authorization_request.pending");                   // a type it did not subscribe to
  f.publish("authorization_request.approved", kOtherProvider);  // another provider's
  f.deliver();
  const auto got = receiver.received();
  REQUIRE(got.size() == 1);
  CHECK(str(got[0], "id") == e.id);
  CHECK(got[0]["verified"].GetBool());
  CHECK(str(got[0], "body") == events::to_json(e));
  CHECK(str(got[0], "signature").starts_with("v1,"));
  CHECK(receiver.python_verifies(secret, e.id, str(got[0], "timestamp"), str(got[0], "signature"),
                                 str(got[0], "body")));
  std::string tampered = str(got[0], "body");
  tampered.replace(tampered.find("approved\"}"), 8, "denied\"}");
  CHECK_FALSE(
      receiver.python_verifies(secret, e.id, str(got[0], "timestamp"), str(got[0], "signature"), tampered));

  const std::string id = std::to_string(created.json["id"].GetInt64());
  auto log = f.get("/api/v1/webhooks/" + id + "/deliveries", f.provider_admin());
  REQUIRE(log.status == 200);
  REQUIRE(log.json["total"].GetInt() == 1);
  const auto& d = log.json["items"][0];
  CHECK(str(d, "status") == "succeeded");
  CHECK(str(d, "event_id") == e.id);
  CHECK(d["attempts"].GetInt() == 1);
  CHECK(d["last_status_code"].GetInt() == 204);
  CHECK(d["last_latency_ms"].IsInt64());

  // Redelivered by hand: the same event id again, logged as a manual delivery.
  auto again =
      f.post("/api/v1/webhooks/" + id + "/deliveries/" + std::to_string(d["id"].GetInt64()) + "/redeliver",
             "", f.provider_admin());
  REQUIRE(again.status == 202);
  CHECK(again.json["manual"].GetBool());
  f.deliver();
  const auto twice = receiver.received();
  REQUIRE(twice.size() == 2);
  CHECK(str(twice[1], "id") == e.id);
  CHECK(twice[1]["verified"].GetBool());
  CHECK(f.post("/api/v1/webhooks/" + id + "/deliveries/999/redeliver", "", f.provider_admin()).status == 404);
}

TEST_CASE("retries continue after the receiver answers 500 twice, with the same webhook-id",
          "[integration]") {
  EventsFixture f(kLoopbackAllowed);
  Receiver receiver({"--fail", "2"});
  subscribe(f, receiver);
  const auto e = f.publish("authorization_request.approved");
  f.deliver();
  f.deliver();  // not due yet: nothing sent
  CHECK(receiver.received().size() == 1);
  f.deliver(60ms);
  f.deliver(60ms);
  const auto got = receiver.received();
  REQUIRE(got.size() == 3);
  for (const auto& g : got) CHECK(str(g, "id") == e.id);
  CHECK(f.count("SELECT COUNT(*) FROM webhook_deliveries WHERE status = 'succeeded' AND attempts = 3") == 1);
}

TEST_CASE("a delivery that fails for the whole schedule disables its endpoint and e-mails its contact",
          "[integration]") {
  EventsFixture f(kLoopbackAllowed);
  Receiver receiver({"--fail", "100"});
  auto created = f.register_webhook(receiver.url(), "", R"(["authorization_request.approved"])",
                                    R"(,"contact_email":"ti@clinica.example")");
  REQUIRE(created.status == 201);
  f.publish("authorization_request.approved");
  for (int i = 0; i < 5; ++i) f.deliver(60ms);
  CHECK(receiver.received().size() == 4);  // the first attempt and three retries (schedule 50,50,50 ms)
  auto one = f.get("/api/v1/webhooks/" + std::to_string(created.json["id"].GetInt64()), f.provider_admin());
  CHECK(one.str("status") == "disabled");
  CHECK(one.str("disabled_reason") == "failing");
  CHECK(f.count("SELECT COUNT(*) FROM mail_outbox WHERE recipient = 'ti@clinica.example'") == 1);
  f.publish("authorization_request.approved");  // a disabled endpoint gets nothing more
  f.deliver(60ms);
  CHECK(receiver.received().size() == 4);
}

TEST_CASE("SSRF at delivery: no redirect is followed, and the address is checked again when sending",
          "[integration]") {
  EventsFixture f(kLoopbackAllowed);
  Receiver target;
  Receiver redirecting({"--redirect", target.url()});
  auto created = f.register_webhook(redirecting.url());
  REQUIRE(created.status == 201);
  f.publish("authorization_request.approved");
  f.deliver();
  CHECK(redirecting.received().size() == 1);
  CHECK(target.received().empty());
  CHECK(f.count("SELECT COUNT(*) FROM webhook_deliveries WHERE last_status_code = 307 AND "
                "last_error = 'redirect_not_followed' AND status = 'pending'") == 1);

  // Registered while loopback was allowed; the deployment then stops allowing it: nothing is sent.
  Receiver plain;
  REQUIRE(f.register_webhook(plain.url()).status == 201);
  f.restart({{"PORTAL_WEBHOOKS_ALLOW_PRIVATE", "false"}, {"PORTAL_WEBHOOKS_ALLOW_HTTP", "true"}});
  f.publish("authorization_request.approved");
  f.deliver(60ms);
  CHECK(plain.received().empty());
  CHECK(f.count("SELECT COUNT(*) FROM webhook_deliveries WHERE last_error = 'address_not_allowed'") >= 1);
}

TEST_CASE("ingest: only the services' signed POST counts, and an event id is taken once", "[integration]") {
  EventsFixture f;
  const auto e = events::make_event("authorization_request.approved", kDemoProvider, "{}", f.clock.now());
  CHECK(f.offer(e, std::string(40, 'x')).status == 401);
  CHECK(f.request("POST", events::kIngestPath, events::to_json(e)).status == 401);
  auto first = f.offer(e);
  REQUIRE(first.status == 202);
  CHECK_FALSE(first.json["duplicate"].GetBool());
  auto second = f.offer(e);
  REQUIRE(second.status == 202);
  CHECK(second.json["duplicate"].GetBool());
  CHECK(f.count("SELECT COUNT(*) FROM events") == 1);
  auto bad = f.offer(events::Event{"evt_1", "Not A Type", kDemoProvider, f.clock.now(), "{}"});
  CHECK(bad.status == 422);
}

TEST_CASE(
    "a deliverer that dies mid-delivery: after its lease the event is delivered with the same webhook-id",
    "[integration]") {
  EventsFixture f(kLoopbackAllowed);
  Receiver receiver({"--fail", "1"});
  subscribe(f, receiver);
  const auto e = f.publish("authorization_request.approved");
  f.deliver();  // the first attempt: 500, retried 50 ms later
  REQUIRE(receiver.received().size() == 1);
  // A deliverer claims the retry and dies before recording anything (as a SIGKILL would leave it).
  const auto claimed = f.app->database().write([&](db::Connection& c) {
    return events_hub::store::claim_due(c, f.clock.now() + 60ms, std::chrono::minutes(2), 10);
  });
  REQUIRE(claimed.size() == 1);
  f.restart(kLoopbackAllowed);
  f.deliver(60ms);
  CHECK(receiver.received().size() == 1);  // still leased to the dead deliverer
  f.deliver(std::chrono::minutes(2));
  const auto got = receiver.received();
  REQUIRE(got.size() == 2);
  CHECK(str(got[1], "id") == e.id);
  CHECK(got[1]["verified"].GetBool());
  CHECK(f.count("SELECT COUNT(*) FROM webhook_deliveries WHERE status = 'succeeded' AND attempts = 2") == 1);
}

TEST_CASE(
    "retention: events and finished deliveries older than PORTAL_EVENTS_RETENTION_DAYS go, pending ones stay",
    "[integration]") {
  EventsFixture f(kLoopbackAllowed);
  Receiver ok;
  Receiver failing({"--fail", "100"});
  subscribe(f, ok);
  subscribe(f, failing);
  f.publish("authorization_request.approved");
  f.deliver();
  CHECK(f.count("SELECT COUNT(*) FROM webhook_deliveries WHERE status = 'succeeded'") == 1);
  f.clock.advance(std::chrono::days(31));
  f.publish("authorization_request.approved");  // a recent one stays
  CHECK(f.app->deliverer().purge_old() == 0);   // the old event still has a pending delivery (failing)
  // Its finished delivery (to `ok`) is gone; its pending one stays.
  CHECK(f.count("SELECT COUNT(*) FROM webhook_deliveries WHERE event_seq = (SELECT MIN(seq) FROM events)") ==
        1);
  f.app->deliverer().stop();  // no attempt in flight may set a delivery back to pending
  f.app->database().write([](db::Connection& c) {
    return c.exec("UPDATE webhook_deliveries SET status = 'failed', next_attempt_at = NULL");
  });
  CHECK(f.app->deliverer().purge_old() == 1);
  CHECK(f.count("SELECT COUNT(*) FROM events") == 1);
}
