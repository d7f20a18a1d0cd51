#include "upstream.hpp"

#include <catch2/catch.hpp>

#include "portal/metrics/metrics.hpp"
#include "upstream_health_metrics.hpp"

using portal::gateway::parse_upstream_urls;
using portal::gateway::UpstreamInstance;

TEST_CASE("GW-6 upstream URL lists") {
  using List = std::vector<UpstreamInstance>;
  CHECK(parse_upstream_urls("http://127.0.0.1:8081") == List{{"127.0.0.1", 8081}});
  CHECK(parse_upstream_urls("http://127.0.0.1:8081/, http://auth-2:9000 ,") ==
        List{{"127.0.0.1", 8081}, {"auth-2", 9000}});
  CHECK(parse_upstream_urls("http://auth") == List{{"auth", 80}});
  for (const char* bad : {"", " , ", "127.0.0.1:8081", "https://auth:443", "http://:80", "http://auth:0",
                          "http://auth:70000", "http://auth:80x", "http://auth:8081/api"}) {
    CAPTURE(bad);
    CHECK_THROWS_AS(parse_upstream_urls(bad), std::invalid_argument);
  }
}

TEST_CASE("GW-6 which requests may be repeated on another instance") {
  using portal::http::Headers;
  using portal::http::Method;
  struct Row {
    Method method;
    Headers headers;
    bool repeatable;
  };
  for (const auto& [method, headers, repeatable] :
       {Row{Method::get, {}, true}, Row{Method::head, {}, true}, Row{Method::post, {}, false},
        Row{Method::put, {}, false}, Row{Method::patch, {}, false}, Row{Method::del, {}, false},
        Row{Method::post, {{"Idempotency-Key", "k-1"}}, true},
        Row{Method::patch, {{"idempotency-key", "k-1"}}, true},
        Row{Method::put, {{"Idempotency-Key", "k-1"}}, true},
        Row{Method::del, {{"Idempotency-Key", "k-1"}}, true},
        Row{Method::post, {{"Idempotency-Key", ""}}, false}}) {
    CAPTURE(portal::http::to_string(method), headers.size());
    CHECK(portal::gateway::repeatable_request(method, headers) == repeatable);
  }
}

TEST_CASE("GW-6 after which failures a request goes to the next instance") {
  using portal::http::ClientError;
  struct Row {
    ClientError error;
    bool sent;
    bool repeatable;
    bool next;
  };
  for (auto [error, sent, repeatable, next] : {
           // Nothing reached the instance: any method may go on.
           Row{ClientError::connect_failed, false, false, true},
           Row{ClientError::circuit_open, false, false, true},
           // The request may have been acted on: only a repeatable one, and only if the connection broke.
           Row{ClientError::protocol, true, false, false},
           Row{ClientError::protocol, true, true, true},
           Row{ClientError::connect_failed, true, false, false},  // the library's own retry was refused
           Row{ClientError::connect_failed, true, true, true},
           Row{ClientError::timeout, true, true, false},
           Row{ClientError::timeout, true, false, false},
           Row{ClientError::too_large, true, true, false},
       }) {
    CAPTURE(portal::http::to_string(error), sent, repeatable);
    portal::http::ClientResult result;
    result.error = error;
    result.sent = sent;
    CHECK(portal::gateway::try_next_instance(result, repeatable) == next);
  }
  portal::http::ClientResult answered;
  answered.response = portal::http::ClientResponse{500, {}, {}};
  answered.sent = true;
  CHECK_FALSE(portal::gateway::try_next_instance(answered, true));  // an answer, even a 5xx, is final
}

TEST_CASE("GW-6 ejection and readmission: counted once, and a check older than an ejection cannot undo it") {
  portal::metrics::Registry registry("gateway");
  portal::gateway::UpstreamHealthMetrics metrics(registry);
  portal::gateway::Upstream upstream("urgencies",
                                     {{"10.0.0.1", 8083}, {"10.0.0.2", 8083}, {"10.0.0.3", 8083}},
                                     portal::http::ClientOptions{}, &metrics);
  const auto exposition = [&] { return registry.serialize(); };
  const std::string gauge = R"(upstream_healthy_instances{service="gateway",upstream="urgencies"} )";
  const std::string by_failure =
      R"(upstream_ejections_total{service="gateway",instance="10.0.0.2:8083",reason="connection_failure",upstream="urgencies"} )";
  const std::string by_check =
      R"(upstream_ejections_total{service="gateway",instance="10.0.0.2:8083",reason="health_check",upstream="urgencies"} )";
  INFO(exposition());
  CHECK(upstream.healthy_count() == 3);
  CHECK(exposition().find(gauge + "3") != std::string::npos);
  CHECK(exposition().find(by_failure + "0") != std::string::npos);

  const auto before = upstream.failure_epoch(1);
  upstream.eject(1, portal::gateway::Ejection::connection_failure);
  upstream.eject(1, portal::gateway::Ejection::health_check);  // already out: not a second ejection
  CHECK_FALSE(upstream.healthy(1));
  CHECK(upstream.healthy_count() == 2);
  CHECK(exposition().find(gauge + "2") != std::string::npos);
  CHECK(exposition().find(by_failure + "1") != std::string::npos);
  CHECK(exposition().find(by_check + "0") != std::string::npos);

  upstream.readmit(1, before);  // that check started before the failures: stays out
  CHECK_FALSE(upstream.healthy(1));
  upstream.readmit(1, upstream.failure_epoch(1));
  CHECK(upstream.healthy(1));
  CHECK(upstream.healthy_count() == 3);
  CHECK(exposition().find(gauge + "3") != std::string::npos);
  upstream.readmit(1, upstream.failure_epoch(1));  // already in: no change
  CHECK(upstream.healthy_count() == 3);
}
