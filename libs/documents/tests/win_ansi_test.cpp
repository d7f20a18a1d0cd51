#include "portal/documents/win_ansi.hpp"

#include <catch2/catch.hpp>

using portal::documents::in_win_ansi;
using portal::documents::sanitize_win_ansi;

TEST_CASE("Spanish text passes through unchanged", "[documents][win_ansi]") {
  for (const char* s : {"José Peñalosa Ñúñez", "Atención inicial de urgencias", "Cédula de ciudadanía",
                        "¿Güevo? ¡Sí! ÁÉÍÓÚÜáéíóúü", "Precio € 1.000 – “comillas” …"}) {
    CAPTURE(s);
    CHECK(sanitize_win_ansi(s) == s);
  }
}

TEST_CASE("characters WinAnsi cannot show are replaced, never dropped silently", "[documents][win_ansi]") {
  CHECK(sanitize_win_ansi("Dolor 😀 fin") == "Dolor ? fin");
  CHECK(sanitize_win_ansi("中文") == "??");
  CHECK(sanitize_win_ansi("α→β") == "???");
  // Emoji presentation selector (U+FE0F) belongs to the previous character: one '?', not two.
  CHECK(sanitize_win_ansi("❤️") == "?");
}

TEST_CASE("invalid UTF-8 and control characters cannot reach the page", "[documents][win_ansi]") {
  CHECK(sanitize_win_ansi("a\xff"
                          "b") == "a?b");
  CHECK(sanitize_win_ansi("\xc3") == "?");            // truncated sequence
  CHECK(sanitize_win_ansi("\xc0\xaf") == "??");       // overlong '/'
  CHECK(sanitize_win_ansi("\xed\xa0\x80") == "???");  // UTF-16 surrogate
  CHECK(sanitize_win_ansi("a\tb\r\nc\x01") == "a b\nc");
  CHECK(sanitize_win_ansi(std::string("x\0y", 3)) == "xy");
}

TEST_CASE("WinAnsi membership", "[documents][win_ansi]") {
  CHECK(in_win_ansi(U'ñ'));
  CHECK(in_win_ansi(U'€'));
  CHECK(in_win_ansi(U'™'));
  CHECK_FALSE(in_win_ansi(0x80));
  CHECK_FALSE(in_win_ansi(U'Ā'));
  CHECK_FALSE(in_win_ansi(0x1F600));
}
