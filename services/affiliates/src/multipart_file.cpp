#include "multipart_file.hpp"

#include "portal/http/multipart.hpp"

namespace portal::affiliates {

std::optional<std::string_view> multipart_file(std::string_view body, std::string_view boundary) {
  const auto parts = http::parse_multipart(body, boundary);
  if (!parts) return std::nullopt;
  for (const auto& part : *parts)
    if (part.filename) return part.content;
  for (const auto& part : *parts)
    if (part.name == "file") return part.content;
  return std::nullopt;
}

}  // namespace portal::affiliates
