#include "portal/core/errors.hpp"

#include <cctype>

namespace portal::core {

Lang lang_from_accept_language(std::string_view header) {
  // The first listed language wins (clients list their preference first); q-values ignored beyond that.
  size_t i = 0;
  while (i < header.size() && (header[i] == ' ' || header[i] == '\t')) ++i;
  if (i + 2 <= header.size() && std::tolower(static_cast<unsigned char>(header[i])) == 'e' &&
      std::tolower(static_cast<unsigned char>(header[i + 1])) == 'n' &&
      (i + 2 == header.size() || header[i + 2] == '-' || header[i + 2] == ';' || header[i + 2] == ',' ||
       header[i + 2] == ' '))
    return Lang::en;
  return Lang::es;
}

}  // namespace portal::core
