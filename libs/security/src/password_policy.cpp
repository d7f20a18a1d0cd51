// AUTH-5 password policy. Every broken rule is reported, each with its own code, so the registration
// and reset forms can show all of them at once (SPEC §2: precise 4xx listing every bad field).
#include <algorithm>
#include <cstdint>

#include "common_password.hpp"
#include "portal/security/password.hpp"

namespace portal::security {

namespace {

constexpr std::size_t kMinLength = 8;
constexpr std::size_t kMaxLength = 128;
// Shorter usernames would forbid ordinary substrings ("ana" in "Banana7x").
constexpr std::size_t kMinUsernameForCheck = 3;

struct CharClasses {
  std::size_t code_points = 0;
  bool upper = false;
  bool lower = false;
  bool digit = false;
};

// Letters of Spanish and other Latin-1 names count too: Ñ, Á, É are upper-case, ñ, á, é lower-case.
bool is_upper(std::uint32_t cp) { return (cp >= 'A' && cp <= 'Z') || (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7); }
bool is_lower(std::uint32_t cp) { return (cp >= 'a' && cp <= 'z') || (cp >= 0xDF && cp <= 0xFF && cp != 0xF7); }

// Lenient UTF-8 decoding: the JSON layer has already validated the encoding; here a stray byte just
// counts as one character.
CharClasses classify(std::string_view s) {
  CharClasses c;
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    std::size_t len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 1;
    if (i + len > s.size()) len = 1;
    std::uint32_t cp = len == 1 ? (b < 0x80 ? b : 0xFFFDu) : b & (0x7Fu >> len);
    for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    ++c.code_points;
    c.upper = c.upper || is_upper(cp);
    c.lower = c.lower || is_lower(cp);
    c.digit = c.digit || (cp >= '0' && cp <= '9');
    i += len;
  }
  return c;
}

std::string ascii_lower(std::string_view s) {
  std::string out{s};
  std::transform(out.begin(), out.end(), out.begin(), [](char ch) {
    return ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch - 'A' + 'a') : ch;
  });
  return out;
}

core::FieldError error(std::string_view field, const char* code, const char* es, const char* en) {
  return core::FieldError{std::string{field}, code, core::Text{es, en}};
}

}  // namespace

core::FieldErrors check_password_policy(std::string_view password, std::string_view username, std::string_view field) {
  core::FieldErrors errors;
  const CharClasses c = classify(password);
  if (c.code_points < kMinLength)
    errors.push_back(error(field, "too_short", "La contraseña debe tener al menos 8 caracteres.",
                           "The password must have at least 8 characters."));
  if (c.code_points > kMaxLength)
    errors.push_back(error(field, "too_long", "La contraseña puede tener como máximo 128 caracteres.",
                           "The password must have at most 128 characters."));
  if (!c.upper)
    errors.push_back(error(field, "missing_uppercase", "La contraseña debe incluir al menos una letra mayúscula.",
                           "The password must include at least one upper-case letter."));
  if (!c.lower)
    errors.push_back(error(field, "missing_lowercase", "La contraseña debe incluir al menos una letra minúscula.",
                           "The password must include at least one lower-case letter."));
  if (!c.digit)
    errors.push_back(error(field, "missing_digit", "La contraseña debe incluir al menos un número.",
                           "The password must include at least one digit."));
  if (c.code_points <= kMaxLength && detail::dictionary_verdict(password) == detail::DictionaryVerdict::common)
    errors.push_back(error(field, "common_password",
                           "La contraseña es demasiado común o se basa en una palabra del diccionario; elija otra.",
                           "The password is too common or based on a dictionary word; choose another one."));
  if (username.size() >= kMinUsernameForCheck &&
      ascii_lower(password).find(ascii_lower(username)) != std::string::npos)
    errors.push_back(error(field, "contains_username", "La contraseña no debe contener el nombre de usuario.",
                           "The password must not contain the username."));
  return errors;
}

bool common_password_check_available() {
  return detail::dictionary_verdict("Xq7.rT2m") != detail::DictionaryVerdict::unavailable;
}

}  // namespace portal::security
