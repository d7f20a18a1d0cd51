#pragma once
// Issue 4 item 3 (shared since issue 12): the provider a request is filed for — its legal name and the branch
// of the habilitation code (Anexo 2 header, URG-1 "an agent names it") — asked of auth's provider registry
// (GET /api/v1/providers/{nit}) with the caller's token, cached per NIT (the registry changes rarely).
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "portal/catalog/catalogs.hpp"
#include "portal/core/clock.hpp"
#include "portal/core/log.hpp"
#include "portal/directory/affiliate_directory.hpp"
#include "portal/directory/ttl_cache.hpp"
#include "portal/http/client.hpp"

namespace portal::directory {

struct ProviderBranch {
  std::string habilitation_code;
  std::string name;
  std::string department_code;
  std::string municipality_code;
  std::string address;
};

struct ProviderInfo {
  std::string nit;
  std::string legal_name;
  std::string email;  // the entity's e-mail when the registry answers one (Res. 2335 report, issue 11)
  std::vector<ProviderBranch> branches;

  const ProviderBranch* branch(const std::string& habilitation_code) const;
};

struct ProviderLookup {
  LookupStatus status = LookupStatus::unavailable;
  std::optional<ProviderInfo> provider;
};

class ProviderDirectory {
 public:
  ProviderDirectory(http::Client& client, const core::Clock& clock, core::Logger& logger,
                    DirectoryCacheOptions cache = {std::chrono::minutes(10), 1000});

  ProviderLookup find(const std::string& nit, const std::string& bearer_token, const std::string& request_id);

  static std::optional<ProviderInfo> parse(const std::string& body);

 private:
  http::Client& client_;
  core::Logger& logger_;
  TtlCache<ProviderInfo> cache_;
};

// The provider block every document prints (the Anexos 2, 3 and 4 and the Res. 2335 reports): the registry's
// legal name and e-mail, and the branch's address and place names. The stored name (and nothing else) when
// the registry cannot answer, so a download never fails for it.
struct ProviderLetterhead {
  std::string legal_name;
  std::string email;
  std::string address;
  std::string department_name;
  std::string municipality_name;
};
ProviderLetterhead provider_letterhead(ProviderDirectory& providers, const catalog::Catalogs& catalogs,
                                       const std::string& nit, const std::string& habilitation_code,
                                       const std::string& stored_name, const std::string& bearer_token,
                                       const std::string& request_id);

}  // namespace portal::directory
