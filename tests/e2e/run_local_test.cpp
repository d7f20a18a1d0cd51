// OPS-1 and issue 2 "Done when": `make run`'s script brings auth and the gateway up with demo data,
// a demo login through the gateway verifies against /.well-known/jwks.json (deploy/demo-login.sh, curl
// and openssl only), and SIGTERM to the script stops every service. Issue 8: the same with
// PORTAL_DB=postgresql, where the script also sets up, starts and stops a local PostgreSQL.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <thread>

#include "support/http_client.hpp"
#include "support/process.hpp"

using namespace portal;
using namespace std::chrono_literals;

namespace {

// A TCP connection to 127.0.0.1:port is accepted (PostgreSQL speaks no HTTP, so an HTTP probe cannot tell).
bool accepts_connections(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  ::close(fd);
  return ok;
}

}  // namespace

TEST_CASE("deploy/run-local.sh runs the demo, demo-login.sh verifies a login, SIGTERM stops it all",
          "[e2e][run-local]") {
  const std::string database = GENERATE(as<std::string>{}, "sqlite", "postgresql");
  CAPTURE(database);
  test::TempDir dir("portal-run-local");
  // As root the PostgreSQL server runs as the postgres user, who must reach var/postgres inside it.
  std::filesystem::permissions(dir.str(),
                               std::filesystem::perms::others_read | std::filesystem::perms::others_exec,
                               std::filesystem::perm_options::add);
  const int postgres_port = test::free_port();
  const int auth_port = test::free_port();
  const int gateway_port = test::free_port();
  const std::string gateway_url = "http://127.0.0.1:" + std::to_string(gateway_port);
  const std::string bin_dir =
      test::binary_path("portal-auth").substr(0, test::binary_path("portal-auth").rfind('/'));
  test::Process run({"/bin/bash",
                     {test::source_dir() + "/deploy/run-local.sh", bin_dir},
                     {{"PORTAL_DATA_DIR", dir.str() + "/var"},
                      {"PORTAL_AUTH_PORT", std::to_string(auth_port)},
                      {"PORTAL_GATEWAY_PORT", std::to_string(gateway_port)},
                      {"PORTAL_AFFILIATES_PORT", std::to_string(test::free_port())},
                      {"PORTAL_URGENCIES_PORT", std::to_string(test::free_port())},
                      {"PORTAL_AUTHORIZATIONS_PORT", std::to_string(test::free_port())},
                      {"PORTAL_FINANCE_PORT", std::to_string(test::free_port())},
                      {"PORTAL_EVENTS_PORT", std::to_string(test::free_port())},
                      {"PORTAL_INCONSISTENCIES_PORT", std::to_string(test::free_port())},
                      {"PORTAL_DB", database},
                      {"PORTAL_POSTGRES_PORT", std::to_string(postgres_port)}},
                     dir.str() + "/run-local.log",
                     dir.str()});
  INFO(run.log_tail());
  REQUIRE(run.wait_ready(gateway_url, 30s));
  // The whole banner (it grows with every service's examples), not the default 4,000-byte tail.
  constexpr std::size_t kBanner = 16000;
  for (int i = 0; i < 100 && run.log_tail(kBanner).find("Ctrl-C") == std::string::npos; ++i)
    std::this_thread::sleep_for(20ms);
  const auto banner = run.log_tail(kBanner);
  CHECK(banner.find(gateway_url) != std::string::npos);
  CHECK(banner.find("Demo.2026") != std::string::npos);
  CHECK(banner.find("900000001") != std::string::npos);
  CHECK(banner.find("demo-his-secret-2026") != std::string::npos);
  CHECK(banner.find("Database: " + database) != std::string::npos);
  CHECK(accepts_connections(postgres_port) == (database == "postgresql"));

  test::Process demo({"/bin/bash",
                      {test::source_dir() + "/deploy/demo-login.sh", gateway_url},
                      {},
                      dir.str() + "/demo-login.log",
                      dir.str()});
  for (int i = 0; i < 500 && demo.running(); ++i) std::this_thread::sleep_for(20ms);
  INFO(demo.log_tail());
  CHECK(demo.exit_code() == std::optional<int>(0));
  CHECK(demo.log_tail().find("OK: the token's RS256 signature verifies") != std::string::npos);

  ::kill(run.pid(), SIGTERM);  // the script only: its trap must stop the services
  for (int i = 0; i < 500 && run.running(); ++i) std::this_thread::sleep_for(20ms);
  CHECK(run.exit_code() == std::optional<int>(0));
  CHECK(test::HttpClient(gateway_url).get("/healthz").status == 0);
  CHECK(test::HttpClient("http://127.0.0.1:" + std::to_string(auth_port)).get("/healthz").status == 0);
  if (database == "postgresql") {  // the script stopped its server too: nothing listens on its port
    CHECK_FALSE(accepts_connections(postgres_port));
  }
}
