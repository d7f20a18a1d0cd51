// Issue 9 item 5: the revocation list, its signed feed and the rule that voids a token.
#include "portal/http/revocations.hpp"

#include <catch2/catch.hpp>

#include "portal/core/clock.hpp"

using namespace portal;
using namespace portal::http;

namespace {

const security::SigningKey& feed_key() {
  static const security::SigningKey key = security::SigningKey::generate("feed");
  return key;
}

security::Principal principal(std::string subject, long long issued_at) {
  security::Principal p;
  p.subject = std::move(subject);
  p.issued_at = issued_at;
  return p;
}

}  // namespace

TEST_CASE("issue 9: a token is void when issued before its subject's revocation") {
  const Revocations list{{"user:7", 1000}, {"client:his", 2000}};
  struct Row {
    std::string subject;
    long long issued_at;
    bool revoked;
  };
  for (const auto& [subject, issued_at, revoked] : {
           Row{"user:7", 999, true},
           Row{"user:7", 1000, false},  // issued in the second of the revocation (or after): a new login
           Row{"user:7", 1500, false}, Row{"user:8", 10, false},      // not listed
           Row{"client:his", 1999, true}, Row{"user:77", 10, false},  // no prefix matching
       }) {
    CAPTURE(subject, issued_at);
    CHECK(is_revoked(list, principal(subject, issued_at)) == revoked);
  }
}

TEST_CASE("issue 9: the feed payload round-trips and refuses anything else") {
  const Revocations list{{"user:7", 1000}, {"user:9", 1200}};
  CHECK(parse_revocations_payload(revocations_payload(list, 5000)) == list);
  CHECK(parse_revocations_payload(revocations_payload({}, 5000)) == Revocations{});
  // Two entries of one subject keep the later time.
  CHECK(parse_revocations_payload(
            R"({"revocations":[{"sub":"user:7","not_before":5},{"sub":"user:7","not_before":9}]})") ==
        Revocations{{"user:7", 9}});
  for (const char* bad :
       {"", "[]", "{}", R"({"revocations":{}})", R"({"revocations":[1]})",
        R"({"revocations":[{"sub":7,"not_before":5}]})", R"({"revocations":[{"sub":"user:7"}]})",
        R"({"revocations":[{"sub":"user:7","not_before":"5"}]})"}) {
    CAPTURE(bad);
    CHECK_FALSE(parse_revocations_payload(bad));
  }
}

TEST_CASE("issue 9: the signed feed verifies only with auth's keys and is never an access token") {
  core::SystemClock clock;
  security::TokenVerifier verifier(security::VerifierOptions{}, clock);
  REQUIRE(verifier.set_jwks(R"({"keys":[)" + feed_key().public_jwk() + "]}"));
  const Revocations list{{"user:7", 1000}};
  const auto jws = sign_revocations(feed_key(), list, 5000);

  const auto payload = verifier.verify_document(jws, kRevocationsType);
  REQUIRE(payload);
  CHECK(parse_revocations_payload(*payload) == list);
  CHECK_FALSE(verifier.verify_document(jws, "JWT"));  // the type is part of what is verified
  CHECK_FALSE(verifier.verify(jws).ok());             // a feed is not a token
  // Tampered payload, or signed by a key auth does not publish.
  auto tampered = jws;
  tampered[jws.find('.') + 5] = tampered[jws.find('.') + 5] == 'A' ? 'B' : 'A';
  CHECK_FALSE(verifier.verify_document(tampered, kRevocationsType));
  const auto stranger = security::SigningKey::generate("feed");
  CHECK_FALSE(verifier.verify_document(sign_revocations(stranger, {}, 1), kRevocationsType));

  // signed_feed_loader: what services poll.
  auto load = signed_feed_loader([&] { return std::optional<std::string>{jws}; }, verifier);
  CHECK(load() == std::optional<Revocations>{list});
  auto broken = signed_feed_loader([] { return std::optional<std::string>{"not a jws"}; }, verifier);
  CHECK_FALSE(broken());
  // An unchanged body is not verified again; a changed one is, and a bad one never replaces the list.
  std::string served = jws;
  auto polled = signed_feed_loader([&] { return std::optional<std::string>{served}; }, verifier);
  CHECK(polled() == std::optional<Revocations>{list});
  CHECK(polled() == std::optional<Revocations>{list});
  served = sign_revocations(feed_key(), {{"user:8", 7}}, 7);
  CHECK(polled() == std::optional<Revocations>{Revocations{{"user:8", 7}}});
  served = tampered;
  CHECK_FALSE(polled());
}

TEST_CASE("issue 9: writes re-load the list; reads use the polled one; a failed load keeps the last") {
  core::Logger log("t", core::LogLevel::error);
  Revocations source;
  int loads = 0;
  bool failing = false;
  RevocationFeed feed(
      [&]() -> std::optional<Revocations> {
        ++loads;
        if (failing) return std::nullopt;
        return source;
      },
      log, RevocationFeedOptions{std::chrono::milliseconds{60000}, true});
  REQUIRE(feed.refresh());
  const auto token = principal("user:7", 100);
  CHECK_FALSE(feed.revoked(token, false));

  source["user:7"] = 200;                   // revoked in auth; the next poll is a minute away
  CHECK_FALSE(feed.revoked(token, false));  // a read trusts the last poll
  CHECK(feed.revoked(token, true));         // a write re-loads first
  CHECK(feed.revoked(token, false));

  failing = true;
  const int before = loads;
  CHECK(feed.revoked(token, true));  // auth unreachable: the last list still holds
  CHECK(loads == before + 1);
}
