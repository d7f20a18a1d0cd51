#pragma once
// Issue 9 (manual 001 §2.2 step b): the anonymous contact lookup shows just enough for the contact to
// recognise themself, and nothing an outsider could use: initials of each name, the first characters of
// the e-mail's mailbox with its domain, the last digits of a phone. Pure.
#include <optional>
#include <string>
#include <string_view>

namespace portal::auth {

// "María Fernanda Gómez" -> "M*** F*** G***" (the first character of each word, UTF-8 aware).
std::string mask_name(std::string_view full_name);
// "maria.gomez@ips.example" -> "ma***@ips.example"; one visible character when the mailbox is shorter
// than four; "***" when it is not an address.
std::string mask_email(std::string_view email);
// "3009876543" -> "********43": every character but the last two digits hidden; all of it when fewer than
// six characters.
std::string mask_phone(std::string_view phone);

std::optional<std::string> mask_optional(const std::optional<std::string>& value,
                                         std::string (*mask)(std::string_view));

}  // namespace portal::auth
