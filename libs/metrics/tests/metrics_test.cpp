#include "portal/metrics/metrics.hpp"

#include <catch2/catch.hpp>

#include "portal/metrics/process_metrics.hpp"

using portal::metrics::Registry;

TEST_CASE("RED metrics carry the route template, method and status") {
  Registry registry("auth");
  registry.observe_request("/api/v1/users/:id", "GET", 200, 0.004);
  registry.observe_request("/api/v1/users/:id", "GET", 200, 0.002);
  registry.observe_request("unmatched", "POST", 404, 0.0001);
  const std::string text = registry.serialize();
  CHECK_THAT(
      text,
      Catch::Contains(
          R"(http_requests_total{method="GET",route="/api/v1/users/:id",service="auth",status="200"} 2)"));
  CHECK_THAT(text,
             Catch::Contains(
                 R"(http_requests_total{method="POST",route="unmatched",service="auth",status="404"} 1)"));
  CHECK_THAT(
      text,
      Catch::Contains(
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
  CHECK_THAT(text,
             Catch::Contains(R"(upstream_requests_total{service="gateway",status="200",upstream="auth"} 1)"));
  CHECK_THAT(text, Catch::Contains(
                       R"(upstream_requests_total{service="gateway",status="timeout",upstream="auth"} 1)"));
  CHECK_THAT(text, Catch::Contains(
                       R"(upstream_request_duration_seconds_count{service="gateway",upstream="auth"} 2)"));
}

TEST_CASE("services can register their own metrics in the same registry") {
  Registry registry("auth");
  auto& family = prometheus::BuildCounter().Name("logins_total").Help("logins").Register(registry.prom());
  family.Add({{"outcome", "ok"}}).Increment();
  CHECK_THAT(registry.serialize(), Catch::Contains(R"(logins_total{outcome="ok"} 1)"));
}

TEST_CASE("issue 10: process metrics, build info and requests in flight are exposed") {
  Registry registry("auth");
  registry.in_flight().Increment();
  const std::string text = registry.serialize();
  for (const char* name :
       {"# TYPE process_cpu_seconds_total counter", "# TYPE process_resident_memory_bytes gauge",
        "# TYPE process_virtual_memory_bytes gauge", "# TYPE process_open_fds gauge",
        "# TYPE process_max_fds gauge", "# TYPE process_start_time_seconds gauge",
        R"(http_requests_in_flight{service="auth"} 1)", R"(portal_build_info{revision=")"}) {
    CAPTURE(name);
    CHECK_THAT(text, Catch::Contains(name));
  }
  CHECK_THAT(text, Catch::Contains(R"(service="auth",version="0.1.0"} 1)"));
}

TEST_CASE("issue 10: /proc/<pid>/stat is read past a command name with spaces and parentheses") {
  // Fields 14/15 utime/stime = 250/150 ticks, 22 starttime = 1000 ticks, 23 vsize, 24 rss pages.
  const std::string stat =
      "4242 (my (odd) name) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 150 0 0 20 0 4 0 1000 "
      "123456789 300 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0";
  const auto s = portal::metrics::parse_proc_stat(stat, 100, 4096, 1700000000.0);
  REQUIRE(s);
  CHECK(s->cpu_seconds == Approx(4.0));
  CHECK(s->start_time_seconds == Approx(1700000010.0));
  CHECK(s->virtual_bytes == Approx(123456789.0));
  CHECK(s->resident_bytes == Approx(300.0 * 4096));
  CHECK_FALSE(portal::metrics::parse_proc_stat("garbage", 100, 4096, 0));
  CHECK_FALSE(portal::metrics::parse_proc_stat("1 (x) S 1 2", 100, 4096, 0));
}
