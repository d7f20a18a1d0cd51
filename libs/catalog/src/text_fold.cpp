#include "portal/catalog/text_fold.hpp"

namespace portal::catalog {

namespace {

// Base letter of a two-byte UTF-8 sequence C3 xx (Latin-1 Supplement), or 0 when it is not a letter
// we fold.
char latin1_base(unsigned char second) {
  switch (second) {
    case 0x80: case 0x81: case 0x82: case 0x83: case 0x84: case 0xA0: case 0xA1: case 0xA2: case 0xA3: case 0xA4:
      return 'a';
    case 0x88: case 0x89: case 0x8A: case 0x8B: case 0xA8: case 0xA9: case 0xAA: case 0xAB:
      return 'e';
    case 0x8C: case 0x8D: case 0x8E: case 0x8F: case 0xAC: case 0xAD: case 0xAE: case 0xAF:
      return 'i';
    case 0x92: case 0x93: case 0x94: case 0x95: case 0x96: case 0xB2: case 0xB3: case 0xB4: case 0xB5: case 0xB6:
      return 'o';
    case 0x99: case 0x9A: case 0x9B: case 0x9C: case 0xB9: case 0xBA: case 0xBB: case 0xBC:
      return 'u';
    case 0x91: case 0xB1:
      return 'n';
    case 0x87: case 0xA7:
      return 'c';
    default:
      return 0;
  }
}

}  // namespace

std::string fold(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool pending_space = false;
  auto emit = [&](char c) {
    if (pending_space && !out.empty()) out.push_back(' ');
    pending_space = false;
    out.push_back(c);
  };
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 'A' && c <= 'Z') {
      emit(static_cast<char>(c - 'A' + 'a'));
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      emit(static_cast<char>(c));
    } else if (c == 0xC3 && i + 1 < s.size()) {
      const char base = latin1_base(static_cast<unsigned char>(s[i + 1]));
      ++i;
      if (base) emit(base);
      else pending_space = true;
    } else if (c >= 0x80) {
      // Other multi-byte characters: skip the continuation bytes and treat as a separator.
      while (i + 1 < s.size() && (static_cast<unsigned char>(s[i + 1]) >> 6) == 0x2) ++i;
      pending_space = true;
    } else {
      pending_space = true;
    }
  }
  return out;
}

}  // namespace portal::catalog
