#include <catch2/catch.hpp>

#include "forwarding_headers.hpp"

using portal::gateway::client_response_headers;
using portal::gateway::ForwardContext;
using portal::gateway::is_client_identity_header;
using portal::gateway::is_hop_by_hop;
using portal::gateway::upstream_request_headers;
using portal::http::Headers;

TEST_CASE("GW-3 hop-by-hop headers never cross the gateway") {
  const Headers message{{"Connection", "keep-alive, X-Secret-Hop"}};
  struct Row {
    const char* name;
    bool hop;
  };
  for (auto [name, hop] : {Row{"Connection", true}, Row{"keep-alive", true}, Row{"TE", true},
                           Row{"Trailer", true}, Row{"Transfer-Encoding", true}, Row{"Upgrade", true},
                           Row{"Proxy-Authorization", true}, Row{"proxy-connection", true},
                           Row{"X-Secret-Hop", true}, Row{"Authorization", false}, Row{"Accept", false},
                           Row{"Content-Type", false}, Row{"Trailers", false}}) {
    CAPTURE(name);
    CHECK(is_hop_by_hop(name, message) == hop);
  }
}

TEST_CASE("GW-2 identity headers a client could forge are dropped") {
  struct Row {
    const char* name;
    bool identity;
  };
  for (auto [name, identity] : {Row{"X-User-Id", true}, Row{"x-user-roles", true}, Row{"X-Principal-Subject", true},
                                Row{"X-Principal", true}, Row{"X-Authenticated-User", true},
                                Row{"X-Forwarded-For", true}, Row{"Forwarded", true}, Row{"X-Real-IP", true},
                                Row{"X-Provider-Nit", true}, Row{"Authorization", false},
                                Row{"Accept-Language", false}, Row{"X-Username-Hint", false}}) {
    CAPTURE(name);
    CHECK(is_client_identity_header(name) == identity);
  }
}

TEST_CASE("GW-3 upstream request headers: kept, dropped and set by the gateway") {
  const Headers client{{"Authorization", "Bearer abc"},
                       {"Accept-Language", "en"},
                       {"Content-Type", "application/json"},
                       {"Content-Length", "12"},
                       {"Host", "portal.example"},
                       {"Connection", "keep-alive, X-Hop"},
                       {"X-Hop", "1"},
                       {"Keep-Alive", "timeout=5"},
                       {"Transfer-Encoding", "chunked"},
                       {"Upgrade", "websocket"},
                       {"Proxy-Authorization", "Basic x"},
                       {"Expect", "100-continue"},
                       {"X-User-Id", "1"},
                       {"X-Principal-Roles", "admin"},
                       {"X-Forwarded-For", "6.6.6.6"},
                       {"X-Request-Id", "client-chosen"},
                       {"Idempotency-Key", "k1"}};
  const auto out = upstream_request_headers(client, ForwardContext{"req-42", "10.1.2.3", "https"});
  const Headers expected{{"Authorization", "Bearer abc"},  {"Accept-Language", "en"},
                         {"Idempotency-Key", "k1"},        {"X-Request-Id", "req-42"},
                         {"X-Forwarded-For", "10.1.2.3"},  {"X-Forwarded-Proto", "https"}};
  CHECK(out == expected);
}

TEST_CASE("GW-3 client response headers: upstream's own minus hop-by-hop and framing") {
  const Headers upstream{{"Content-Type", "application/json"}, {"Content-Length", "10"},
                         {"Connection", "close"},             {"Transfer-Encoding", "chunked"},
                         {"ETag", "\"v1\""},                  {"Retry-After", "30"},
                         {"X-Request-Id", "req-42"}};
  const Headers expected{{"ETag", "\"v1\""}, {"Retry-After", "30"}, {"X-Request-Id", "req-42"}};
  CHECK(client_response_headers(upstream) == expected);
}
