#pragma once
// AFF-4 uploads from a browser form: which part of a multipart/form-data body (RFC 7578, parsed by libs/http)
// is the roster. Pure: a view into the body.
#include <optional>
#include <string_view>

namespace portal::affiliates {

// The first part that carries a file (a filename parameter), else the part named "file"; nullopt when the
// body is not a complete multipart body for `boundary` or has neither.
std::optional<std::string_view> multipart_file(std::string_view body, std::string_view boundary);

}  // namespace portal::affiliates
