#include <sodium.h>

#include <catch2/catch.hpp>
#include <regex>

#include "portal/security/password.hpp"

using namespace portal::security;

TEST_CASE("argon2id round trip (AUTH-5)") {
  const std::string hash = hash_password("Demo.2026");
  CHECK(verify_password(hash, "Demo.2026"));
  CHECK_FALSE(verify_password(hash, "demo.2026"));
  CHECK_FALSE(verify_password(hash, "Demo.2026 "));
  CHECK_FALSE(verify_password(hash, ""));
  CHECK(hash_password("Demo.2026") != hash);  // a fresh salt every time
  CHECK_FALSE(password_needs_rehash(hash));
}

TEST_CASE("argon2id PHC string carries OWASP's minimum parameters (m >= 19 MiB, t >= 2, p = 1)") {
  const std::string hash = hash_password("Xq7.rT2m-long enough");
  CAPTURE(hash);
  CHECK(hash.rfind("$argon2id$v=19$m=19456,t=2,p=1$", 0) == 0);
  std::smatch m;
  REQUIRE(std::regex_search(hash, m, std::regex(R"(^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$)")));
  CHECK(std::stol(m[1]) >= 19456);  // KiB
  CHECK(std::stol(m[2]) >= 2);
  CHECK(std::stol(m[3]) == 1);
}

TEST_CASE("verify_password is false for anything that is not a valid hash") {
  for (const char* bad : {"", "plain-text", "$argon2id$v=19$m=19456,t=2,p=1$", "$argon2id$v=19$garbage$x$y",
                          "$2b$12$abcdefghijklmnopqrstuuJm3bYFmIxTCwVYyWx6FrX5Dra1bXaK"}) {
    CAPTURE(bad);
    CHECK_FALSE(verify_password(bad, "Demo.2026"));
    CHECK(password_needs_rehash(bad));
  }
  CHECK_FALSE(verify_password(std::string(500, '$'), "Demo.2026"));
}

TEST_CASE("hashes made with weaker parameters ask to be re-hashed") {
  REQUIRE(sodium_init() >= 0);
  char weak[crypto_pwhash_STRBYTES];
  REQUIRE(crypto_pwhash_str_alg(weak, "Demo.2026", 9, 1, 8u * 1024 * 1024, crypto_pwhash_ALG_ARGON2ID13) == 0);
  CHECK(verify_password(weak, "Demo.2026"));
  CHECK(password_needs_rehash(weak));
}
