#include "contact_rules.hpp"

#include <algorithm>

#include "portal/json/utf8.hpp"
#include "user_rules.hpp"

namespace portal::auth {
namespace {

bool has_control(std::string_view s, bool allow_line_breaks) {
  return std::any_of(s.begin(), s.end(), [&](unsigned char c) {
    if (allow_line_breaks && (c == '\n' || c == '\r' || c == '\t')) return false;
    return c < 0x20 || c == 0x7f;
  });
}

core::FieldError too_long(std::string field, std::size_t max) {
  return core::FieldError{std::move(field),
                          "too_long",
                          {"El texto supera los " + std::to_string(max) + " caracteres.",
                           "The text is longer than " + std::to_string(max) + " characters."}};
}

void check_text(core::FieldErrors& errors, const char* field, const std::optional<std::string>& v,
                std::size_t max, bool allow_line_breaks) {
  if (!v || json::is_blank(*v)) {
    errors.push_back(field_error(field, "required"));
  } else if (json::utf8_length(*v) > max) {
    errors.push_back(too_long(field, max));
  } else if (has_control(*v, allow_line_breaks)) {
    errors.push_back(core::FieldError{field,
                                      "invalid_characters",
                                      {"El texto contiene caracteres de control no permitidos.",
                                       "The text contains control characters that are not allowed."}});
  }
}

}  // namespace

core::FieldErrors validate_contact_case(const ContactDraft& d) {
  core::FieldErrors errors;
  if (!d.category || json::is_blank(*d.category)) {
    errors.push_back(field_error("category", "required"));
  } else if (std::find(kContactCategories.begin(), kContactCategories.end(), *d.category) ==
             kContactCategories.end()) {
    errors.push_back(field_error("category", "invalid_value"));
  }
  check_text(errors, "subject", d.subject, kContactSubjectMax, false);
  check_text(errors, "comment", d.comment, kContactCommentMax, true);
  return errors;
}

std::optional<std::string> contact_mailbox(const ContactSettings& s, std::string_view category) {
  if (category == "user_attention") return s.user_attention_mailbox;
  if (category == "technical_support") return s.technical_support_mailbox;
  return std::nullopt;
}

std::string_view contact_category_name(std::string_view category) {
  if (category == "user_attention") return "Atención al usuario";
  if (category == "technical_support") return "Soporte técnico";
  return category;
}

std::optional<core::FieldError> check_case_status_change(std::string_view requested) {
  if (requested == "answered") return std::nullopt;
  return field_error("status", "invalid_value");
}

}  // namespace portal::auth
