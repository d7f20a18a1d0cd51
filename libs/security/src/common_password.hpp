#pragma once
// AUTH-5 "not a common password": cracklib's dictionary verdict through libpwquality.
#include <string_view>

namespace portal::security::detail {

enum class DictionaryVerdict {
  acceptable,
  common,       // a dictionary word or a simple/systematic variation of one ("Password1", "Qwerty123")
  unavailable,  // the cracklib dictionary could not be loaded
};

DictionaryVerdict dictionary_verdict(std::string_view password);

}  // namespace portal::security::detail
