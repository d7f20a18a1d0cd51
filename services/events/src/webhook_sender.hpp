#pragma once
// Issue 15: one webhook POST, with the SSRF rules applied at delivery time. The host is resolved here and
// every address it gives is checked (address_policy.hpp); the connection is then pinned to the checked
// address (libcurl's CURLOPT_RESOLVE), so a DNS answer that changes between the check and the connect
// cannot point the request elsewhere. No redirect is followed, no proxy is used, the time is capped and at
// most max_response_bytes of the answer are read.
#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "webhook_url.hpp"

namespace portal::events_hub {

struct SenderOptions {
  bool allow_private = false;  // PORTAL_WEBHOOKS_ALLOW_PRIVATE: loopback and private nets (tests only)
  bool allow_http = false;     // PORTAL_WEBHOOKS_ALLOW_HTTP: plain http (tests only)
  std::chrono::milliseconds timeout{10000};
  std::size_t max_response_bytes = 64 * 1024;
};

struct Resolution {
  std::vector<std::string> addresses;  // every address of the host, all allowed
  std::string error;                   // "" | "dns_failed" | "address_not_allowed"
  std::string detail;                  // the refused address and its kind, for the log and the delivery log
};
// The host's addresses, refused as a whole if any of them is not allowed (a name that resolves to a
// public and a private address is refused: which one a client would use is not ours to guess).
Resolution resolve_target(const WebhookUrl& url, bool allow_private);

// Why a URL may not be registered or called under these options: "" when it may, else the field error
// code ("scheme_not_allowed", "address_not_allowed", "dns_failed"), with detail.
std::string check_target(const WebhookUrl& url, const SenderOptions& options, std::string* detail = nullptr);

struct AttemptResult {
  int status = 0;     // the HTTP status, 0 when there was no answer
  std::string error;  // why there was no usable answer ("", "address_not_allowed", "timeout", ...)
  std::chrono::milliseconds latency{};
  bool succeeded() const { return status >= 200 && status < 300; }
};

using HeaderList = std::vector<std::pair<std::string, std::string>>;
AttemptResult send_webhook(const WebhookUrl& url, const SenderOptions& options, const HeaderList& headers,
                           const std::string& body);

}  // namespace portal::events_hub
