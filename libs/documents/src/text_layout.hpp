#pragma once
// Measuring and wrapping text for the base-14 fonts. Widths are read once from PoDoFo's metrics into
// a table (per point of font size), so laying out a form costs table look-ups, not PoDoFo calls —
// part of keeping Anexo 2 under 10 ms (URG-4).
#include <array>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace PoDoFo {
class PdfFont;
}

namespace portal::documents {

class FontWidths {
 public:
  // Reads the glyph widths of every WinAnsi character; leaves the font's size changed.
  explicit FontWidths(PoDoFo::PdfFont* font);
  double width(char32_t cp, double size) const;
  double width(std::u32string_view text, double size) const;

 private:
  std::array<double, 256> latin_{};
  std::vector<std::pair<char32_t, double>> extras_;  // sorted by code point
};

// Greedy line breaking at spaces; '\n' forces a break; a word wider than the line is cut between
// characters. Every returned line measures at most max_width (a single character wider than
// max_width still gets a line of its own). Always returns at least one (possibly empty) line.
std::vector<std::u32string> wrap_text(std::u32string_view text, double max_width, const FontWidths& widths,
                                      double size);

}  // namespace portal::documents
