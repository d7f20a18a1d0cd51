#include "portal/service/route_list.hpp"

namespace portal::service {

std::vector<std::string> route_lines(const std::vector<std::pair<http::Method, std::string>>& routes) {
  std::vector<std::string> out;
  out.reserve(routes.size());
  for (const auto& [method, path] : routes) out.push_back(std::string{http::to_string(method)} + " " + path);
  return out;
}

}  // namespace portal::service
