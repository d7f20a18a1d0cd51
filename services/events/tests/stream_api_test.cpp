// Issue 15 item 4, directly against portal-events (the gateway streams once its new front lands): the SSE
// stream carries a decision's event within 1 s, replays after Last-Event-ID, never carries another
// provider's events, sends heartbeats, ends when the token expires, and is bounded per client.
#include <catch2/catch.hpp>

#include "events_fixture.hpp"
#include "support/sse_client.hpp"

using namespace portal;
using namespace portal::test;
using namespace std::chrono_literals;

namespace {

// The SPA-like client, on the service's own port.
class Spa : public test::SseClient {
 public:
  Spa(int port, const std::string& token, const std::string& last_event_id = "")
      : test::SseClient("127.0.0.1", port, token, last_event_id) {}
};

}  // namespace

TEST_CASE("SSE: the approved event arrives within 1 s; another provider's never does", "[integration]") {
  EventsFixture f;
  Spa spa(f.app->port(), f.provider_admin());
  REQUIRE(spa.wait_for("retry: 3000", 2s));
  CHECK(spa.status() == 200);
  CHECK(spa.content_type().starts_with("text/event-stream"));
  const auto other = f.publish("authorization_request.approved", kOtherProvider);
  const auto started = std::chrono::steady_clock::now();
  const auto mine = f.publish("authorization_request.approved", kDemoProvider, R"({"request_id":42})");
  REQUIRE(spa.wait_for("id: " + mine.id, 1s));
  CHECK(std::chrono::steady_clock::now() - started < 1s);
  CHECK(spa.text().find("event: authorization_request.approved\ndata: " + events::to_json(mine) + "\n\n") !=
        std::string::npos);
  CHECK(spa.wait_for(": heartbeat", 1s));  // PORTAL_EVENTS_HEARTBEAT_MS=100 in the tests
  CHECK(spa.text().find(other.id) == std::string::npos);
  CHECK(spa.text().find(kOtherProvider) == std::string::npos);

  // An auditor sees every provider's; a delegate without the module sees none of these.
  Spa auditor(f.app->port(), f.employee("auditor"));
  Spa payments_only(f.app->port(), f.delegate({"payments"}));
  REQUIRE(auditor.wait_for("retry:", 2s));
  REQUIRE(payments_only.wait_for("retry:", 2s));
  const auto third = f.publish("authorization_request.decided", kOtherProvider);
  const auto fourth = f.publish("authorization_request.decided", kDemoProvider);
  CHECK(auditor.wait_for(third.id, 1s));
  CHECK(auditor.wait_for(fourth.id, 1s));
  CHECK(payments_only.wait_for(": heartbeat", 1s));
  CHECK(payments_only.text().find(fourth.id) == std::string::npos);
}

TEST_CASE("SSE: reconnecting with Last-Event-ID replays what the client missed", "[integration]") {
  EventsFixture f;
  const auto a = f.publish("authorization_request.pending");
  const auto b = f.publish("authorization_request.approved");
  const auto c = f.publish("authorization_request.decided");
  Spa resumed(f.app->port(), f.provider_admin(), a.id);
  REQUIRE(resumed.wait_for(c.id, 2s));
  const auto text = resumed.text();
  CHECK(text.find(a.id) == std::string::npos);
  CHECK(text.find(b.id) < text.find(c.id));
  // Without Last-Event-ID a stream starts with what comes next.
  Spa fresh(f.app->port(), f.provider_admin());
  REQUIRE(fresh.wait_for(": heartbeat", 2s));
  CHECK(fresh.text().find(b.id) == std::string::npos);
}

TEST_CASE("SSE: the stream ends when the token expires; streams per client are bounded", "[integration]") {
  EventsFixture f;
  const auto token = f.provider_admin();
  Spa first(f.app->port(), token);
  Spa second(f.app->port(), token);
  REQUIRE(first.wait_for("retry:", 2s));
  REQUIRE(second.wait_for("retry:", 2s));
  Spa third(f.app->port(), token);
  const bool refused = third.wait_ended(2s);
  INFO(third.status() << " " << third.text());
  REQUIRE(refused);
  CHECK(third.status() == 429);
  CHECK(third.text().find("too_many_streams") != std::string::npos);

  f.clock.advance(901s);  // test tokens live 900 s
  CHECK(first.wait_ended(2s));
  CHECK(second.wait_ended(2s));
  CHECK(first.text().find(": token expired") != std::string::npos);
  bool closed = false;
  for (int i = 0; i < 100 && !closed; ++i, std::this_thread::sleep_for(10ms))
    closed = f.get("/metrics", "").body.find("events_sse_streams{service=\"events\"} 0") != std::string::npos;
  CHECK(closed);
}
