#pragma once
// Field errors produced by validation and business rules; rendered by libs/http as problem+json
// `errors: [{field, code, message}]` in the caller's language (SPEC §2).
#include <string>
#include <string_view>
#include <vector>

namespace portal::core {

enum class Lang { es, en };

// The language to answer in, negotiated from an Accept-Language header (RFC 9110 §12.5.4): each range
// has a weight (q, default 1; q=0 means "not this one"); a range matches a language the API speaks by its
// primary subtag ("en-US" asks for English, RFC 4647 lookup), "*" matches any. The language with the
// highest weight wins; a tie goes to the range listed first, and Spanish is the answer when nothing the
// API speaks is acceptable or the header is malformed. "en;q=0.1, es;q=0.9" is Spanish.
Lang lang_from_accept_language(std::string_view header);
// The Content-Language tag of an answer in `lang`.
std::string_view language_tag(Lang lang);

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
