#pragma once
// UTF-8 helpers for length limits: SPEC §2 limits are in characters, and "Ñandú" is 5, not 7 bytes.
#include <cstddef>
#include <string_view>

namespace portal::json {

// Number of code points in valid UTF-8 (continuation bytes are not counted).
std::size_t utf8_length(std::string_view s);
// True when s is empty or holds only whitespace (ASCII or U+00A0 no-break space).
bool is_blank(std::string_view s);

}  // namespace portal::json
