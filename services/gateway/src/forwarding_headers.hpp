#pragma once
// GW-2/GW-3: which headers cross the gateway. Hop-by-hop headers (RFC 9110 §7.6.1) belong to one
// connection and never cross; identity headers a client could forge (X-User-*, X-Principal-*, ...)
// are dropped so no service can be tricked into trusting them; X-Forwarded-* are rewritten by the
// gateway, never passed through from the client. Authorization is kept: services verify it again.
// Pure: no I/O.
#include <string>
#include <string_view>

#include "portal/http/message.hpp"

namespace portal::gateway {

// Connection, Keep-Alive, TE, Trailer, Transfer-Encoding, Upgrade, Proxy-*, plus any header named in
// the message's own Connection header.
bool is_hop_by_hop(std::string_view name, const http::Headers& headers);

// Headers a client may not set for the services: identity claims and forwarding information.
bool is_client_identity_header(std::string_view name);

struct ForwardContext {
  std::string request_id;
  std::string client_ip;
  std::string proto = "http";  // scheme the client used to reach the gateway
  // X-Portal-Client for the services: client_ip signed with the forwarding key (issue 9); empty: none.
  std::string signed_client;
};

// Headers for the upstream request built from the client's: hop-by-hop, identity, Host,
// Content-Length and Content-Type dropped (the client library sets them), then X-Request-Id,
// X-Forwarded-For and X-Forwarded-Proto set by the gateway.
http::Headers upstream_request_headers(const http::Headers& client_headers, const ForwardContext& context);

// Headers of the upstream's response passed on to the client: all but hop-by-hop, Content-Length and
// Content-Type (the server library writes those from the response it sends).
http::Headers client_response_headers(const http::Headers& upstream_headers);
// The same, in place (the proxy's path: no copy of the headers that stay).
void strip_for_client(http::Headers& upstream_headers);

}  // namespace portal::gateway
