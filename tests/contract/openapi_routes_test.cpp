// Docs stay true (issue 2 §6): the set of (method, path) documented in api/openapi.yaml is exactly the
// set of routes the services register, as printed by each binary's `--list-routes`.
#include <yaml-cpp/yaml.h>

#include <array>
#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

using Route = std::pair<std::string, std::string>;  // METHOD, /path/{param}

std::string env(const char* name) {
  const char* v = std::getenv(name);
  REQUIRE(v != nullptr);
  return v;
}

// ":id" segments become "{id}", as OpenAPI writes them.
std::string to_openapi_template(const std::string& path) {
  std::string out;
  std::istringstream in(path);
  std::string segment;
  while (std::getline(in, segment, '/')) {
    if (segment.empty()) continue;
    out += "/";
    out += segment.front() == ':' ? "{" + segment.substr(1) + "}" : segment;
  }
  return out.empty() ? "/" : out;
}

std::set<Route> registered_routes(const std::string& binary) {
  std::set<Route> routes;
  const std::string cmd = env("PORTAL_BIN_DIR") + "/" + binary + " --list-routes";
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(cmd.c_str(), "r"), pclose);
  REQUIRE(pipe);
  std::array<char, 512> line{};
  while (fgets(line.data(), line.size(), pipe.get())) {
    std::istringstream ls(line.data());
    std::string method, path;
    if (!(ls >> method >> path)) continue;
    if (path.find('*') != std::string::npos) continue;  // the gateway's proxy catch-all is not an operation
    if (method == "OPTIONS" || method == "HEAD") continue;
    routes.emplace(method, to_openapi_template(path));
  }
  return routes;
}

std::set<Route> documented_routes() {
  YAML::Node doc = YAML::LoadFile(env("PORTAL_SOURCE_DIR") + "/api/openapi.yaml");
  std::set<Route> routes;
  for (const auto& path : doc["paths"]) {
    for (const auto& op : path.second) {
      std::string method = op.first.as<std::string>();
      if (method == "parameters" || method == "summary" || method == "description") continue;
      for (auto& c : method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      routes.emplace(method, path.first.as<std::string>());
    }
  }
  return routes;
}

std::string describe(const std::set<Route>& routes) {
  std::string s;
  for (const auto& [m, p] : routes) s += "  " + m + " " + p + "\n";
  return s;
}

}  // namespace

TEST_CASE("every registered route is documented in api/openapi.yaml and nothing else is") {
  std::set<Route> registered;
  for (const char* binary :
       {"portal-auth", "portal-gateway", "portal-affiliates", "portal-urgencies", "portal-authorizations",
        "portal-finance", "portal-events", "portal-inconsistencies", "portal-referrals"}) {
    auto r = registered_routes(binary);
    CAPTURE(binary);
    REQUIRE_FALSE(r.empty());
    registered.insert(r.begin(), r.end());
  }
  const auto documented = documented_routes();

  std::set<Route> undocumented, phantom;
  for (const auto& r : registered)
    if (!documented.count(r)) undocumented.insert(r);
  for (const auto& r : documented)
    if (!registered.count(r)) phantom.insert(r);
  INFO("registered but not documented:\n" << describe(undocumented));
  INFO("documented but not registered:\n" << describe(phantom));
  CHECK(undocumented.empty());
  CHECK(phantom.empty());
}

TEST_CASE("path templates convert to OpenAPI form") {
  CHECK(to_openapi_template("/api/v1/users/:id") == "/api/v1/users/{id}");
  CHECK(to_openapi_template("/healthz") == "/healthz");
}

TEST_CASE("issue 10: every creating POST (201, or 202 that starts a job) declares Idempotency-Key") {
  // Not creating a resource a retry could duplicate, or answering with a secret that must not be kept.
  const std::set<std::string> exempt = {
      "/api/v1/clients",              // the answer carries the client secret once: never stored to replay
      "/api/v1/registration/resend",  // 202: sends an e-mail, within its own per-account budget
      "/api/v1/auth/password-reset",  // 202: sends an e-mail, within its own per-account budget
      "/api/v1/webhooks",             // the answer carries the webhook secret once: never stored to replay
      // 202: a redelivery repeats an event with its webhook-id, which receivers de-duplicate by (issue 15)
      "/api/v1/webhooks/{id}/deliveries/{delivery_id}/redeliver",
      "/internal/v1/events",  // 202: idempotent by the event id itself
  };
  YAML::Node doc = YAML::LoadFile(env("PORTAL_SOURCE_DIR") + "/api/openapi.yaml");
  std::vector<std::string> missing;
  int creating = 0;
  for (const auto& path : doc["paths"]) {
    const auto name = path.first.as<std::string>();
    const auto post = path.second["post"];
    if (!post) continue;
    const auto responses = post["responses"];
    if (!responses["201"] && !responses["202"]) continue;
    if (exempt.count(name)) continue;
    ++creating;
    bool declared = false;
    for (const auto& p : post["parameters"])
      if (p["name"] && p["name"].as<std::string>() == "Idempotency-Key" &&
          p["in"].as<std::string>() == "header")
        declared = true;
    if (!declared) missing.push_back(name);
  }
  CAPTURE(missing);
  CHECK(missing.empty());
  CHECK(creating >= 8);
}
