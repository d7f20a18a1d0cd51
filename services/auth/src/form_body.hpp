#pragma once
// application/x-www-form-urlencoded bodies and HTTP Basic credentials (RFC 6749 §2.3.1, §4.4).
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace portal::auth {

// Decodes "a=1&b=x%20y+z"; nullopt when a key repeats (RFC 6749 §3.1), an escape is malformed or decodes
// to NUL.
std::optional<std::map<std::string, std::string>> parse_form(std::string_view body);
// "Basic base64(id:secret)" with both parts form-decoded, as RFC 6749 §2.3.1 requires.
std::optional<std::pair<std::string, std::string>> parse_basic_credentials(std::string_view header);

}  // namespace portal::auth
