#include "rule_set_cache.hpp"

#include "rule_set.hpp"

namespace portal::authorizations {

std::shared_ptr<const RuleSet> RuleSetCache::get(const StoredRuleSet& stored) {
  {
    std::lock_guard lock(mutex_);
    if (const auto it = sets_.find(stored.version); it != sets_.end()) return it->second;
  }
  auto parsed = parse_rule_set(stored.document, catalogs_);
  if (!parsed.rule_set) return nullptr;
  auto set = std::make_shared<const RuleSet>(std::move(*parsed.rule_set));
  std::lock_guard lock(mutex_);
  return sets_.emplace(stored.version, std::move(set)).first->second;
}

std::shared_ptr<const RuleSet> RuleSetCache::get(long long version,
                                                 const std::function<std::optional<StoredRuleSet>()>& load) {
  {
    std::lock_guard lock(mutex_);
    if (const auto it = sets_.find(version); it != sets_.end()) return it->second;
  }
  const auto stored = load();
  return stored ? get(*stored) : nullptr;
}

}  // namespace portal::authorizations
