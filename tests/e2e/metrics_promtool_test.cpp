// Issue 10: every process's /metrics passes Prometheus's own linter, `promtool check metrics` (Debian
// `prometheus`): counters end in _total, no reserved or misleading names, help text on every family.
#include <sys/wait.h>

#include <array>
#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>
#include <memory>
#include <string>

#include "e2e_suite.hpp"
#include "support/process.hpp"

using namespace portal;
using namespace portal::e2e;

namespace {

struct Lint {
  int exit_code = -1;
  std::string output;
};

Lint promtool_check(const std::string& exposition, const std::string& dir) {
  const std::string file = dir + "/metrics.txt";
  std::ofstream(file, std::ios::binary) << exposition;
  Lint lint;
  FILE* pipe = ::popen(("promtool check metrics < '" + file + "' 2>&1").c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::array<char, 4096> buf{};
  while (const auto n = std::fread(buf.data(), 1, buf.size(), pipe)) lint.output.append(buf.data(), n);
  const int status = ::pclose(pipe);
  lint.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return lint;
}

}  // namespace

TEST_CASE("issue 10: promtool check metrics passes on every process's /metrics", "[e2e][metrics]") {
  auto& s = Suite::get();
  // Traffic first, so the labelled series (routes, outcomes, upstreams) are in the expositions.
  const auto tokens = s.provider_tokens(kDemoNit, "admin");
  CHECK(s.gateway().get("/api/v1/me", test::bearer(tokens.access)).status == 200);
  CHECK(
      s.gateway()
          .get("/api/v1/affiliates?document_type=CC&document_number=1000000001", test::bearer(tokens.access))
          .status == 200);
  CHECK(s.gateway().get("/api/v1/urgencies", test::bearer(tokens.access)).status == 200);
  CHECK(s.gateway().get("/api/v1/authorization-requests", test::bearer(tokens.access)).status == 200);
  CHECK(s.gateway().get("/api/v1/referrals", test::bearer(tokens.access)).status == 200);
  CHECK(
      s.gateway().get("/api/v1/payments?from=2026-01-01&to=2026-12-31", test::bearer(tokens.access)).status ==
      200);

  test::TempDir dir("promtool");
  const std::pair<const char*, std::string> processes[] = {
      {"gateway", s.system().gateway_url()},
      {"auth", s.system().auth_url()},
      {"affiliates", s.system().affiliates_url()},
      {"urgencies", s.system().urgencies_url()},
      {"authorizations", s.system().authorizations_url()},
      {"finance", s.system().finance_url()},      // issue 18
      {"referrals", s.system().referrals_url()},  // issue 16
      {"events", s.system().events_url()}};       // issue 15
  for (const auto& [name, url] : processes) {
    CAPTURE(name, url);
    test::HttpClient client(url);
    client.set_observer(s.contract_observer());
    const auto metrics = client.get("/metrics");
    REQUIRE(metrics.status == 200);
    CHECK(metrics.body.find("# TYPE") != std::string::npos);
    const auto lint = promtool_check(metrics.body, dir.str());
    INFO("promtool says:\n" << lint.output);
    CHECK(lint.exit_code == 0);
    CHECK(lint.output.empty());
  }
}

TEST_CASE("issue 10: promtool is not a rubber stamp", "[e2e][metrics]") {
  // A counter without _total: if promtool accepted it, the check above would prove nothing. (It does accept
  // the old urgency_group_commit gauge with its `total` label: the urgencies metrics test pins that fix.)
  test::TempDir dir("promtool-bad");
  const auto lint = promtool_check(
      "# HELP urgency_group_commit totals\n# TYPE urgency_group_commit counter\n"
      "urgency_group_commit{total=\"jobs\"} 3\n",
      dir.str());
  INFO(lint.output);
  CHECK(lint.exit_code != 0);
}
