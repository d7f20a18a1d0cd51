#include "gateway_settings.hpp"

#include <catch2/catch.hpp>

using portal::core::Config;
using portal::gateway::settings_from_config;

TEST_CASE("gateway settings: brief defaults") {
  const auto s = settings_from_config(Config::from_text("PORTAL_SOURCE_DIR=/src\n"));
  CHECK(s.host == "127.0.0.1");
  CHECK(s.port == 8080);
  REQUIRE(s.auth_instances.size() == 1);
  CHECK(s.auth_instances[0].port == 8081);
  REQUIRE(s.affiliates_instances.size() == 1);
  CHECK(s.affiliates_instances[0].port == 8082);
  REQUIRE(s.urgencies_instances.size() == 1);
  CHECK(s.urgencies_instances[0].port == 8083);
  REQUIRE(s.authorizations_instances.size() == 1);
  CHECK(s.authorizations_instances[0].port == 8084);
  REQUIRE(s.finance_instances.size() == 1);
  CHECK(s.finance_instances[0].port == 8087);
  REQUIRE(s.referrals_instances.size() == 1);
  CHECK(s.referrals_instances[0].port == 8085);
  REQUIRE(s.events_instances.size() == 1);
  CHECK(s.events_instances[0].port == 8088);
  REQUIRE(s.inconsistencies_instances.size() == 1);
  CHECK(s.inconsistencies_instances[0].port == 8086);
  CHECK(s.cors_origins == std::vector<std::string>{"http://localhost:5173"});
  CHECK(s.max_body_bytes == 1048576);
  CHECK(s.max_import_bytes == 268435456);
  CHECK(s.openapi_file == "/src/api/openapi.yaml");
  CHECK(s.connect_timeout.count() == 300);
  CHECK(s.worker_threads >= 32);
}

TEST_CASE("gateway settings: overrides and rejected values name the key") {
  const auto s = settings_from_config(
      Config::from_text("PORTAL_GATEWAY_PORT=0\nPORTAL_CORS_ORIGINS=https://a.example, https://b.example\n"
                        "PORTAL_AUTH_URL=http://a:1,http://b:2\nPORTAL_OPENAPI_FILE=/"
                        "x.yaml\nPORTAL_UPSTREAM_READ_TIMEOUT_MS=250\n"));
  CHECK(s.port == 0);
  CHECK(s.cors_origins == std::vector<std::string>{"https://a.example", "https://b.example"});
  CHECK(s.auth_instances.size() == 2);
  CHECK(s.openapi_file == "/x.yaml");
  CHECK(s.read_timeout.count() == 250);
  CHECK(
      settings_from_config(Config::from_text("PORTAL_GATEWAY_MAX_IMPORT_BYTES=4194304\n")).max_import_bytes ==
      4194304);
  CHECK_THROWS_WITH(settings_from_config(Config::from_text("PORTAL_GATEWAY_MAX_IMPORT_BYTES=10")),
                    Catch::Contains("PORTAL_GATEWAY_MAX_IMPORT_BYTES"));
  CHECK_THROWS_WITH(settings_from_config(Config::from_text("PORTAL_GATEWAY_PORT=70000")),
                    Catch::Contains("PORTAL_GATEWAY_PORT"));
  CHECK_THROWS_WITH(settings_from_config(Config::from_text("PORTAL_AUTH_URL=ftp://x")),
                    Catch::Contains("ftp://x"));
  // Issue 9: load balancers whose X-Forwarded-For the gateway believes; none by default.
  CHECK(
      settings_from_config(Config::from_text("PORTAL_TRUSTED_PROXIES=10.0.0.0/8\n")).trusted_proxies.size() ==
      1);
  CHECK(settings_from_config(Config{}).trusted_proxies.empty());
  CHECK_THROWS_WITH(settings_from_config(Config::from_text("PORTAL_TRUSTED_PROXIES=10.0.0.0/40")),
                    Catch::Contains("PORTAL_TRUSTED_PROXIES"));
}

TEST_CASE(
    "gateway settings: the request timeout is configurable and must stay above the upstream read timeout") {
  struct Row {
    const char* config;
    long long seconds;  // 0: rejected
  };
  for (auto [text, seconds] :
       {Row{"", 30}, Row{"PORTAL_GATEWAY_REQUEST_TIMEOUT_SECONDS=900\n", 900},
        Row{"PORTAL_GATEWAY_REQUEST_TIMEOUT_SECONDS=11\n", 11},
        Row{"PORTAL_GATEWAY_REQUEST_TIMEOUT_SECONDS=10\n", 0},  // = read timeout (10 s)
        Row{"PORTAL_GATEWAY_REQUEST_TIMEOUT_SECONDS=4\n", 0},   // below the range
        Row{"PORTAL_GATEWAY_REQUEST_TIMEOUT_SECONDS=3601\n", 0},
        Row{"PORTAL_GATEWAY_REQUEST_TIMEOUT_SECONDS=abc\n", 0},
        Row{"PORTAL_GATEWAY_REQUEST_TIMEOUT_SECONDS=60\nPORTAL_UPSTREAM_READ_TIMEOUT_MS=60000\n", 0},
        Row{"PORTAL_GATEWAY_REQUEST_TIMEOUT_SECONDS=61\nPORTAL_UPSTREAM_READ_TIMEOUT_MS=60000\n", 61}}) {
    CAPTURE(text);
    if (seconds == 0) {
      CHECK_THROWS_WITH(settings_from_config(Config::from_text(text)),
                        Catch::Contains("PORTAL_GATEWAY_REQUEST_TIMEOUT_SECONDS"));
    } else {
      CHECK(settings_from_config(Config::from_text(text)).request_timeout.count() == seconds);
    }
  }
}

TEST_CASE("gateway settings: GW-6 health check interval and timeout") {
  struct Row {
    const char* config;
    long long interval_ms;  // 0: rejected, naming `key`
    long long timeout_ms;
    const char* key;
  };
  for (auto [text, interval_ms, timeout_ms, key] :
       {Row{"", 1000, 500, ""}, Row{"PORTAL_GATEWAY_HEALTH_INTERVAL_MS=250\n", 250, 500, ""},
        Row{"PORTAL_GATEWAY_HEALTH_INTERVAL_MS=50\nPORTAL_GATEWAY_HEALTH_TIMEOUT_MS=10\n", 50, 10, ""},
        Row{"PORTAL_GATEWAY_HEALTH_INTERVAL_MS=60000\nPORTAL_GATEWAY_HEALTH_TIMEOUT_MS=60000\n", 60000, 60000,
            ""},
        Row{"PORTAL_GATEWAY_HEALTH_INTERVAL_MS=49\n", 0, 0, "PORTAL_GATEWAY_HEALTH_INTERVAL_MS"},
        Row{"PORTAL_GATEWAY_HEALTH_INTERVAL_MS=60001\n", 0, 0, "PORTAL_GATEWAY_HEALTH_INTERVAL_MS"},
        Row{"PORTAL_GATEWAY_HEALTH_INTERVAL_MS=1s\n", 0, 0, "PORTAL_GATEWAY_HEALTH_INTERVAL_MS"},
        Row{"PORTAL_GATEWAY_HEALTH_TIMEOUT_MS=9\n", 0, 0, "PORTAL_GATEWAY_HEALTH_TIMEOUT_MS"},
        Row{"PORTAL_GATEWAY_HEALTH_TIMEOUT_MS=60001\n", 0, 0, "PORTAL_GATEWAY_HEALTH_TIMEOUT_MS"},
        Row{"PORTAL_GATEWAY_HEALTH_TIMEOUT_MS=abc\n", 0, 0, "PORTAL_GATEWAY_HEALTH_TIMEOUT_MS"}}) {
    CAPTURE(text);
    if (interval_ms == 0) {
      CHECK_THROWS_WITH(settings_from_config(Config::from_text(text)), Catch::Contains(key));
    } else {
      const auto s = settings_from_config(Config::from_text(text));
      CHECK(s.health_interval.count() == interval_ms);
      CHECK(s.health_timeout.count() == timeout_ms);
    }
  }
}
