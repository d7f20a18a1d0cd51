#include "documented_routes.hpp"

#include <yaml-cpp/yaml.h>

#include <optional>
#include <stdexcept>
#include <string>

namespace portal::gateway {
namespace {

// An OpenAPI operation key ("get", "delete") as a method; nullopt for other keys ("parameters").
std::optional<http::Method> operation_method(std::string_view key) {
  static constexpr std::pair<std::string_view, http::Method> kOperations[] = {
      {"get", http::Method::get},     {"post", http::Method::post},  {"put", http::Method::put},
      {"patch", http::Method::patch}, {"delete", http::Method::del},
  };
  for (const auto& [name, method] : kOperations)
    if (key == name) return method;
  return std::nullopt;
}

}  // namespace

std::string to_route_template(std::string_view openapi_path) {
  std::string out;
  out.reserve(openapi_path.size());
  for (std::size_t i = 0; i < openapi_path.size(); ++i) {
    const char c = openapi_path[i];
    if (c == '{') {
      const auto close = openapi_path.find('}', i);
      if (close == std::string_view::npos) return std::string{openapi_path};  // not a template: as is
      out += ':';
      out += openapi_path.substr(i + 1, close - i - 1);
      i = close;
    } else {
      out += c;
    }
  }
  return out;
}

std::vector<std::pair<http::Method, std::string>> documented_routes(std::string_view openapi_yaml,
                                                                    const RouteTable& table) {
  YAML::Node doc;
  try {
    doc = YAML::Load(std::string{openapi_yaml});
  } catch (const YAML::Exception& e) {
    throw std::runtime_error(std::string{"OpenAPI document is not YAML: "} + e.what());
  }
  const auto paths = doc["paths"];
  if (!paths || !paths.IsMap()) throw std::runtime_error("OpenAPI document has no paths");
  std::vector<std::pair<http::Method, std::string>> out;
  for (const auto& path : paths) {
    const auto openapi_path = path.first.as<std::string>();
    if (!table.upstream_for(openapi_path)) continue;  // the gateway's own routes (/healthz, ...)
    if (!path.second.IsMap()) continue;
    for (const auto& op : path.second) {
      const auto method = operation_method(op.first.as<std::string>());
      if (method) out.emplace_back(*method, to_route_template(openapi_path));
    }
  }
  return out;
}

}  // namespace portal::gateway
