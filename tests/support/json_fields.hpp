#pragma once
// Reading fields of a JSON response body in tests, by JSON Pointer (RFC 6901): "/access_token",
// "/errors/0/field". Parsed iteratively so a hostile body cannot crash the test.
#include <optional>
#include <string>

namespace portal::test {

bool is_json(const std::string& body);
std::optional<std::string> json_string(const std::string& body, const std::string& pointer);
std::optional<long long> json_int(const std::string& body, const std::string& pointer);
// Number of elements of the array at `pointer`, nullopt when it is not an array.
std::optional<std::size_t> json_array_size(const std::string& body, const std::string& pointer);
// A JSON string literal (with quotes) for `s`.
std::string json_quote(const std::string& s);

}  // namespace portal::test
