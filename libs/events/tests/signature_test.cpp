// Issue 15: Standard Webhooks signatures and the relay's internal signature, pure.
#include "portal/events/signature.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using namespace portal::events;

TEST_CASE("Standard Webhooks signature: the specification's published example") {
  // The example of the Standard Webhooks reference libraries (checked with Python's hmac as well).
  const auto sig = webhook_signature("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
                                     1614265330, R"({"test": 2432232314})");
  REQUIRE(sig);
  CHECK(*sig == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  CHECK(*webhook_signature("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
                           1614265330, R"({"test": 2432232315})") != *sig);
}

TEST_CASE("Standard Webhooks signature refuses a secret that is not whsec_<base64>") {
  for (const char* secret : {"", "whsec_", "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "whsec_***", "whsec_abc"}) {
    CAPTURE(secret);
    CHECK_FALSE(webhook_signature(secret, "id", 1, "{}"));
  }
}

TEST_CASE("new webhook secrets are whsec_ + 32 random bytes, all different") {
  const auto a = new_webhook_secret();
  const auto b = new_webhook_secret();
  CHECK(a != b);
  REQUIRE(a.starts_with("whsec_"));
  const auto key = unbase64(a.substr(6));
  REQUIRE(key);
  CHECK(key->size() == 32);
}

TEST_CASE("base64 round trip and malformed input") {
  for (const std::string& s : std::vector<std::string>{"", "f", "fo", "foo", "foob", "fooba", "foobar",
                                                       std::string("\0\xff\x10", 3)}) {
    CAPTURE(s);
    CHECK(unbase64(base64(s)) == s);
  }
  CHECK(base64("foobar") == "Zm9vYmFy");
  for (const char* bad : {
           "Zm9",
           "Zm9v!mFy",
           "=Zm9",
           "Zg==Zg==",
           "Z===",
       }) {
    CAPTURE(bad);
    CHECK_FALSE(unbase64(bad));
  }
}

TEST_CASE("internal signature: right key, body and time only") {
  const std::string key(40, 'k');
  const std::int64_t now = 1'800'000'000;
  const auto header = internal_signature(key, now, "{\"a\":1}");
  CHECK(verify_internal_signature(key, header, "{\"a\":1}", now));
  CHECK(verify_internal_signature(key, header, "{\"a\":1}", now + 299));
  CHECK_FALSE(verify_internal_signature(key, header, "{\"a\":1}", now + 301));
  CHECK_FALSE(verify_internal_signature(key, header, "{\"a\":2}", now));
  CHECK_FALSE(verify_internal_signature(std::string(40, 'x'), header, "{\"a\":1}", now));
  CHECK_FALSE(verify_internal_signature(key, "", "{\"a\":1}", now));
  CHECK_FALSE(verify_internal_signature(key, "t=abc,v1=00", "{\"a\":1}", now));
}
