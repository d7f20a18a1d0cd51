#pragma once
// AUTH-2: the username assigned at registration (and to delegates created without one) is derived
// from the person's name: first letter of the first name + first surname, lower-case ASCII.
#include <functional>
#include <string>
#include <string_view>

namespace portal::auth {

// "José" "Núñez" -> "jnunez"; accents folded, anything but [a-z0-9] dropped, at most 20 characters;
// "usuario" when nothing usable remains.
std::string username_base(std::string_view first_name, std::string_view first_surname);

// base, base2, base3, ... — the first candidate for which taken() is false.
std::string first_free_username(const std::string& base, const std::function<bool(const std::string&)>& taken);

// 3..30 characters of [a-z0-9._-] starting with a letter or digit (chosen usernames).
bool is_valid_username(std::string_view username);

}  // namespace portal::auth
