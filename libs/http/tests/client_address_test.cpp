// Issue 9 item 8: whose address counts as the client's.
#include "portal/http/client_address.hpp"

#include <catch2/catch.hpp>

#include "portal/security/password.hpp"

using namespace portal::http;

TEST_CASE("issue 9: networks contain the addresses they should, and only those") {
  struct Row {
    std::string network;
    std::string address;
    bool contained;
  };
  for (const auto& [network, address, contained] : {
           Row{"10.0.0.0/8", "10.200.3.4", true},
           Row{"10.0.0.0/8", "11.0.0.1", false},
           Row{"192.168.1.7", "192.168.1.7", true},
           Row{"192.168.1.7", "192.168.1.8", false},
           Row{"172.16.0.0/12", "172.31.255.255", true},
           Row{"172.16.0.0/12", "172.32.0.0", false},
           Row{"0.0.0.0/0", "8.8.8.8", true},
           Row{"::1", "::1", true},
           Row{"::1", "127.0.0.1", false},  // families never mix
           Row{"127.0.0.0/8", "::1", false},
           Row{"fd00::/8", "fd12:3456::1", true},
           Row{"fd00::/8", "fe80::1", false},
           Row{"10.0.0.0/8", "not-an-ip", false},
           Row{"10.0.0.0/8", "", false},
       }) {
    CAPTURE(network, address);
    const auto cidr = parse_cidr(network);
    REQUIRE(cidr);
    CHECK(cidr_contains(*cidr, address) == contained);
  }
  for (const char* bad : {"", "10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/x", "300.1.1.1", "localhost"}) {
    CAPTURE(bad);
    CHECK_FALSE(parse_cidr(bad));
  }
  CHECK(parse_cidr_list(" 10.0.0.0/8, ::1 ,").size() == 2);
  CHECK_THROWS_WITH(parse_cidr_list("10.0.0.0/8,nope"), "invalid address or network 'nope'");
}

TEST_CASE("issue 9: X-Forwarded-For is believed only from trusted proxies, read from the right") {
  const auto trusted = parse_cidr_list("10.0.0.0/8");
  struct Row {
    std::string peer;
    std::optional<std::string> forwarded_for;
    std::string client;
  };
  for (const auto& [peer, xff, client] : {
           Row{"203.0.113.9", std::string{"1.2.3.4"}, "203.0.113.9"},  // not a proxy: its header is ignored
           Row{"127.0.0.1", std::string{"1.2.3.4"}, "127.0.0.1"},      // loopback is not trusted by default
           Row{"10.0.0.5", std::nullopt, "10.0.0.5"},
           Row{"10.0.0.5", std::string{"198.51.100.7"}, "198.51.100.7"},
           // A client that writes its own X-Forwarded-For gets its spoofed entry skipped: the LB appended
           // the real address last.
           Row{"10.0.0.5", std::string{"6.6.6.6, 198.51.100.7"}, "198.51.100.7"},
           Row{"10.0.0.5", std::string{"198.51.100.7, 10.0.0.9"}, "198.51.100.7"},  // two proxies
           Row{"10.0.0.5", std::string{"10.0.0.8, 10.0.0.9"}, "10.0.0.8"},
           Row{"10.0.0.5", std::string{"198.51.100.7, <script>"}, "10.0.0.5"},
           Row{"10.0.0.5", std::string{""}, "10.0.0.5"},
       }) {
    CAPTURE(peer, xff.value_or("-"));
    const std::optional<std::string_view> header = xff ? std::optional<std::string_view>{*xff} : std::nullopt;
    CHECK(client_behind_proxies(peer, header, trusted) == client);
  }
}

TEST_CASE("issue 9: the gateway's signed client header verifies only under its key") {
  const std::string key = "k3y-of-32-bytes-or-more-for-hmac!";
  const auto header = sign_client_header(key, "198.51.100.7");
  CHECK(verify_client_header(key, header) == std::optional<std::string>{"198.51.100.7"});
  CHECK_FALSE(verify_client_header("another key", header));
  CHECK_FALSE(verify_client_header("", header));
  // The address cannot be changed under the signature, nor a signature invented.
  auto forged = header;
  forged.replace(0, 12, "203.0.113.66");
  CHECK_FALSE(verify_client_header(key, forged));
  CHECK_FALSE(verify_client_header(key, "198.51.100.7"));
  CHECK_FALSE(verify_client_header(key, "198.51.100.7; sig="));
  CHECK_FALSE(
      verify_client_header(key, "not-an-ip; sig=" + portal::security::hmac_sha256_hex(key, "not-an-ip")));
}

TEST_CASE("issue 10: who may read /metrics: loopback by default, CIDRs or anyone when configured") {
  struct Row {
    const char* setting;
    const char* client;
    bool allowed;
  };
  for (const auto& [setting, client, allowed] : {
           Row{"", "127.0.0.1", true},
           Row{"", "::1", true},
           Row{"", "10.1.2.3", false},
           Row{"", "203.0.113.9", false},
           Row{"10.0.0.0/8", "10.1.2.3", true},
           Row{"10.0.0.0/8", "127.0.0.1", false},  // configured: only what it names
           Row{"10.0.0.0/8, fd00::/8", "fd00::7", true},
           Row{"*", "203.0.113.9", true},
           Row{" * ", "198.51.100.1", true},
       }) {
    CAPTURE(setting, client);
    CHECK(parse_metrics_access(setting).allows(client) == allowed);
  }
  CHECK_THROWS_WITH(parse_metrics_access("10.0.0.0/8, prometheus"), Catch::Contains("prometheus"));
}
