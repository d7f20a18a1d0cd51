#include "username_rules.hpp"

#include <array>
#include <utility>

namespace portal::auth {
namespace {

// Two-byte UTF-8 Latin-1 letters that Spanish names use, folded to ASCII.
constexpr std::array<std::pair<std::string_view, char>, 24> kFolds{{
    {"á", 'a'}, {"é", 'e'}, {"í", 'i'}, {"ó", 'o'}, {"ú", 'u'}, {"ü", 'u'}, {"ñ", 'n'}, {"ç", 'c'},
    {"Á", 'a'}, {"É", 'e'}, {"Í", 'i'}, {"Ó", 'o'}, {"Ú", 'u'}, {"Ü", 'u'}, {"Ñ", 'n'}, {"Ç", 'c'},
    {"à", 'a'}, {"è", 'e'}, {"ì", 'i'}, {"ò", 'o'}, {"ù", 'u'}, {"ä", 'a'}, {"ë", 'e'}, {"ö", 'o'},
}};

std::string fold(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (c >= 'A' && c <= 'Z') out += static_cast<char>(c - 'A' + 'a');
      else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += static_cast<char>(c);
      ++i;
      continue;
    }
    bool folded = false;
    for (const auto& [utf8, ascii] : kFolds) {
      if (s.substr(i, utf8.size()) == utf8) {
        out += ascii;
        i += utf8.size();
        folded = true;
        break;
      }
    }
    if (!folded) ++i;  // other non-ASCII bytes are dropped
  }
  return out;
}

}  // namespace

std::string username_base(std::string_view first_name, std::string_view first_surname) {
  const std::string name = fold(first_name);
  std::string base = (name.empty() ? std::string{} : name.substr(0, 1)) + fold(first_surname);
  if (base.size() > 20) base.resize(20);
  return base.size() < 2 ? std::string{"usuario"} : base;
}

std::string first_free_username(const std::string& base, const std::function<bool(const std::string&)>& taken) {
  if (!taken(base)) return base;
  for (int n = 2;; ++n) {
    std::string candidate = base + std::to_string(n);
    if (!taken(candidate)) return candidate;
  }
}

bool is_valid_username(std::string_view u) {
  if (u.size() < 3 || u.size() > 30) return false;
  auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  if (!alnum(u.front())) return false;
  for (char c : u) {
    if (!alnum(c) && c != '.' && c != '_' && c != '-') return false;
  }
  return true;
}

}  // namespace portal::auth
