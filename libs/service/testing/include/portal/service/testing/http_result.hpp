#pragma once
// Integration tests of a service running in the test process: one HTTP request to it on 127.0.0.1, and
// the answer with its body parsed as JSON.
#include <rapidjson/document.h>

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace portal::service::testing {

struct HttpResult {
  int status = 0;
  std::string body;
  std::string content_type;
  std::multimap<std::string, std::string> headers;
  rapidjson::Document json;  // the parsed body; Null when it is not JSON

  std::string header(const std::string& name) const;  // case-insensitive; "" when absent
  std::string str(const char* member) const;          // json[member] as a string; "" when absent
  // "field:code" of every problem error, in the order of the answer.
  std::vector<std::string> error_fields() const;
};

// GET, PATCH and PUT as named, any other method as POST; the token (when not empty) as a Bearer
// Authorization header. Fails the test when no answer arrives within 30 s.
HttpResult request(std::uint16_t port, const std::string& method, const std::string& path,
                   const std::string& body = "", const std::string& token = "",
                   const std::string& content_type = "application/json",
                   const std::vector<std::pair<std::string, std::string>>& headers = {});

}  // namespace portal::service::testing
