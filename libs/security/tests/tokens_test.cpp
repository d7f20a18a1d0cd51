#include <catch2/catch.hpp>
#include <regex>
#include <set>

#include "portal/security/jwt.hpp"
#include "portal/security/password.hpp"

using namespace portal::security;

TEST_CASE("random_token is URL-safe, of the requested entropy, and never repeats") {
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    const std::string t = random_token();
    CHECK(std::regex_match(t, std::regex("[A-Za-z0-9_-]{43}")));  // 32 bytes
    seen.insert(t);
  }
  CHECK(seen.size() == 200);
  CHECK(base64url_decode(random_token(16))->size() == 16);
}

TEST_CASE("sha256_hex (FIPS 180-2 vectors)") {
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}
