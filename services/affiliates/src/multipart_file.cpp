#include "multipart_file.hpp"

#include <algorithm>
#include <cctype>
#include <string>

namespace portal::affiliates {
namespace {

bool iequals_prefix(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() &&
         std::equal(prefix.begin(), prefix.end(), text.begin(), [](char a, char b) {
           return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
         });
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::optional<std::string_view> multipart_boundary(std::string_view content_type) {
  auto semicolon = content_type.find(';');
  const auto type = trim(content_type.substr(0, semicolon));
  if (type.size() != 19 || !iequals_prefix(type, "multipart/form-data")) return std::nullopt;
  auto rest = content_type;
  while (semicolon != std::string_view::npos) {
    rest = rest.substr(semicolon + 1);
    semicolon = rest.find(';');
    const auto item = trim(rest.substr(0, semicolon));
    if (!iequals_prefix(item, "boundary=")) continue;
    auto value = item.substr(9);
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
      value = value.substr(1, value.size() - 2);
    if (value.empty() || value.size() > 70) return std::nullopt;  // RFC 2046 §5.1.1
    return value;
  }
  return std::nullopt;
}

std::optional<std::string_view> multipart_file(std::string_view body, std::string_view boundary) {
  const std::string delimiter = "--" + std::string{boundary};
  auto start = body.find(delimiter);
  std::optional<std::string_view> named_file;
  while (start != std::string_view::npos) {
    auto cursor = start + delimiter.size();
    if (body.substr(cursor, 2) == "--") break;  // closing delimiter
    if (body.substr(cursor, 2) != "\r\n") return std::nullopt;
    cursor += 2;
    const auto headers_end = body.find("\r\n\r\n", cursor);
    if (headers_end == std::string_view::npos) return std::nullopt;
    const auto headers = body.substr(cursor, headers_end - cursor);
    const auto content_start = headers_end + 4;
    const auto next = body.find("\r\n" + delimiter, content_start);
    if (next == std::string_view::npos) return std::nullopt;
    const auto content = body.substr(content_start, next - content_start);
    // Content-Disposition: form-data; name="file"; filename="roster.csv"
    std::string lowered{headers};
    std::transform(lowered.begin(), lowered.end(), lowered.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    if (lowered.find("filename=") != std::string::npos) return content;
    if (lowered.find("name=\"file\"") != std::string::npos) named_file = content;
    start = next + 2;
  }
  return named_file;
}

}  // namespace portal::affiliates
