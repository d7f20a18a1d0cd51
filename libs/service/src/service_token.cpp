#include "portal/service/service_token.hpp"

#include "portal/http/percent_encoding.hpp"
#include "portal/json/json.hpp"

namespace portal::service {

ServiceToken::ServiceToken(http::Client& auth, ServiceCredentials credentials, const core::Clock& clock,
                           core::Logger& logger)
    : auth_(auth), credentials_(std::move(credentials)), clock_(clock), logger_(logger) {}

std::optional<std::string> ServiceToken::get(const std::string& request_id) {
  if (!credentials_.configured()) return std::nullopt;
  std::lock_guard lock(mutex_);
  const auto now = clock_.now();
  if (!token_.empty() && now < refresh_at_) return token_;
  std::string form =
      "grant_type=client_credentials&client_id=" + http::percent_encode(credentials_.client_id) +
      "&client_secret=" + http::percent_encode(credentials_.client_secret);
  if (!credentials_.scope.empty()) form += "&scope=" + http::percent_encode(credentials_.scope);
  http::Headers headers{{"Accept", "application/json"}};
  if (!request_id.empty()) headers.emplace("X-Request-Id", request_id);
  const auto result = auth_.request(http::Method::post, "/api/v1/auth/token", headers, form,
                                    "application/x-www-form-urlencoded");
  if (!result.ok() || result.response->status != 200) {
    logger_.warn("service_token_refused",
                 {{"client_id", credentials_.client_id},
                  {"status", static_cast<long long>(result.ok() ? result.response->status : 0)},
                  {"error", std::string(http::to_string(result.error))},
                  {"request_id", request_id}});
    return std::nullopt;
  }
  auto parsed = json::parse(result.response->body);
  if (!parsed.ok() || !parsed.doc.HasMember("access_token") || !parsed.doc["access_token"].IsString()) {
    logger_.warn("service_token_unreadable",
                 {{"client_id", credentials_.client_id}, {"request_id", request_id}});
    return std::nullopt;
  }
  long long expires_in = 300;
  if (parsed.doc.HasMember("expires_in") && parsed.doc["expires_in"].IsInt64())
    expires_in = parsed.doc["expires_in"].GetInt64();
  token_ = parsed.doc["access_token"].GetString();
  // Renewed a minute early (half the life for very short ones), so a token never expires in flight.
  const long long margin = expires_in > 120 ? 60 : expires_in / 2;
  refresh_at_ = now + std::chrono::seconds(expires_in - margin);
  return token_;
}

void ServiceToken::invalidate() {
  std::lock_guard lock(mutex_);
  token_.clear();
}

}  // namespace portal::service
