#pragma once
// RFC 3986 percent-encoding of a query value or path segment: everything but unreserved characters
// (letters, digits, "-", "_", ".", "~") becomes %XX. For the URLs the services and the gateway build.
#include <string>
#include <string_view>

namespace portal::http {

std::string percent_encode(std::string_view s);

}  // namespace portal::http
