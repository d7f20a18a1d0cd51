#pragma once
// libsodium must be initialised once before use; sodium_init() is itself thread-safe and idempotent.
#include <sodium.h>

#include <stdexcept>

namespace portal::security::detail {

inline void ensure_sodium() {
  static const bool ready = sodium_init() >= 0;
  if (!ready) throw std::runtime_error("libsodium initialisation failed");
}

}  // namespace portal::security::detail
