#pragma once
// The parsed rule sets by version: a stored document is read (and validated) once per process, not on every
// request. Versions never change once uploaded, so entries never go stale; activation only changes which
// version the store names as active.
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>

#include "authorization_store.hpp"
#include "portal/catalog/catalogs.hpp"
#include "rules_engine.hpp"

namespace portal::authorizations {

class RuleSetCache {
 public:
  explicit RuleSetCache(const catalog::Catalogs& catalogs) : catalogs_(catalogs) {}

  // nullptr when the stored document no longer validates (a catalog replaced under it): logged by the caller.
  std::shared_ptr<const RuleSet> get(const StoredRuleSet& stored);
  // The same by version, reading the document with `load` only the first time.
  std::shared_ptr<const RuleSet> get(long long version,
                                     const std::function<std::optional<StoredRuleSet>()>& load);

 private:
  const catalog::Catalogs& catalogs_;
  std::mutex mutex_;
  std::map<long long, std::shared_ptr<const RuleSet>> sets_;
};

}  // namespace portal::authorizations
