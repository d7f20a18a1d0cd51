#include "portal/directory/affiliate_directory.hpp"

#include <rapidjson/document.h>

#include "portal/http/percent_encoding.hpp"
#include "portal/json/json.hpp"

namespace portal::directory {
namespace {

std::string text(const rapidjson::Value& o, const char* name) {
  if (!o.IsObject() || !o.HasMember(name) || !o[name].IsString()) return "";
  return {o[name].GetString(), o[name].GetStringLength()};
}

AffiliateFacts facts_of(const rapidjson::Value& o) {
  AffiliateFacts f;
  if (o.HasMember("id") && o["id"].IsInt64()) f.id = o["id"].GetInt64();
  f.document_type = text(o, "document_type");
  f.document_number = text(o, "document_number");
  if (o.HasMember("child_number") && o["child_number"].IsInt()) f.child_number = o["child_number"].GetInt();
  if (f.child_number && o.HasMember("newborn_of") && o["newborn_of"].IsObject()) {
    // A newborn "hijo de" is identified by its mother's document (manual 000).
    f.document_type = text(o["newborn_of"], "document_type");
    f.document_number = text(o["newborn_of"], "document_number");
  }
  f.first_name = text(o, "first_name");
  f.second_name = text(o, "second_name");
  f.first_surname = text(o, "first_surname");
  f.second_surname = text(o, "second_surname");
  f.birth_date = text(o, "birth_date");
  f.sex = text(o, "sex");
  f.regime = text(o, "regime");
  f.affiliation_status = text(o, "affiliation_status");
  f.data_quality = text(o, "data_quality");
  f.municipality_code = text(o, "municipality_code");
  f.address = text(o, "address");
  f.phone = text(o, "phone");
  f.mobile = text(o, "mobile");
  f.email = text(o, "email");
  return f;
}

std::string cache_key(const AffiliateRef& ref) { return ref.document_type + '\x1f' + ref.document_number; }

AffiliateLookup pick(const std::vector<AffiliateFacts>& people, const AffiliateRef& ref) {
  for (const auto& f : people) {
    if (f.child_number == ref.child_number) return {LookupStatus::found, f};
  }
  return {LookupStatus::not_found, std::nullopt};
}

}  // namespace

AffiliateDirectory::AffiliateDirectory(http::Client& client, const core::Clock& clock, core::Logger& logger,
                                       DirectoryCacheOptions cache)
    : client_(client), logger_(logger), cache_(clock, cache.ttl, cache.max_entries) {}

std::optional<std::vector<AffiliateFacts>> AffiliateDirectory::parse_lookup(const std::string& body) {
  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseIterativeFlag>(body.c_str(), body.size());
  if (doc.HasParseError() || !doc.IsObject() || !doc.HasMember("birth_date")) return std::nullopt;
  std::vector<AffiliateFacts> out{facts_of(doc)};
  if (doc.HasMember("newborns") && doc["newborns"].IsArray()) {
    for (const auto& n : doc["newborns"].GetArray()) {
      if (n.IsObject()) out.push_back(facts_of(n));
    }
  }
  return out;
}

AffiliateLookup AffiliateDirectory::find(const AffiliateRef& ref, const std::string& bearer_token,
                                         const std::string& request_id) {
  const auto key = cache_key(ref);
  if (auto cached = cache_.get(key)) return pick(*cached, ref);

  const auto path = "/api/v1/affiliates?document_type=" + http::percent_encode(ref.document_type) +
                    "&document_number=" + http::percent_encode(ref.document_number);
  http::Headers headers{{"Authorization", "Bearer " + bearer_token}, {"Accept", "application/json"}};
  if (!request_id.empty()) headers.emplace("X-Request-Id", request_id);
  const auto result = client_.get(path, headers);
  if (!result.ok()) {
    logger_.warn("affiliates_unreachable",
                 {{"error", std::string{http::to_string(result.error)}}, {"request_id", request_id}});
    return {};
  }
  if (result.response->status == 404) return {LookupStatus::not_found, std::nullopt};
  if (result.response->status != 200) {
    logger_.warn("affiliates_unexpected_status",
                 {{"status", static_cast<long long>(result.response->status)}, {"request_id", request_id}});
    return {};
  }
  auto people = parse_lookup(result.response->body);
  if (!people) {
    logger_.warn("affiliates_unreadable_answer", {{"request_id", request_id}});
    return {};
  }
  cache_.put(key, *people);
  return pick(*people, ref);
}

}  // namespace portal::directory
