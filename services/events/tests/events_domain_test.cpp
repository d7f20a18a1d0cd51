// Issue 15, pure rules of portal-events: webhook URLs, forbidden addresses (SSRF), the retry schedule, who
// reads which events, who manages webhooks, SSE framing.
#include <algorithm>
#include <catch2/catch.hpp>

#include "address_policy.hpp"
#include "delivery_policy.hpp"
#include "sse.hpp"
#include "webhook_url.hpp"

using namespace portal;
using namespace portal::events_hub;
using namespace std::chrono_literals;

TEST_CASE("webhook URLs") {
  struct Row {
    const char* url;
    const char* error;
    const char* host;
    int port;
    const char* target;
  };
  for (auto [url, error, host, port, target] : {
           Row{"https://his.example.co/hooks/eps", "", "his.example.co", 443, "/hooks/eps"},
           Row{"https://HIS.Example.co:8443", "", "his.example.co", 8443, "/"},
           Row{"http://127.0.0.1:9000/x?y=1", "", "127.0.0.1", 9000, "/x?y=1"},
           Row{"https://[::1]:8443/h", "", "::1", 8443, "/h"},
           Row{"https://his.example.co?x=1", "", "his.example.co", 443, "/?x=1"},
           Row{"ftp://his.example.co/", "scheme_not_allowed", "", 0, ""},
           Row{"file:///etc/passwd", "scheme_not_allowed", "", 0, ""},
           Row{"gopher://x", "scheme_not_allowed", "", 0, ""},
           Row{"https://user:pw@his.example.co/", "credentials_not_allowed", "", 0, ""},
           Row{"https://his.example.co/#frag", "invalid_url", "", 0, ""},
           Row{"https://his.example.co:0/", "invalid_url", "", 0, ""},
           Row{"https://his.example.co:99999/", "invalid_url", "", 0, ""},
           Row{"https://his.example.co:/", "invalid_url", "", 0, ""},
           Row{"https:///x", "invalid_url", "", 0, ""},
           Row{"https://[::1/", "invalid_url", "", 0, ""},
           Row{"https://[nothex]/", "invalid_url", "", 0, ""},
           Row{"https://bad host/", "invalid_url", "", 0, ""},
           Row{"https://x.co/a b", "invalid_url", "", 0, ""},
           Row{"his.example.co/hooks", "invalid_url", "", 0, ""},
           Row{"", "invalid_url", "", 0, ""},
       }) {
    CAPTURE(url);
    const auto parsed = parse_webhook_url(url);
    CHECK(parsed.error == error);
    if (parsed.url) {
      CHECK(parsed.url->host == host);
      CHECK(parsed.url->port == port);
      CHECK(parsed.url->target == target);
    }
  }
}

TEST_CASE("SSRF: forbidden address kinds, IPv4 and IPv6 (mapped and NAT64 judged by their IPv4)") {
  struct Row {
    const char* ip;
    const char* kind;  // "" = allowed
  };
  for (auto [ip, kind] : {
           Row{"127.0.0.1", "loopback"},
           Row{"127.255.0.9", "loopback"},
           Row{"10.1.2.3", "private"},
           Row{"172.16.0.1", "private"},
           Row{"172.31.255.255", "private"},
           Row{"172.32.0.1", ""},
           Row{"192.168.1.1", "private"},
           Row{"169.254.169.254", "link_local"},
           Row{"100.64.0.1", "shared"},
           Row{"100.128.0.1", ""},
           Row{"0.0.0.0", "unspecified"},
           Row{"0.1.2.3", "reserved"},
           Row{"224.0.0.1", "multicast"},
           Row{"255.255.255.255", "reserved"},
           Row{"192.0.2.10", "reserved"},
           Row{"198.18.0.1", "reserved"},
           Row{"8.8.8.8", ""},
           Row{"190.24.1.1", ""},
           Row{"::1", "loopback"},
           Row{"::", "unspecified"},
           Row{"::ffff:127.0.0.1", "loopback"},
           Row{"::ffff:169.254.169.254", "link_local"},
           Row{"::ffff:10.0.0.1", "private"},
           Row{"::ffff:8.8.8.8", ""},
           Row{"64:ff9b::7f00:1", "loopback"},
           Row{"64:ff9b::808:808", ""},
           Row{"::127.0.0.1", "reserved"},
           Row{"fd00:ec2::254", "private"},
           Row{"fc00::1", "private"},
           Row{"fe80::1", "link_local"},
           Row{"ff02::1", "multicast"},
           Row{"2001:db8::1", "reserved"},
           Row{"2002:7f00:1::", "loopback"},
           Row{"2800:3f0:4005:800::200e", ""},
           Row{"not-an-ip", "invalid"},
       }) {
    CAPTURE(ip);
    const auto k = forbidden_address_kind(ip);
    CHECK(std::string(k.value_or("")) == kind);
  }
}

TEST_CASE("retry schedule: Standard Webhooks' eight attempts over about a day, then the delivery fails") {
  const auto& s = default_schedule();
  CHECK(next_retry(1, s) == 5s);
  CHECK(next_retry(2, s) == 5min);
  CHECK(next_retry(7, s) == 10h);
  CHECK_FALSE(next_retry(8, s));
  CHECK_FALSE(next_retry(0, s));
  std::chrono::milliseconds total{};
  for (auto d : s) total += d;
  CHECK(total > 24h);
  CHECK(total < 30h);
  CHECK(parse_schedule("10, 20,30") == Schedule{10ms, 20ms, 30ms});
  for (const char* bad : {"", "0", "-5", "1,,2", "x", "86400001"}) {
    CAPTURE(bad);
    CHECK_THROWS_AS(parse_schedule(bad), std::invalid_argument);
  }
}

namespace {

security::Principal principal(std::string type, std::vector<std::string> roles,
                              std::vector<std::string> perms, std::optional<std::string> nit) {
  security::Principal p;
  p.subject = "user:1";
  p.user_type = std::move(type);
  p.roles = std::move(roles);
  p.permissions = std::move(perms);
  p.provider_nit = std::move(nit);
  return p;
}

}  // namespace

TEST_CASE("who reads which events, who manages webhooks") {
  struct Row {
    const char* who;
    security::Principal p;
    bool allowed;
    std::optional<std::string> provider;
    bool reads_authorizations;
    std::optional<std::string> owner;
  };
  const std::string nit = "900000001";
  for (const auto& r : {
           Row{"provider admin", principal("provider", {"provider_admin"}, {}, nit), true, nit, true, nit},
           Row{"delegate with authorizations",
               principal("provider", {"provider_user"}, {"authorizations"}, nit), true, nit, true,
               std::nullopt},
           Row{"delegate without it", principal("provider", {"provider_user"}, {"payments"}, nit), true, nit,
               false, std::nullopt},
           Row{"bound integrator", principal("client", {}, {"authorizations"}, nit), true, nit, true, nit},
           Row{"bound integrator without scope", principal("client", {}, {"urgencies"}, nit), true, nit,
               false, nit},
           Row{"EPS ERP client", principal("client", {}, {"payments"}, std::nullopt), false, std::nullopt,
               false, std::nullopt},
           Row{"auditor", principal("employee", {"auditor"}, {}, std::nullopt), true, std::nullopt, true,
               std::nullopt},
           Row{"finance analyst", principal("employee", {"finance"}, {}, std::nullopt), false, std::nullopt,
               false, std::nullopt},
           Row{"provider user without NIT", principal("provider", {"provider_admin"}, {}, std::nullopt),
               false, std::nullopt, true, std::nullopt},
       }) {
    CAPTURE(r.who);
    const auto scope = event_scope(r.p);
    CHECK(scope.allowed == r.allowed);
    if (scope.allowed) CHECK(scope.provider_nit == r.provider);
    CHECK(may_read_type(r.p, "authorization_request.approved") == r.reads_authorizations);
    CHECK(webhook_owner(r.p) == r.owner);
  }
}

TEST_CASE("finance's job events go to the users of the module the job belongs to (issue 19)") {
  const std::string nit = "900000001";
  const auto glosas = principal("provider", {"provider_user"}, {"glosas"}, nit);
  const auto portfolio = principal("provider", {"provider_user"}, {"portfolio"}, nit);
  const auto integrator = principal("client", {}, {"portfolio"}, nit);
  CHECK(may_read_type(glosas, "glosa_response.finished"));
  CHECK_FALSE(may_read_type(glosas, "portfolio_request.finished"));
  CHECK(may_read_type(portfolio, "portfolio_request.progress"));
  CHECK(may_read_type(portfolio, "portfolio_request.finished"));
  CHECK_FALSE(may_read_type(portfolio, "glosa_response.finished"));
  CHECK(may_read_type(integrator, "portfolio_request.finished"));
  for (const char* type :
       {"portfolio_request.progress", "portfolio_request.finished", "glosa_response.finished"})
    CHECK(std::find(known_event_types().begin(), known_event_types().end(), type) !=
          known_event_types().end());
}

TEST_CASE("SSE framing: one data line, no field broken by a line break") {
  CHECK(sse_event("evt_1", "a.b", R"({"x":1})") == "id: evt_1\nevent: a.b\ndata: {\"x\":1}\n\n");
  CHECK(sse_event("evt_1\nevent: forged", "a.b", "{}") ==
        "id: evt_1 event: forged\nevent: a.b\ndata: {}\n\n");
  CHECK(sse_comment("heartbeat") == ": heartbeat\n\n");
  CHECK(sse_retry(3000) == "retry: 3000\n\n");
}
