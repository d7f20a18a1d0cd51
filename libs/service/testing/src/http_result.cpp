#include "portal/service/testing/http_result.hpp"

#include <httplib.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cctype>

namespace portal::service::testing {

std::string HttpResult::header(const std::string& name) const {
  for (const auto& [k, v] : headers) {
    if (std::equal(k.begin(), k.end(), name.begin(), name.end(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
        }))
      return v;
  }
  return "";
}

std::string HttpResult::str(const char* member) const {
  if (!json.IsObject() || !json.HasMember(member) || !json[member].IsString()) return "";
  return json[member].GetString();
}

std::vector<std::string> HttpResult::error_fields() const {
  std::vector<std::string> out;
  if (!json.IsObject() || !json.HasMember("errors") || !json["errors"].IsArray()) return out;
  for (const auto& e : json["errors"].GetArray())
    out.push_back(std::string{e["field"].GetString()} + ":" + e["code"].GetString());
  return out;
}

HttpResult request(std::uint16_t port, const std::string& method, const std::string& path,
                   const std::string& body, const std::string& token, const std::string& content_type,
                   const std::vector<std::pair<std::string, std::string>>& extra) {
  httplib::Client client("127.0.0.1", port);
  client.set_read_timeout(30, 0);
  httplib::Headers headers;
  if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
  for (const auto& [k, v] : extra) headers.emplace(k, v);
  httplib::Result res = method == "GET"     ? client.Get(path.c_str(), headers)
                        : method == "PATCH" ? client.Patch(path.c_str(), headers, body, content_type.c_str())
                        : method == "PUT"   ? client.Put(path.c_str(), headers, body, content_type.c_str())
                                            : client.Post(path.c_str(), headers, body, content_type.c_str());
  REQUIRE(res);
  HttpResult out;
  out.status = res->status;
  out.body = res->body;
  out.content_type = res->get_header_value("Content-Type");
  for (const auto& [k, v] : res->headers) out.headers.emplace(k, v);
  out.json.Parse(out.body.c_str());
  if (out.json.HasParseError()) out.json.SetNull();
  return out;
}

}  // namespace portal::service::testing
