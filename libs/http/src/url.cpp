#include "url.hpp"

namespace portal::http::url {

std::multimap<std::string, std::string, std::less<>> parse_query(std::string_view raw) {
  std::multimap<std::string, std::string, std::less<>> out;
  while (!raw.empty()) {
    const auto amp = raw.find('&');
    const std::string_view pair = raw.substr(0, amp);
    raw = amp == std::string_view::npos ? std::string_view{} : raw.substr(amp + 1);
    if (pair.empty()) continue;
    const auto eq = pair.find('=');
    auto key = percent_decode(pair.substr(0, eq), true);
    auto value = eq == std::string_view::npos ? std::optional<std::string>{""}
                                              : percent_decode(pair.substr(eq + 1), true);
    if (!key || !value || key->empty()) continue;
    out.emplace(std::move(*key), std::move(*value));
  }
  return out;
}

std::pair<std::string_view, std::string_view> split_target(std::string_view target) {
  const auto hash = target.find('#');
  if (hash != std::string_view::npos) target = target.substr(0, hash);
  const auto q = target.find('?');
  if (q == std::string_view::npos) return {target, {}};
  return {target.substr(0, q), target.substr(q + 1)};
}

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> out;
  if (path.empty() || path == "/") return out;
  std::size_t start = path.front() == '/' ? 1 : 0;
  while (true) {
    const auto slash = path.find('/', start);
    if (slash == std::string_view::npos) {
      out.push_back(path.substr(start));
      break;
    }
    out.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return out;
}

bool is_safe_path(std::string_view path) {
  if (path.empty() || path.front() != '/') return false;
  if (path.find('\0') != std::string_view::npos) return false;
  for (std::string_view segment : split_path(path)) {
    const auto decoded = percent_decode(segment, false);
    if (!decoded) return false;  // broken escape or %00
    if (*decoded == "." || *decoded == "..") return false;
    // An encoded slash or backslash inside a segment would let "..%2f" escape after an upstream decodes it.
    if (decoded->find('/') != std::string::npos || decoded->find('\\') != std::string::npos) {
      if (decoded->find("..") != std::string::npos) return false;
    }
  }
  return true;
}

}  // namespace portal::http::url
