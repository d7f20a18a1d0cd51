#include <catch2/catch.hpp>

#include "portal/metrics/metrics.hpp"

using portal::metrics::Registry;

TEST_CASE("RED metrics carry the route template, method and status") {
  Registry registry("auth");
  registry.observe_request("/api/v1/users/:id", "GET", 200, 0.004);
  registry.observe_request("/api/v1/users/:id", "GET", 200, 0.002);
  registry.observe_request("unmatched", "POST", 404, 0.0001);
  const std::string text = registry.serialize();
  CHECK_THAT(text, Catch::Contains(
                       R"(http_requests_total{method="GET",route="/api/v1/users/:id",service="auth",status="200"} 2)"));
  CHECK_THAT(text, Catch::Contains(R"(http_requests_total{method="POST",route="unmatched",service="auth",status="404"} 1)"));
  CHECK_THAT(text, Catch::Contains(
                       R"(http_request_duration_seconds_count{method="GET",route="/api/v1/users/:id",service="auth"} 2)"));
  CHECK_THAT(text, Catch::Contains(R"(le="0.0005")"));
  CHECK_THAT(text, Catch::Contains(R"(le="10")"));
  CHECK_THAT(text, Catch::Contains("# TYPE http_request_duration_seconds histogram"));
}

TEST_CASE("upstream metrics carry the upstream and status") {
  Registry registry("gateway");
  registry.observe_upstream("auth", "200", 0.01);
  registry.observe_upstream("auth", "timeout", 5.0);
  const std::string text = registry.serialize();
  CHECK_THAT(text, Catch::Contains(R"(upstream_requests_total{service="gateway",status="200",upstream="auth"} 1)"));
  CHECK_THAT(text, Catch::Contains(R"(upstream_requests_total{service="gateway",status="timeout",upstream="auth"} 1)"));
  CHECK_THAT(text, Catch::Contains(R"(upstream_request_duration_seconds_count{service="gateway",upstream="auth"} 2)"));
}

TEST_CASE("services can register their own metrics in the same registry") {
  Registry registry("auth");
  auto& family = prometheus::BuildCounter().Name("logins_total").Help("logins").Register(registry.prom());
  family.Add({{"outcome", "ok"}}).Increment();
  CHECK_THAT(registry.serialize(), Catch::Contains(R"(logins_total{outcome="ok"} 1)"));
}
