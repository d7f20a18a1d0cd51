#include "portal/directory/provider_directory.hpp"

#include <rapidjson/document.h>

#include <algorithm>
#include <cctype>

namespace portal::directory {
namespace {

std::string text(const rapidjson::Value& o, const char* name) {
  if (!o.IsObject() || !o.HasMember(name) || !o[name].IsString()) return "";
  return {o[name].GetString(), o[name].GetStringLength()};
}

// NITs are digits (and a check-digit dash); anything else cannot be a registry key and must not reach
// the URL path.
bool plausible_nit(const std::string& nit) {
  return !nit.empty() && nit.size() <= 20 &&
         std::all_of(nit.begin(), nit.end(), [](unsigned char c) { return std::isdigit(c) || c == '-'; });
}

}  // namespace

const ProviderBranch* ProviderInfo::branch(const std::string& habilitation_code) const {
  for (const auto& b : branches) {
    if (b.habilitation_code == habilitation_code) return &b;
  }
  return nullptr;
}

ProviderDirectory::ProviderDirectory(http::Client& client, const core::Clock& clock, core::Logger& logger,
                                     DirectoryCacheOptions cache)
    : client_(client), logger_(logger), cache_(clock, cache.ttl, cache.max_entries) {}

std::optional<ProviderInfo> ProviderDirectory::parse(const std::string& body) {
  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseIterativeFlag>(body.c_str(), body.size());
  if (doc.HasParseError() || !doc.IsObject() || text(doc, "nit").empty()) return std::nullopt;
  ProviderInfo p{text(doc, "nit"), text(doc, "legal_name"), text(doc, "email"), {}};
  if (doc.HasMember("branches") && doc["branches"].IsArray()) {
    for (const auto& b : doc["branches"].GetArray()) {
      p.branches.push_back(ProviderBranch{text(b, "habilitation_code"), text(b, "name"),
                                          text(b, "department_code"), text(b, "municipality_code"),
                                          text(b, "address")});
    }
  }
  return p;
}

ProviderLookup ProviderDirectory::find(const std::string& nit, const std::string& bearer_token,
                                       const std::string& request_id) {
  if (!plausible_nit(nit)) return {LookupStatus::not_found, std::nullopt};
  if (auto cached = cache_.get(nit)) return {LookupStatus::found, std::move(*cached)};
  http::Headers headers{{"Authorization", "Bearer " + bearer_token}, {"Accept", "application/json"}};
  if (!request_id.empty()) headers.emplace("X-Request-Id", request_id);
  const auto result = client_.get("/api/v1/providers/" + nit, headers);
  if (!result.ok()) {
    logger_.warn("provider_registry_unreachable",
                 {{"error", std::string{http::to_string(result.error)}}, {"request_id", request_id}});
    return {};
  }
  // The registry answers 404 for an unknown NIT, and for a provider user asking about another NIT.
  if (result.response->status == 404) return {LookupStatus::not_found, std::nullopt};
  if (result.response->status != 200) {
    logger_.warn("provider_registry_unexpected_status",
                 {{"status", static_cast<long long>(result.response->status)}, {"request_id", request_id}});
    return {};
  }
  auto provider = parse(result.response->body);
  if (!provider) {
    logger_.warn("provider_registry_unreadable_answer", {{"request_id", request_id}});
    return {};
  }
  cache_.put(nit, *provider);
  return {LookupStatus::found, std::move(provider)};
}

ProviderLetterhead provider_letterhead(ProviderDirectory& providers, const catalog::Catalogs& catalogs,
                                       const std::string& nit, const std::string& habilitation_code,
                                       const std::string& stored_name, const std::string& bearer_token,
                                       const std::string& request_id) {
  ProviderLetterhead out;
  out.legal_name = stored_name;
  const auto found = providers.find(nit, bearer_token, request_id);
  if (!found.provider) return out;
  out.legal_name = found.provider->legal_name;
  out.email = found.provider->email;
  if (const auto* branch = found.provider->branch(habilitation_code)) {
    out.address = branch->address;
    if (const auto m = catalogs.municipality(branch->municipality_code)) {
      out.department_name = m->department_name;
      out.municipality_name = m->name;
    }
  }
  return out;
}

}  // namespace portal::directory
