#include "support/openapi_checker.hpp"

#include <algorithm>
#include <cctype>

#include "support/process.hpp"

namespace portal::test {

namespace {

std::vector<std::string> split_path(std::string_view path) {
  if (auto q = path.find('?'); q != std::string_view::npos) path = path.substr(0, q);
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= path.size()) {
    auto slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    if (slash > start) out.emplace_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return out;
}

bool is_parameter(const std::string& segment) {
  return segment.size() >= 2 && segment.front() == '{' && segment.back() == '}';
}

std::string upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

const std::set<std::string> kMethods = {"GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"};

}  // namespace

OpenApiChecker OpenApiChecker::from_file(const std::string& path) { return OpenApiChecker(YAML::LoadFile(path)); }

OpenApiChecker OpenApiChecker::from_string(const std::string& yaml) { return OpenApiChecker(YAML::Load(yaml)); }

OpenApiChecker OpenApiChecker::from_source_tree() { return from_file(source_dir() + "/api/openapi.yaml"); }

OpenApiChecker::OpenApiChecker(const YAML::Node& doc) {
  if (const auto gw = doc["x-gateway-responses"]; gw && gw.IsSequence())
    for (const auto& code : gw) gateway_responses_.insert(upper(code.as<std::string>()));
  const auto paths = doc["paths"];
  if (!paths || !paths.IsMap()) return;
  for (const auto& entry : paths) {
    PathItem item;
    item.path_template = entry.first.as<std::string>();
    item.segments = split_path(item.path_template);
    for (const auto& op : entry.second) {
      const std::string method = upper(op.first.as<std::string>());
      if (!kMethods.count(method)) continue;  // parameters, summary, servers, ...
      Operation operation;
      if (const auto responses = op.second["responses"]; responses && responses.IsMap())
        for (const auto& r : responses) operation.responses.insert(upper(r.first.as<std::string>()));
      item.operations.emplace(method, std::move(operation));
    }
    paths_.push_back(std::move(item));
  }
}

const OpenApiChecker::PathItem* OpenApiChecker::find(std::string_view path) const {
  const auto segments = split_path(path);
  const PathItem* best = nullptr;
  int best_literals = -1;
  for (const auto& item : paths_) {
    if (item.segments.size() != segments.size()) continue;
    int literals = 0;
    bool match = true;
    for (std::size_t i = 0; i < segments.size() && match; ++i) {
      if (is_parameter(item.segments[i])) continue;
      if (item.segments[i] == segments[i]) {
        ++literals;
      } else {
        match = false;
      }
    }
    if (match && literals > best_literals) {
      best = &item;
      best_literals = literals;
    }
  }
  return best;
}

std::optional<std::string> OpenApiChecker::match_path(std::string_view path) const {
  const auto* item = find(path);
  if (item == nullptr) return std::nullopt;
  return item->path_template;
}

std::optional<std::string> OpenApiChecker::check(std::string_view method_in, std::string_view path,
                                                 int status) const {
  const std::string method = upper(std::string(method_in));
  if (method == "OPTIONS") return std::nullopt;
  const std::string where = method + " " + std::string(path);
  const auto* item = find(path);
  if (item == nullptr) return "undocumented path: " + where + " (answered " + std::to_string(status) + ")";
  const auto op = item->operations.find(method);
  if (op == item->operations.end())
    return "undocumented operation: " + method + " " + item->path_template + " (answered " +
           std::to_string(status) + ")";
  const std::string code = std::to_string(status);
  const std::string range = code.substr(0, 1) + "XX";
  const auto& documented = op->second.responses;
  if (documented.count(code) || documented.count(range) || documented.count("DEFAULT")) return std::nullopt;
  if (gateway_responses_.count(code) || gateway_responses_.count(range)) return std::nullopt;
  std::string listed;
  for (const auto& r : documented) listed += (listed.empty() ? "" : ", ") + r;
  return "undocumented status " + code + " for " + method + " " + item->path_template + " (documented: " +
         listed + ")";
}

std::size_t OpenApiChecker::operation_count() const {
  std::size_t n = 0;
  for (const auto& p : paths_) n += p.operations.size();
  return n;
}

}  // namespace portal::test
