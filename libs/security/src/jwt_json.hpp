#pragma once
// The small JSON documents inside JWTs and JWKS: parsed with RapidJSON's iterative parser (no stack
// exhaustion on deep nesting, ARCHITECTURE.md) from bounded input, duplicate top-level names rejected
// (a second "exp" or "aud" must not smuggle a different value past one reader and not another).
#include <rapidjson/document.h>

#include <optional>
#include <string>
#include <string_view>

namespace portal::security::detail {

inline constexpr std::size_t kMaxJsonBytes = 64 * 1024;

// An object, or nullopt when the text is not exactly one JSON object within the size limit.
std::optional<rapidjson::Document> parse_json_object(std::string_view text);

// Member as a string view, or nullopt when absent or not a string.
std::optional<std::string_view> string_member(const rapidjson::Value& object, const char* name);

}  // namespace portal::security::detail
