// libpwquality runs its own length/class rules before it consults cracklib and stops at the first
// failure; those are switched off (or set to their minimum) so that only cracklib's verdict reaches us
// and our own AUTH-5 rules (password_policy.cpp) decide everything else with precise error codes.
#include "common_password.hpp"

#include <pwquality.h>

#include <cstring>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>

namespace portal::security::detail {

namespace {

struct SettingsFree {
  void operator()(pwquality_settings_t* s) const { pwquality_free_settings(s); }
};

std::unique_ptr<pwquality_settings_t, SettingsFree> make_settings() {
  std::unique_ptr<pwquality_settings_t, SettingsFree> settings{pwquality_default_settings()};
  if (!settings) throw std::runtime_error("pwquality_default_settings failed");
  // minlen cannot go below 6 in libpwquality; shorter passwords already fail our too_short rule.
  for (const char* option : {"minlen=6", "dcredit=0", "ucredit=0", "lcredit=0", "ocredit=0", "minclass=0",
                             "maxrepeat=0", "maxclassrepeat=0", "maxsequence=0", "usercheck=0", "gecoscheck=0",
                             "difok=0", "dictcheck=1"}) {
    if (pwquality_set_option(settings.get(), option) != 0)
      throw std::runtime_error(std::string("pwquality option rejected: ") + option);
  }
  return settings;
}

// cracklib (FascistCheck) keeps static buffers and reopens its dictionary per call: one at a time.
std::mutex& cracklib_mutex() {
  static std::mutex m;
  return m;
}

}  // namespace

DictionaryVerdict dictionary_verdict(std::string_view password) {
  static const auto settings = make_settings();
  if (password.find('\0') != std::string_view::npos) return DictionaryVerdict::acceptable;
  const std::string text{password};
  void* aux = nullptr;
  int rc = 0;
  {
    std::lock_guard lock(cracklib_mutex());
    rc = pwquality_check(settings.get(), text.c_str(), nullptr, nullptr, &aux);
  }
  DictionaryVerdict verdict = DictionaryVerdict::acceptable;
  if (rc == PWQ_ERROR_CRACKLIB_CHECK) {
    // For this error aux is cracklib's own message; a missing dictionary is our fault, not the user's.
    const char* reason = static_cast<const char*>(aux);
    verdict = reason != nullptr && std::strstr(reason, "error loading dictionary") != nullptr
                  ? DictionaryVerdict::unavailable
                  : DictionaryVerdict::common;
  }
  char buf[PWQ_MAX_ERROR_MESSAGE_LEN];
  pwquality_strerror(buf, sizeof buf, rc, aux);  // releases aux when libpwquality allocated it
  return verdict;
}

}  // namespace portal::security::detail
