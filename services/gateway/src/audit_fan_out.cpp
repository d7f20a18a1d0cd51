#include "audit_fan_out.hpp"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <future>
#include <tuple>

#include "forwarding_headers.hpp"
#include "portal/audit/audit_route.hpp"
#include "portal/http/client_address.hpp"
#include "portal/http/percent_encoding.hpp"
#include "portal/http/problem.hpp"
#include "portal/json/json.hpp"

namespace portal::gateway {
namespace {

struct Record {
  core::Instant at{};
  std::string service;
  long long id = 0;
  std::string json;
};

std::string to_json(const rapidjson::Value& v) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  v.Accept(w);
  return {buffer.GetString(), buffer.GetSize()};
}

}  // namespace

MergedAudit merge_audit_answers(const std::vector<AuditServiceAnswer>& answers,
                                const http::PageRequest& page) {
  MergedAudit out;
  std::vector<Record> records;
  for (const auto& a : answers) {
    if (!a.status) {
      out.unavailable.emplace_back(a.service, "no_answer");
      continue;
    }
    rapidjson::Document doc;
    doc.Parse(a.body.c_str(), a.body.size());
    if (*a.status != 200 || doc.HasParseError() || !doc.IsObject() || !doc.HasMember("items") ||
        !doc["items"].IsArray() || !doc.HasMember("total") || !doc["total"].IsInt64()) {
      out.unavailable.emplace_back(a.service, "status_" + std::to_string(*a.status));
      continue;
    }
    out.total += doc["total"].GetInt64();
    for (const auto& item : doc["items"].GetArray()) {
      if (!item.IsObject() || !item.HasMember("at") || !item["at"].IsString()) continue;
      Record r;
      r.at = core::parse_rfc3339(item["at"].GetString()).value_or(core::Instant{});
      r.service = a.service;
      r.id = item.HasMember("id") && item["id"].IsInt64() ? item["id"].GetInt64() : 0;
      r.json = to_json(item);
      records.push_back(std::move(r));
    }
  }
  std::sort(records.begin(), records.end(), [](const Record& a, const Record& b) {
    return std::tie(b.at, a.service, b.id) < std::tie(a.at, b.service, a.id);
  });
  const auto first = static_cast<std::size_t>(page.offset());
  for (std::size_t i = first; i < records.size() && i < first + static_cast<std::size_t>(page.per_page); ++i)
    out.items.push_back(std::move(records[i].json));
  return out;
}

std::string audit_upstream_query(const http::Request& req, const http::PageRequest& page) {
  std::string query;
  for (const auto& [name, value] : req.query) {
    if (name == "page" || name == "per_page") continue;
    query += (query.empty() ? "" : "&") + http::percent_encode(name) + "=" + http::percent_encode(value);
  }
  query += (query.empty() ? "" : "&") + std::string("page=1&per_page=") +
           std::to_string(page.page * page.per_page);
  return query;
}

http::Response AuditFanOut::answer(const http::Request& req) const {
  if (!audit::may_read(req)) return http::problem(req, http::forbidden());
  // The same filters as every service (a bad one is 422 here, before anyone is asked), and a depth limit.
  auto query = audit::read_query(req, 200);
  if (auto* bad = std::get_if<http::Response>(&query)) return std::move(*bad);
  const auto page = std::get<audit::AuditQuery>(query).page;
  if (page.page * page.per_page > kMaxAuditDepth) {
    return http::problem(
        req,
        http::validation_failed({{"page",
                                  "too_deep",
                                  {"page × per_page es de máximo 1000: acote el rango con from y to",
                                   "page × per_page is at most 1000: narrow the range with from and to"}}}));
  }
  const std::string target = std::string(audit::kAuditPath) + "?" + audit_upstream_query(req, page);
  const http::Headers headers = upstream_request_headers(
      req.headers,
      ForwardContext{req.request_id, req.client_ip, forwarded_proto_,
                     forwarding_key_.empty() ? std::string{}
                                             : http::sign_client_header(forwarding_key_, req.client_ip)});
  std::vector<std::future<AuditServiceAnswer>> calls;
  for (Upstream* upstream : upstreams_) {
    calls.push_back(std::async(std::launch::async, [upstream, &target, &headers] {
      auto result = upstream->request(http::Method::get, target, headers, "", "");
      AuditServiceAnswer a{upstream->name(), std::nullopt, ""};
      if (result.ok()) {
        a.status = result.response->status;
        a.body = std::move(result.response->body);
      }
      return a;
    }));
  }
  std::vector<AuditServiceAnswer> answers;
  if (local_) {
    // The same query the services get: the client's filters, page 1, page × per_page records.
    http::Request local = req;
    local.query.erase("page");
    local.query.erase("per_page");
    local.query.emplace("page", "1");
    local.query.emplace("per_page", std::to_string(page.page * page.per_page));
    const http::Response res = local_(local);
    answers.push_back(AuditServiceAnswer{"gateway", res.status, res.body});
  }
  for (auto& call : calls) answers.push_back(call.get());
  const auto merged = merge_audit_answers(answers, page);

  rapidjson::StringBuffer buffer;
  json::Writer w(buffer);
  w.StartObject();
  json::write_key(w, "items");
  w.StartArray();
  for (const auto& item : merged.items) w.RawValue(item.c_str(), item.size(), rapidjson::kObjectType);
  w.EndArray();
  json::write_key(w, "page");
  w.Int64(page.page);
  json::write_key(w, "per_page");
  w.Int64(page.per_page);
  json::write_key(w, "total");
  w.Int64(merged.total);
  json::write_key(w, "unavailable");
  w.StartArray();
  for (const auto& [service, reason] : merged.unavailable) {
    w.StartObject();
    json::write_key(w, "service");
    json::write_string(w, service);
    json::write_key(w, "reason");
    json::write_string(w, reason);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  auto res = http::Response::json(200, std::string{buffer.GetString(), buffer.GetSize()});
  return http::with_page_links(res, req, page, merged.total);
}

}  // namespace portal::gateway
