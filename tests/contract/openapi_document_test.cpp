// Issue 10: rules of api/openapi.yaml that a generic linter does not know.
#include <yaml-cpp/yaml.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <set>
#include <string>

#include "portal/http/problem_types.hpp"

namespace {

YAML::Node document() {
  const char* source = std::getenv("PORTAL_SOURCE_DIR");
  REQUIRE(source != nullptr);
  return YAML::LoadFile(std::string(source) + "/api/openapi.yaml");
}

const std::set<std::string> kMethods = {"get", "put", "post", "delete", "patch", "head"};

template <typename F>
void for_each_operation(const YAML::Node& doc, F f) {
  for (const auto& path : doc["paths"])
    for (const auto& op : path.second)
      if (kMethods.count(op.first.as<std::string>()))
        f(path.first.as<std::string>(), op.first.as<std::string>(), op.second, path.second);
}

}  // namespace

TEST_CASE("issue 10: every operation the gateway serves documents its 413 (the gateway's body limit)") {
  // The gateway refuses any request whose body exceeds PORTAL_MAX_BODY_BYTES before a route runs, so
  // every operation reached through it can answer 413; /internal/* is not routed by the gateway.
  int checked = 0;
  for_each_operation(document(), [&](const std::string& path, const std::string& method, const YAML::Node& op,
                                     const YAML::Node&) {
    if (path.rfind("/internal/", 0) == 0) return;
    CAPTURE(method, path);
    CHECK(op["responses"]["413"]);
    ++checked;
  });
  CHECK(checked > 40);
}

TEST_CASE("issue 10: integer path ids are positive int64 in the schema, and their 400 is documented") {
  int ids = 0;
  for_each_operation(document(), [&](const std::string& path, const std::string& method, const YAML::Node& op,
                                     const YAML::Node& item) {
    for (const auto* list : {&op, &item}) {
      const auto params = (*list)["parameters"];
      if (!params) continue;
      for (const auto& p : params) {
        if (p["in"].as<std::string>("") != "path" || !p["schema"]) continue;
        if (p["schema"]["type"].as<std::string>("") != "integer") continue;
        CAPTURE(method, path, p["name"].as<std::string>());
        ++ids;
        CHECK_FALSE(p["minimum"]);  // beside `schema:`, tools ignore it
        CHECK(p["schema"]["minimum"].as<int>(0) == 1);
        CHECK(p["schema"]["format"].as<std::string>("") == "int64");
        CHECK(op["responses"]["400"]);
      }
    }
  });
  CHECK(ids >= 8);
}

TEST_CASE("issue 10: GET /problems/{code} lists exactly the problem types the gateway serves") {
  const auto doc = document();
  std::set<std::string> documented;
  for (const auto& p : doc["paths"]["/problems/{code}"]["get"]["parameters"])
    if (p["name"].as<std::string>("") == "code")
      for (const auto& c : p["schema"]["enum"]) documented.insert(c.as<std::string>());
  std::set<std::string> served;
  for (const auto& t : portal::http::problem_types()) served.insert(t.code);
  CHECK(documented == served);
}

TEST_CASE("issue 10: every problem code in the sources has its problem type (its page, its title)") {
  // A code answered without a row in libs/http's catalog would point its `type` at a 404 page, and a 409
  // would fall back to a generic title: scan what the services and libraries construct.
  const char* source = std::getenv("PORTAL_SOURCE_DIR");
  REQUIRE(source != nullptr);
  const std::regex constructed(R"(\b(make_problem|make|conflict)\(\s*(?:(\d{3}),\s*)?"([a-z_]+)\")");
  std::set<std::string> codes;
  for (const char* dir : {"libs", "services"}) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(std::string(source) + "/" + dir)) {
      const auto path = entry.path().string();
      if (!entry.is_regular_file() || entry.path().extension() != ".cpp" ||
          path.find("/tests/") != std::string::npos)
        continue;
      std::ifstream in(path);
      const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      for (std::sregex_iterator it(text.begin(), text.end(), constructed), end; it != end; ++it) {
        const std::string code = (*it)[3];
        const std::string status = (*it)[1] == "conflict" ? "409" : std::string((*it)[2]);
        CAPTURE(path, code, status);
        const auto* type = portal::http::find_problem_type(code);
        CHECK(type != nullptr);
        if (type != nullptr && !status.empty()) CHECK(std::to_string(type->status) == status);
        codes.insert(code);
      }
    }
  }
  CHECK(codes.size() >= 40);  // the scan found the codes (45 when written)
}
