#include <catch2/catch.hpp>

#include "portal/security/jwt.hpp"

using portal::security::base64url_decode;
using portal::security::base64url_encode;

TEST_CASE("base64url round trip (RFC 4648 vectors, URL alphabet, no padding)") {
  struct Row {
    std::string plain;
    const char* encoded;
  };
  for (const auto& row : {Row{"", ""}, Row{"f", "Zg"}, Row{"fo", "Zm8"}, Row{"foo", "Zm9v"}, Row{"foob", "Zm9vYg"},
                          Row{"fooba", "Zm9vYmE"}, Row{"foobar", "Zm9vYmFy"}, Row{"\xfb\xff", "-_8"},
                          Row{std::string("\0\0\0", 3), "AAAA"}}) {
    CAPTURE(row.encoded);
    CHECK(base64url_encode(row.plain) == row.encoded);
    CHECK(base64url_decode(row.encoded) == row.plain);
  }
}

TEST_CASE("base64url decoder rejects everything but the canonical form") {
  for (const char* bad : {"Zg==", "Zm8=", "Zm9v!", "Z", "Zm9vY", "+/8", "Zm9v Zg", "Zm9v\n", "Zh", "Zm9"}) {
    CAPTURE(bad);
    CHECK_FALSE(base64url_decode(bad).has_value());
  }
}
