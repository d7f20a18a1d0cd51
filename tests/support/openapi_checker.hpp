#pragma once
// Keeps api/openapi.yaml true at run time (issue 2 §6): every response an end-to-end test receives must
// have a (route, status) that the document lists. A concrete path is matched against the templated
// paths ("/api/v1/users/{id}"); literal segments win over parameters. A status is documented when the
// operation's `responses` has it exactly, its range ("4XX"), or `default`. Statuses the gateway may give
// on any proxied operation (413, 429, 503, 504, ...) can be listed once at the root under
// `x-gateway-responses`, a list of codes, instead of on every operation.
#include <yaml-cpp/yaml.h>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace portal::test {

class OpenApiChecker {
 public:
  // Throws YAML::Exception when the document cannot be read.
  static OpenApiChecker from_file(const std::string& path);
  static OpenApiChecker from_string(const std::string& yaml);
  // $PORTAL_SOURCE_DIR/api/openapi.yaml.
  static OpenApiChecker from_source_tree();

  // The documented template a concrete path (query string allowed) falls under, for any method.
  std::optional<std::string> match_path(std::string_view path) const;
  // nullopt when (method, path, status) is documented; otherwise why not. CORS preflights (OPTIONS)
  // are answered by the gateway for every route and are not operations, so they always pass.
  std::optional<std::string> check(std::string_view method, std::string_view path, int status) const;

  std::size_t operation_count() const;

 private:
  explicit OpenApiChecker(const YAML::Node& doc);
  struct Operation {
    std::set<std::string> responses;  // "200", "4XX", "default"
  };
  struct PathItem {
    std::string path_template;
    std::vector<std::string> segments;
    std::map<std::string, Operation> operations;  // by upper-case method
  };
  const PathItem* find(std::string_view path) const;
  std::vector<PathItem> paths_;
  std::set<std::string> gateway_responses_;
};

}  // namespace portal::test
