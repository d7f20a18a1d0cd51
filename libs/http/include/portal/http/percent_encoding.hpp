#pragma once
// RFC 3986 percent-encoding of a query value or path segment: everything but unreserved characters
// (letters, digits, "-", "_", ".", "~") becomes %XX. For the URLs the services and the gateway build.
// And the way back, for paths, query strings and form bodies (RFC 6749's client credentials).
#include <optional>
#include <string>
#include <string_view>

namespace portal::http {

std::string percent_encode(std::string_view s);

// Decodes %XX escapes (and '+' as space when plus_is_space, as in query strings and form bodies). nullopt on
// a broken escape or a decoded NUL byte: both are signs of an attack, never of a real client.
std::optional<std::string> percent_decode(std::string_view s, bool plus_is_space);

// 0-15 for a hexadecimal digit in either case, -1 for anything else (percent escapes, chunk sizes).
int hex_digit_value(char c);

}  // namespace portal::http
