#include "contact_masking.hpp"

namespace portal::auth {
namespace {

// Bytes of the UTF-8 character starting at s[i] (1 for ASCII or a stray continuation byte).
std::size_t char_length(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  std::size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
  return std::min(n, s.size() - i);
}

bool is_space(char c) { return c == ' ' || c == '\t'; }

}  // namespace

std::string mask_name(std::string_view full_name) {
  std::string out;
  std::size_t i = 0;
  while (i < full_name.size()) {
    while (i < full_name.size() && is_space(full_name[i])) ++i;
    if (i == full_name.size()) break;
    if (!out.empty()) out += ' ';
    const auto n = char_length(full_name, i);
    out.append(full_name.substr(i, n));
    out += "***";
    i += n;
    while (i < full_name.size() && !is_space(full_name[i])) ++i;
  }
  return out;
}

std::string mask_email(std::string_view email) {
  const auto at = email.rfind('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == email.size()) return "***";
  const std::string_view mailbox = email.substr(0, at);
  std::size_t visible = 0;
  const std::size_t chars = mailbox.size() < 4 ? 1 : 2;
  for (std::size_t k = 0; k < chars && visible < mailbox.size(); ++k)
    visible += char_length(mailbox, visible);
  return std::string{mailbox.substr(0, visible)} + "***" + std::string{email.substr(at)};
}

std::string mask_phone(std::string_view phone) {
  if (phone.size() < 6) return std::string(phone.size(), '*');
  return std::string(phone.size() - 2, '*') + std::string{phone.substr(phone.size() - 2)};
}

std::optional<std::string> mask_optional(const std::optional<std::string>& value,
                                         std::string (*mask)(std::string_view)) {
  if (!value) return std::nullopt;
  return mask(*value);
}

}  // namespace portal::auth
