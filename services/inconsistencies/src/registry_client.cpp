#include "registry_client.hpp"

#include <rapidjson/stringbuffer.h>

#include <algorithm>

#include "portal/json/json.hpp"

namespace portal::inconsistencies {
namespace {

void member(json::Writer& w, std::string_view key, const std::string& value, bool null_when_empty = true) {
  json::write_key(w, key);
  if (value.empty() && null_when_empty) {
    w.Null();
  } else {
    json::write_string(w, value);
  }
}

bool has(const std::vector<Variable>& vs, Variable v) {
  return std::find(vs.begin(), vs.end(), v) != vs.end();
}

}  // namespace

std::string create_affiliate_body(const Report& r, const ProcessingRequest& request) {
  const auto& d = r.draft;
  rapidjson::StringBuffer buffer;
  json::Writer w(buffer);
  w.StartObject();
  member(w, "document_type", d.document.document_type);
  member(w, "document_number", d.document.document_number);
  member(w, "first_name", d.document.first_name, false);
  member(w, "second_name", d.document.second_name);
  member(w, "first_surname", d.document.first_surname, false);
  member(w, "second_surname", d.document.second_surname);
  member(w, "birth_date", d.document.birth_date, false);
  member(w, "sex", request.sex, false);
  member(w, "regime", request.regime, false);
  member(w, "affiliation_status", "active", false);
  member(w, "data_quality", "ok", false);
  member(w, "municipality_code", d.contact.municipality_code, false);
  member(w, "address", d.contact.address);
  member(w, "phone", d.contact.phone);
  member(w, "mobile", d.contact.mobile);
  member(w, "email", d.contact.email);
  w.EndObject();
  return {buffer.GetString(), buffer.GetSize()};
}

std::string correct_affiliate_body(const Report& r, const ProcessingPlan& plan) {
  const auto& doc = r.draft.document;
  rapidjson::StringBuffer buffer;
  json::Writer w(buffer);
  w.StartObject();
  if (has(plan.corrected, Variable::surnames)) {
    member(w, "first_surname", doc.first_surname, false);
    member(w, "second_surname", doc.second_surname);
  }
  if (has(plan.corrected, Variable::names)) {
    member(w, "first_name", doc.first_name, false);
    member(w, "second_name", doc.second_name);
  }
  if (has(plan.corrected, Variable::document_and_birth_date)) {
    member(w, "document_type", doc.document_type, false);
    member(w, "document_number", doc.document_number, false);
    member(w, "birth_date", doc.birth_date, false);
  }
  // Phone and mobile are always editable in the report (manual 001): what the provider wrote is current.
  if (!r.draft.contact.phone.empty()) member(w, "phone", r.draft.contact.phone);
  if (!r.draft.contact.mobile.empty()) member(w, "mobile", r.draft.contact.mobile);
  if (plan.registry_consistent) member(w, "data_quality", "ok", false);
  w.EndObject();
  return {buffer.GetString(), buffer.GetSize()};
}

RegistryClient::RegistryClient(http::Client& affiliates, service::ServiceToken& token, core::Logger& logger)
    : affiliates_(affiliates), token_(token), logger_(logger) {}

RegistryResult RegistryClient::send(http::Method method, const std::string& path, const std::string& body,
                                    const std::string& request_id) {
  RegistryResult out;
  for (int attempt = 0; attempt < 2; ++attempt) {
    const auto token = token_.get(request_id);
    if (!token) return out;
    http::Headers headers{{"Authorization", "Bearer " + *token}, {"Accept", "application/json"}};
    if (!request_id.empty()) headers.emplace("X-Request-Id", request_id);
    const auto result = affiliates_.request(method, path, headers, body);
    if (!result.ok()) {
      logger_.warn("registry_unreachable",
                   {{"error", std::string(http::to_string(result.error))}, {"request_id", request_id}});
      return out;
    }
    const int status = result.response->status;
    if (status == 401 && attempt == 0) {
      token_.invalidate();  // a revoked or expired service token: one fresh try
      continue;
    }
    out.detail = result.response->body;
    if (status == 200 || status == 201) {
      out.outcome = RegistryOutcome::done;
      auto parsed = json::parse(result.response->body);
      if (parsed.ok() && parsed.doc.HasMember("id") && parsed.doc["id"].IsInt64())
        out.affiliate_id = parsed.doc["id"].GetInt64();
    } else if (status == 409) {
      out.outcome = RegistryOutcome::conflict;
    } else if (status == 422 || status == 404) {
      out.outcome = RegistryOutcome::refused;
    } else {
      logger_.warn("registry_unexpected_status",
                   {{"status", static_cast<long long>(status)}, {"request_id", request_id}});
    }
    return out;
  }
  return out;
}

RegistryResult RegistryClient::create(const Report& report, const ProcessingRequest& request,
                                      const std::string& request_id) {
  return send(http::Method::post, "/api/v1/affiliates", create_affiliate_body(report, request), request_id);
}

RegistryResult RegistryClient::correct(const Report& report, const ProcessingPlan& plan,
                                       const std::string& request_id) {
  const long long id = report.registry ? report.registry->id : 0;
  return send(http::Method::patch, "/api/v1/affiliates/" + std::to_string(id),
              correct_affiliate_body(report, plan), request_id);
}

}  // namespace portal::inconsistencies
