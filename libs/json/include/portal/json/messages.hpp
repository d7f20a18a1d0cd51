#pragma once
// More field messages (besides required_message/invalid_type_message in json.hpp), so services word
// their own checks exactly like ObjectReader does.
#include <cstddef>
#include <string_view>
#include <vector>

#include "portal/core/errors.hpp"

namespace portal::json {

core::Text too_long_message(std::size_t max_len);
core::Text out_of_range_message(long long min, long long max);
core::Text invalid_value_message(const std::vector<std::string_view>& allowed);
core::Text too_many_items_message(std::size_t max_items);

}  // namespace portal::json
