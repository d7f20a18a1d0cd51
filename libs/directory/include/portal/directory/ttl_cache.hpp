#pragma once
// A small thread-safe cache of values that go stale after a TTL (affiliate and provider lookups,
// issue 4 item 3), bounded in size: when full, expired entries are dropped first, then the oldest.
#include <chrono>
#include <cstddef>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "portal/core/clock.hpp"

namespace portal::directory {

template <typename V>
class TtlCache {
 public:
  TtlCache(const core::Clock& clock, std::chrono::milliseconds ttl, std::size_t max_entries)
      : clock_(clock), ttl_(ttl), max_entries_(max_entries) {}

  std::optional<V> get(const std::string& key) {
    std::lock_guard lock(mutex_);
    const auto it = entries_.find(key);
    if (it == entries_.end()) return std::nullopt;
    if (clock_.now() >= it->second.expires_at) {
      entries_.erase(it);
      return std::nullopt;
    }
    return it->second.value;
  }

  void put(const std::string& key, V value) {
    if (ttl_.count() <= 0 || max_entries_ == 0) return;
    std::lock_guard lock(mutex_);
    const auto now = clock_.now();
    if (entries_.size() >= max_entries_ && !entries_.contains(key)) evict(now);
    entries_.insert_or_assign(key, Entry{std::move(value), now + ttl_, now});
  }

  std::size_t size() const {
    std::lock_guard lock(mutex_);
    return entries_.size();
  }

 private:
  struct Entry {
    V value;
    core::Instant expires_at;
    core::Instant stored_at;
  };

  void evict(core::Instant now) {
    std::erase_if(entries_, [&](const auto& e) { return now >= e.second.expires_at; });
    while (entries_.size() >= max_entries_) {
      auto oldest = entries_.begin();
      for (auto it = entries_.begin(); it != entries_.end(); ++it) {
        if (it->second.stored_at < oldest->second.stored_at) oldest = it;
      }
      entries_.erase(oldest);
    }
  }

  const core::Clock& clock_;
  std::chrono::milliseconds ttl_;
  std::size_t max_entries_;
  mutable std::mutex mutex_;
  std::map<std::string, Entry> entries_;
};

}  // namespace portal::directory
