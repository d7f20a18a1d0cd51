#include "webhook_sender.hpp"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netdb.h>

#include <memory>
#include <mutex>

#include "address_policy.hpp"

namespace portal::events_hub {
namespace {

void curl_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Capped {
  std::size_t limit;
  std::size_t received = 0;
};

std::size_t discard_capped(char*, std::size_t size, std::size_t n, void* user) {
  auto* cap = static_cast<Capped*>(user);
  cap->received += size * n;
  return cap->received > cap->limit ? 0 : size * n;  // 0 aborts the transfer (CURLE_WRITE_ERROR)
}

}  // namespace

Resolution resolve_target(const WebhookUrl& url, bool allow_private) {
  Resolution r;
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (::getaddrinfo(url.host.c_str(), nullptr, &hints, &found) != 0 || found == nullptr) {
    r.error = "dns_failed";
    r.detail = url.host;
    return r;
  }
  std::unique_ptr<addrinfo, decltype(&::freeaddrinfo)> guard(found, &::freeaddrinfo);
  for (const addrinfo* a = found; a != nullptr; a = a->ai_next) {
    char text[INET6_ADDRSTRLEN] = {};
    if (a->ai_family == AF_INET)
      ::inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(a->ai_addr)->sin_addr, text, sizeof text);
    else if (a->ai_family == AF_INET6)
      ::inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(a->ai_addr)->sin6_addr, text, sizeof text);
    else
      continue;
    const std::string address(text);
    if (const auto kind = forbidden_address_kind(address); kind && !allow_private) {
      r.addresses.clear();
      r.error = "address_not_allowed";
      r.detail = address + " (" + std::string(*kind) + ")";
      return r;
    }
    bool seen = false;
    for (const auto& known : r.addresses) seen = seen || known == address;
    if (!seen) r.addresses.push_back(address);
  }
  if (r.addresses.empty()) {
    r.error = "dns_failed";
    r.detail = url.host;
  }
  return r;
}

std::string check_target(const WebhookUrl& url, const SenderOptions& options, std::string* detail) {
  if (url.scheme == "http" && !options.allow_http) return "scheme_not_allowed";
  auto resolved = resolve_target(url, options.allow_private);
  if (detail) *detail = resolved.detail;
  return resolved.error;
}

AttemptResult send_webhook(const WebhookUrl& url, const SenderOptions& options, const HeaderList& headers,
                           const std::string& body) {
  AttemptResult result;
  const auto started = std::chrono::steady_clock::now();
  auto finish = [&](AttemptResult r) {
    r.latency =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    return r;
  };
  if (url.scheme == "http" && !options.allow_http) return finish({0, "scheme_not_allowed", {}});
  const auto resolved = resolve_target(url, options.allow_private);
  if (!resolved.error.empty()) return finish({0, resolved.error, {}});

  curl_once();
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> c(curl_easy_init(), &curl_easy_cleanup);
  if (!c) return finish({0, "curl_init_failed", {}});
  const std::string host_in_url = url.ipv6_literal ? "[" + url.host + "]" : url.host;
  const std::string full = url.scheme + "://" + host_in_url + ":" + std::to_string(url.port) + url.target;
  // Pinned: curl connects to the address checked above and never asks DNS again.
  const std::string& address = resolved.addresses.front();
  const std::string pin = host_in_url + ":" + std::to_string(url.port) + ":" +
                          (address.find(':') != std::string::npos ? "[" + address + "]" : address);
  curl_slist* resolve = curl_slist_append(nullptr, pin.c_str());
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> resolve_guard(resolve, &curl_slist_free_all);
  curl_slist* list = nullptr;
  for (const auto& [name, value] : headers) list = curl_slist_append(list, (name + ": " + value).c_str());
  list = curl_slist_append(list, "Content-Type: application/json");
  list = curl_slist_append(list, "Expect:");
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> header_guard(list, &curl_slist_free_all);
  Capped cap{options.max_response_bytes};

  CURL* h = c.get();
  curl_easy_setopt(h, CURLOPT_URL, full.c_str());
  curl_easy_setopt(h, CURLOPT_RESOLVE, resolve);
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(h, CURLOPT_NOPROXY, "*");
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(options.timeout.count()));
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(std::min<long long>(options.timeout.count(), 5000)));
  curl_easy_setopt(h, CURLOPT_POST, 1L);
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, body.data());
  curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, list);
  curl_easy_setopt(h, CURLOPT_USERAGENT, "portal-events/1 (Standard Webhooks)");
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, discard_capped);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &cap);
  const CURLcode code = curl_easy_perform(h);
  long status = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
  result.status = static_cast<int>(status);
  if (code == CURLE_WRITE_ERROR && cap.received > cap.limit) {
    // The receiver answered; only its body was longer than we read. Its status stands.
    result.error = result.succeeded() ? "" : "response_too_large";
  } else if (code == CURLE_OPERATION_TIMEDOUT) {
    result.error = "timeout";
  } else if (code != CURLE_OK) {
    result.error = curl_easy_strerror(code);
  } else if (!result.succeeded()) {
    result.error =
        status >= 300 && status < 400 ? "redirect_not_followed" : "status_" + std::to_string(status);
  }
  return finish(result);
}

}  // namespace portal::events_hub
