#include "portal/mail/backoff.hpp"

namespace portal::mail {

std::chrono::milliseconds retry_delay(int failed_attempts) {
  if (failed_attempts < 1) failed_attempts = 1;
  if (failed_attempts > 20) return kMaxRetryDelay;  // 2^19 s is already far past the cap
  const std::chrono::milliseconds delay{1000LL << (failed_attempts - 1)};
  return delay < kMaxRetryDelay ? delay : kMaxRetryDelay;
}

}  // namespace portal::mail
