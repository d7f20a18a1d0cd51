// Issue 20: the browsable API reference at /docs, through the real gateway: its files and its own
// Content-Security-Policy (only there), and the page loaded in headless Chromium (Debian's `chromium`):
// every documented operation rendered, no console error, no CSP violation, and "Try it out" reaching the
// same gateway with a bearer token.
#include <sys/wait.h>

#include <array>
#include <catch2/catch.hpp>
#include <cstdio>
#include <string>

#include "e2e_suite.hpp"
#include "support/json_fields.hpp"
#include "support/process.hpp"

using namespace portal;
using namespace portal::e2e;

namespace {

constexpr const char* kDocsPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
constexpr const char* kStrictPolicy = "default-src 'none'; frame-ancestors 'none'";

std::string run(const std::string& command) {
  std::string out;
  FILE* pipe = ::popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::array<char, 4096> buf{};
  while (const auto n = std::fread(buf.data(), 1, buf.size(), pipe)) out.append(buf.data(), n);
  ::pclose(pipe);
  return out;
}

}  // namespace

TEST_CASE("issue 20: /docs serves Swagger UI from the Debian package with its own CSP, only there",
          "[e2e][docs]") {
  auto& s = Suite::get();
  auto page = s.gateway().get("/docs");
  REQUIRE(page.status == 200);
  CHECK(page.header("Content-Type").value_or("").rfind("text/html", 0) == 0);
  CHECK(page.header("Content-Security-Policy") == std::string{kDocsPolicy});
  CHECK(page.body.find("/docs/assets/swagger-ui-bundle.js") != std::string::npos);

  auto bundle = s.gateway().get("/docs/assets/swagger-ui-bundle.js");
  REQUIRE(bundle.status == 200);
  CHECK(bundle.header("Content-Type").value_or("").rfind("text/javascript", 0) == 0);
  CHECK(bundle.body.size() > 500000);  // the packaged bundle, read from PORTAL_SWAGGER_UI_DIR
  auto css = s.gateway().get("/docs/assets/swagger-ui.css");
  REQUIRE(css.status == 200);
  CHECK(css.header("Content-Type").value_or("").rfind("text/css", 0) == 0);
  CHECK(s.gateway().get("/docs/assets/swagger-ui.js").status == 404);  // only the files the page uses

  auto spec = s.gateway().get("/docs/openapi.json");
  REQUIRE(spec.status == 200);
  CHECK(test::json_string(spec.body, "/openapi") == "3.0.3");
  CHECK(test::json_string(spec.body, "/servers/0/url") == "/");
  CHECK(spec.header("Content-Security-Policy") == std::string{kDocsPolicy});

  // Everything else keeps the strict policy (GW-5), the gateway's own pages and proxied answers alike.
  CHECK(s.gateway().get("/openapi.yaml").header("Content-Security-Policy") == std::string{kStrictPolicy});
  const auto tokens = s.provider_tokens(kDemoNit, "delegate");
  CHECK(s.gateway().get("/api/v1/me", test::bearer(tokens.access)).header("Content-Security-Policy") ==
        std::string{kStrictPolicy});
}

TEST_CASE(
    "issue 20: /docs in headless Chromium renders every operation, without CSP errors, and Try it out "
    "reaches the gateway with a bearer token",
    "[e2e][docs]") {
  auto& s = Suite::get();
  const auto tokens = s.provider_tokens(kDemoNit, "delegate");
  const std::string report = run("/usr/bin/python3 '" + test::source_dir() +
                                 "/tests/e2e/swagger_ui_browser.py' '" + s.system().gateway_url() + "' '" +
                                 tokens.access + "' '" + test::source_dir() + "/api/openapi.yaml' 2>&1");
  INFO(report);
  REQUIRE(test::is_json(report));
  CHECK_FALSE(test::json_string(report, "/error").has_value());
  const auto documented = test::json_int(report, "/documented").value_or(0);
  CHECK(documented > 55);
  CHECK(test::json_int(report, "/rendered") == documented);
  CHECK(test::json_array_size(report, "/missing") == 0u);
  CHECK(test::json_string(report, "/title").value_or("").find("Portal de Prestadores EPS") == 0);
  CHECK(test::json_array_size(report, "/csp_violations") == 0u);
  CHECK(test::json_array_size(report, "/console_errors") == 0u);
  // GET /api/v1/me executed by Swagger UI: 200 and the caller's own user, so the token went with it.
  CHECK(test::json_string(report, "/try_it_out/status") == "200");
  CHECK(test::json_string(report, "/try_it_out/body").value_or("").find("\"delegate\"") != std::string::npos);
}
