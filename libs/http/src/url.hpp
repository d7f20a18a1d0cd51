#pragma once
// Pure URL helpers: percent-decoding, query strings, and the path safety rule.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "portal/http/percent_encoding.hpp"

namespace portal::http::url {

// Public in percent_encoding.hpp (auth's form bodies decode with it too); url::percent_decode stays a name.
using http::percent_decode;

// "a=1&b=x%20y&a=2" → {a:1, a:2, b:"x y"}. Keys without '=' get an empty value; pairs that fail to
// decode are dropped.
std::multimap<std::string, std::string, std::less<>> parse_query(std::string_view raw);

// Splits "/p/a?x=1" into path and raw query (without '?'); a '#fragment' is discarded.
std::pair<std::string_view, std::string_view> split_target(std::string_view target);

// The segments of an absolute path ("/a/b" → {"a","b"}; "/" → {}; "/a/" → {"a",""}).
std::vector<std::string_view> split_path(std::string_view path);

// A path we refuse to route (400): not absolute, contains NUL, or has a "." / ".." segment, raw or
// percent-encoded (path traversal against upstreams that normalise).
bool is_safe_path(std::string_view path);

}  // namespace portal::http::url
