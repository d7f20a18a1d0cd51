#include <catch2/catch.hpp>

#include "upstream.hpp"

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
