#pragma once
#include <chrono>

namespace portal::mail {

inline constexpr std::chrono::milliseconds kMaxRetryDelay{std::chrono::minutes(10)};

// Delay before the next try after `failed_attempts` failures: 1 s, 2 s, 4 s, ... capped at 10 min.
std::chrono::milliseconds retry_delay(int failed_attempts);

}  // namespace portal::mail
