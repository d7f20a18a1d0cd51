#include "portal/service/config_options.hpp"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

using portal::core::Config;
using portal::core::LogLevel;
namespace service = portal::service;

namespace {

constexpr service::ServerSettings kSettings{.service = "example",
                                            .port_key = "PORTAL_EXAMPLE_PORT",
                                            .default_port = 8089,
                                            .workers_key = "PORTAL_EXAMPLE_WORKERS",
                                            .default_workers = 12,
                                            .io_threads_key = "PORTAL_EXAMPLE_IO_THREADS",
                                            .default_io_threads = 3};

}  // namespace

TEST_CASE("log_level reads PORTAL_LOG_LEVEL, info unless debug, warn(ing) or error") {
  struct Row {
    const char* config;
    LogLevel level;
  };
  for (auto [text, level] :
       {Row{"", LogLevel::info}, Row{"PORTAL_LOG_LEVEL=debug", LogLevel::debug},
        Row{"PORTAL_LOG_LEVEL=info", LogLevel::info}, Row{"PORTAL_LOG_LEVEL=warn", LogLevel::warn},
        Row{"PORTAL_LOG_LEVEL=error", LogLevel::error}, Row{"PORTAL_LOG_LEVEL=warning", LogLevel::warn},
        Row{"PORTAL_LOG_LEVEL=DEBUG", LogLevel::info}}) {
    CAPTURE(text);
    CHECK(service::log_level(Config::from_text(text)) == level);
  }
}

TEST_CASE("split_list trims spaces and tabs and drops blank items") {
  struct Row {
    const char* text;
    std::vector<std::string> items;
  };
  for (const auto& [text, items] :
       {Row{"", {}}, Row{"a", {"a"}}, Row{"a,b", {"a", "b"}}, Row{" a ,\tb\t, c", {"a", "b", "c"}},
        Row{"a,,b,", {"a", "b"}}, Row{" , ,", {}},
        Row{"http://x:1, http://y:2", {"http://x:1", "http://y:2"}},
        Row{"two words, x", {"two words", "x"}}}) {
    CAPTURE(text);
    CHECK(service::split_list(text) == items);
  }
}

TEST_CASE("server_options without keys takes the defaults") {
  const auto o = service::server_options(Config{}, kSettings);
  CHECK(o.service_name == "example");
  CHECK(o.host == "127.0.0.1");
  CHECK(o.port == 8089);
  CHECK(o.max_body_bytes == 1048576);
  CHECK(o.cors_origins == std::vector<std::string>{"http://localhost:5173"});
  CHECK(o.worker_threads == 12);
  CHECK(o.io_threads == 3);
}

TEST_CASE("server_options reads the shared keys and the service's own") {
  const auto o =
      service::server_options(Config::from_text("PORTAL_HOST=0.0.0.0\n"
                                                "PORTAL_EXAMPLE_PORT=0\n"
                                                "PORTAL_MAX_BODY_BYTES=2048\n"
                                                "PORTAL_CORS_ORIGINS=https://a.example, https://b.example\n"
                                                "PORTAL_EXAMPLE_WORKERS=5\n"
                                                "PORTAL_EXAMPLE_IO_THREADS=1\n"
                                                "PORTAL_AUTH_PORT=1234\n"),
                              kSettings);
  CHECK(o.host == "0.0.0.0");
  CHECK(o.port == 0);
  CHECK(o.max_body_bytes == 2048);
  CHECK(o.cors_origins == std::vector<std::string>{"https://a.example", "https://b.example"});
  CHECK(o.worker_threads == 5);
  CHECK(o.io_threads == 1);
}

TEST_CASE("server_options without an I/O threads key keeps the http::ServerOptions default") {
  const service::ServerSettings settings{.service = "auth",
                                         .port_key = "PORTAL_AUTH_PORT",
                                         .default_port = 8081,
                                         .workers_key = "PORTAL_AUTH_WORKERS",
                                         .default_workers = 8};
  const auto o = service::server_options(Config::from_text("PORTAL_AUTH_IO_THREADS=7\n"), settings);
  CHECK(o.port == 8081);
  CHECK(o.worker_threads == 8);
  CHECK(o.io_threads == portal::http::ServerOptions{}.io_threads);
}

TEST_CASE("server_options rejects a non-numeric port, naming the key") {
  CHECK_THROWS_WITH(service::server_options(Config::from_text("PORTAL_EXAMPLE_PORT=http\n"), kSettings),
                    Catch::Contains("PORTAL_EXAMPLE_PORT"));
}

TEST_CASE("upstream_options parses http://host[:port], first of a list, a trailing slash") {
  struct Row {
    const char* url;  // empty: the key is not set
    const char* host;
    int port;
  };
  for (auto [url, host, port] :
       {Row{"", "127.0.0.1", 8081}, Row{"http://auth.internal:9000", "auth.internal", 9000},
        Row{"http://h", "h", 80}, Row{"http://a:1,http://b:2", "a", 1}, Row{"http://a:1/", "a", 1},
        Row{"http://a:65535", "a", 65535}, Row{" http://a:2 , http://b:3", "a", 2}}) {
    CAPTURE(url);
    Config config;
    if (*url) config.set("PORTAL_AUTH_URL", url);
    const auto o = service::upstream_options(config, "PORTAL_AUTH_URL", "http://127.0.0.1:8081", "auth");
    CHECK(o.name == "auth");
    CHECK(o.host == host);
    CHECK(o.port == port);
    CHECK(o.read_timeout == portal::http::ClientOptions{}.read_timeout);
  }
}

TEST_CASE("upstream_options takes the read timeout it is given") {
  const auto o = service::upstream_options(Config{}, "PORTAL_AFFILIATES_URL", "http://127.0.0.1:8082",
                                           "affiliates", std::chrono::milliseconds(3000));
  CHECK(o.host == "127.0.0.1");
  CHECK(o.port == 8082);
  CHECK(o.name == "affiliates");
  CHECK(o.read_timeout == std::chrono::milliseconds(3000));
}

TEST_CASE("upstream_options rejects anything but http://host[:port], naming the key and the URL") {
  for (const char* url :
       {"https://x", "x:80", "", "HTTP://x", "http://", "http://:80", "http://a:0", "http://a:65536",
        "http://a:8o", "http://a:", "http://a/api", "http://a:1/api/v1"}) {
    CAPTURE(url);
    Config config;
    config.set("PORTAL_AUTH_URL", url);
    CHECK_THROWS_AS(service::upstream_options(config, "PORTAL_AUTH_URL", "http://127.0.0.1:8081", "auth"),
                    std::invalid_argument);
    CHECK_THROWS_WITH(service::upstream_options(config, "PORTAL_AUTH_URL", "http://127.0.0.1:8081", "auth"),
                      Catch::StartsWith("PORTAL_AUTH_URL: invalid upstream URL '" + std::string(url) + "'"));
  }
}

TEST_CASE("database_options: PORTAL_<SERVICE>_DATABASE_URL and pool sizes, errors naming the key") {
  const auto defaults = service::database_options(Config(), "urgencies", "var");
  CHECK(defaults.url == "sqlite:var/urgencies.db");
  CHECK(defaults.write_connections == 16);
  CHECK(defaults.read_connections == 4);
  const auto pg = service::database_options(
      Config::from_text("PORTAL_URGENCIES_DATABASE_URL=postgresql://portal@127.0.0.1:5432/portal_urgencies\n"
                        "PORTAL_URGENCIES_DATABASE_POOL=32\nPORTAL_URGENCIES_DATABASE_READERS=8\n"),
      "urgencies", "var");
  CHECK(pg.url == "postgresql://portal@127.0.0.1:5432/portal_urgencies");
  CHECK(pg.write_connections == 32);
  CHECK(pg.read_connections == 8);
  struct Row {
    const char* key;
    const char* value;
  };
  for (const auto& [key, value] :
       {Row{"PORTAL_AUTH_DATABASE_URL", "mysql://x/y"}, Row{"PORTAL_AUTH_DATABASE_URL", ":memory:"},
        Row{"PORTAL_AUTH_DATABASE_POOL", "0"}, Row{"PORTAL_AUTH_DATABASE_POOL", "many"},
        Row{"PORTAL_AUTH_DATABASE_READERS", "501"}}) {
    CAPTURE(key, value);
    CHECK_THROWS_WITH(
        service::database_options(Config::from_text(std::string(key) + "=" + value + "\n"), "auth", "var"),
        Catch::Contains(key));
  }
}

TEST_CASE(
    "issue 9: trusted proxies, forwarding key and revocation poll are read and checked, naming the key") {
  const auto o =
      service::server_options(Config::from_text("PORTAL_TRUSTED_PROXIES=10.0.0.0/8, ::1\n"), kSettings);
  CHECK(o.trusted_proxies.size() == 2);
  CHECK(service::server_options(Config{}, kSettings).trusted_proxies.empty());  // nobody by default
  CHECK_THROWS_WITH(
      service::server_options(Config::from_text("PORTAL_TRUSTED_PROXIES=10.0.0.0/8,gateway\n"), kSettings),
      Catch::Contains("PORTAL_TRUSTED_PROXIES") && Catch::Contains("gateway"));

  CHECK(service::forwarding_key(Config::from_text("PORTAL_FORWARDING_KEY=" + std::string(32, 'k') + "\n")) ==
        std::string(32, 'k'));
  CHECK_THROWS_WITH(service::forwarding_key(Config::from_text("PORTAL_FORWARDING_KEY=short\n")),
                    Catch::Contains("PORTAL_FORWARDING_KEY"));
  // Without the key, processes sharing a data directory share a generated one (0600).
  const auto dir = std::filesystem::temp_directory_path() / ("portal-fwd-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  const auto config = Config::from_text("PORTAL_DATA_DIR=" + dir.string() + "\n");
  const auto first = service::forwarding_key(config);
  CHECK(first.size() >= 32);
  CHECK(service::forwarding_key(config) == first);
  CHECK((std::filesystem::status(dir / "keys" / "forwarding.key").permissions() &
         std::filesystem::perms::group_all) == std::filesystem::perms::none);
  std::filesystem::remove_all(dir);

  CHECK(service::revocation_options(Config{}).poll_every.count() == 1000);
  CHECK(
      service::revocation_options(Config::from_text("PORTAL_REVOCATION_POLL_MS=250\n")).poll_every.count() ==
      250);
  for (const char* bad : {"PORTAL_REVOCATION_POLL_MS=0\n", "PORTAL_REVOCATION_POLL_MS=600000\n"})
    CHECK_THROWS_WITH(service::revocation_options(Config::from_text(bad)),
                      Catch::Contains("PORTAL_REVOCATION_POLL_MS"));
}
