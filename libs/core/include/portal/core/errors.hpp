#pragma once
// Field errors produced by validation and business rules; rendered by libs/http as problem+json
// `errors: [{field, code, message}]` in the caller's language (SPEC §2).
#include <string>
#include <string_view>
#include <vector>

namespace portal::core {

enum class Lang { es, en };

// Spanish unless the Accept-Language header prefers English ("en", "en-US", "en;q=0.9,es;q=0.5").
Lang lang_from_accept_language(std::string_view header);

// A message in both languages the API speaks.
struct Text {
  std::string es;
  std::string en;
  const std::string& in(Lang lang) const { return lang == Lang::en ? en : es; }
};

struct FieldError {
  std::string field;  // JSON path: "diagnoses.related[1]", "password"
  std::string code;   // stable machine code: "required", "too_long", "in_future"
  Text message;
};

using FieldErrors = std::vector<FieldError>;

}  // namespace portal::core
