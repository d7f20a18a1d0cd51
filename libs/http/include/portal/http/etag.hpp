#pragma once
// Entity tags for cheap polling (SPEC §2: If-None-Match → 304) and optimistic concurrency (If-Match → 412).
// The server adds a weak ETag to every 200 JSON answer to GET/HEAD; services can use the same functions
// for If-Match on updates.
#include <string>
#include <string_view>

namespace portal::http {

// W/"<16 hex digits of a 64-bit FNV-1a hash of the body>".
std::string weak_etag(std::string_view body);

// True when an If-None-Match / If-Match header value lists the tag (weak comparison, RFC 9110 §8.8.3.2)
// or is "*".
bool etag_list_matches(std::string_view header_value, std::string_view etag);

}  // namespace portal::http
