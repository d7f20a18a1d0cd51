#include "portal/documents/win_ansi.hpp"

#include <algorithm>
#include <array>

namespace portal::documents {

namespace {

// The code points WinAnsi places at 0x80..0x9F (PDF 32000 Annex D.2), sorted.
constexpr std::array<char32_t, 27> kWinAnsiExtras = {0x0152, 0x0153, 0x0160, 0x0161, 0x0178, 0x017D, 0x017E,
                                                     0x0192, 0x02C6, 0x02DC, 0x2013, 0x2014, 0x2018, 0x2019,
                                                     0x201A, 0x201C, 0x201D, 0x201E, 0x2020, 0x2021, 0x2022,
                                                     0x2026, 0x2030, 0x2039, 0x203A, 0x20AC, 0x2122};

constexpr char32_t kInvalid = 0xFFFD;

// Decodes one UTF-8 sequence at s[i] and advances i. Malformed, truncated, overlong or surrogate
// sequences give kInvalid and consume one byte, so decoding resynchronises on the next one.
char32_t next_code_point(std::string_view s, std::size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    ++i;
    return b0;
  }
  std::size_t extra = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if ((b0 & 0xE0) == 0xC0) {
    extra = 1, cp = b0 & 0x1F, min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    extra = 2, cp = b0 & 0x0F, min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    extra = 3, cp = b0 & 0x07, min = 0x10000;
  } else {
    ++i;
    return kInvalid;
  }
  if (i + extra >= s.size()) {
    ++i;
    return kInvalid;
  }
  for (std::size_t k = 1; k <= extra; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) {
      ++i;
      return kInvalid;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++i;
    return kInvalid;
  }
  i += extra + 1;
  return cp;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

}  // namespace

std::span<const char32_t> win_ansi_extra_code_points() { return kWinAnsiExtras; }

bool in_win_ansi(char32_t cp) {
  if (cp >= 0x20 && cp <= 0x7E) return true;
  if (cp >= 0xA0 && cp <= 0xFF) return true;
  return std::binary_search(kWinAnsiExtras.begin(), kWinAnsiExtras.end(), cp);
}

std::u32string to_win_ansi(std::string_view utf8) {
  std::u32string out;
  out.reserve(utf8.size());
  std::size_t i = 0;
  while (i < utf8.size()) {
    const char32_t cp = next_code_point(utf8, i);
    if (cp == U'\n') {
      out.push_back(cp);
    } else if (cp == U'\t') {
      out.push_back(U' ');
    } else if (cp < 0x20 || cp == 0x7F) {
      continue;  // '\r', NUL, escapes: never meaningful on paper
    } else if (cp >= 0xFE00 && cp <= 0xFE0F) {
      continue;  // variation selectors ride on the previous character (emoji presentation)
    } else {
      out.push_back(in_win_ansi(cp) ? cp : kReplacementChar);
    }
  }
  return out;
}

std::string to_utf8(std::u32string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 4);
  for (char32_t cp : text) append_utf8(out, cp);
  return out;
}

std::string sanitize_win_ansi(std::string_view utf8) { return to_utf8(to_win_ansi(utf8)); }

}  // namespace portal::documents
