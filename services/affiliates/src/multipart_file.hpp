#pragma once
// AFF-4 uploads from a browser form: the first part of a multipart/form-data body (RFC 7578) that
// carries a file (or, failing that, the part named "file"). Pure: no copies, views into the body.
#include <optional>
#include <string_view>

namespace portal::affiliates {

// The boundary parameter of a multipart/form-data Content-Type, or nullopt when it is not one.
std::optional<std::string_view> multipart_boundary(std::string_view content_type);

// The content of the uploaded file, or nullopt when the body is not a well-formed multipart body
// with a file part.
std::optional<std::string_view> multipart_file(std::string_view body, std::string_view boundary);

}  // namespace portal::affiliates
