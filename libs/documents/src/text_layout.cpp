#include "text_layout.hpp"

#include <podofo/podofo.h>

#include <algorithm>

#include "portal/documents/win_ansi.hpp"

namespace portal::documents {

namespace {

// Metrics are read at this size and divided, which keeps PoDoFo's rounding out of the table.
constexpr double kProbeSize = 1000.0;

}  // namespace

FontWidths::FontWidths(PoDoFo::PdfFont* font) {
  font->SetFontSize(static_cast<float>(kProbeSize));
  const PoDoFo::PdfFontMetrics* metrics = font->GetFontMetrics();
  for (char32_t cp = 0; cp < 256; ++cp)
    latin_[cp] =
        in_win_ansi(cp) ? metrics->UnicodeCharWidth(static_cast<unsigned short>(cp)) / kProbeSize : 0.0;
  for (char32_t cp : win_ansi_extra_code_points())
    extras_.emplace_back(cp, metrics->UnicodeCharWidth(static_cast<unsigned short>(cp)) / kProbeSize);
}

double FontWidths::width(char32_t cp, double size) const {
  if (cp < 256) return latin_[cp] * size;
  auto it = std::lower_bound(extras_.begin(), extras_.end(), cp,
                             [](const auto& entry, char32_t c) { return entry.first < c; });
  if (it != extras_.end() && it->first == cp) return it->second * size;
  return latin_[static_cast<unsigned char>(kReplacementChar)] * size;
}

double FontWidths::width(std::u32string_view text, double size) const {
  double total = 0;
  for (char32_t cp : text) total += width(cp, size);
  return total;
}

namespace {

class LineBreaker {
 public:
  LineBreaker(double max_width, const FontWidths& widths, double size)
      : max_(max_width), widths_(widths), size_(size), space_(widths.width(U' ', size)) {}

  void add_word(std::u32string_view word) {
    const double w = widths_.width(word, size_);
    if (!line_.empty() && line_width_ + space_ + w <= max_) {
      line_ += U' ';
      line_ += word;
      line_width_ += space_ + w;
      return;
    }
    if (!line_.empty()) flush();
    if (w <= max_) {
      line_ = word;
      line_width_ = w;
      return;
    }
    // A word longer than the line (a code, a URL, a run of letters): cut it between characters.
    for (char32_t cp : word) {
      const double cw = widths_.width(cp, size_);
      if (!line_.empty() && line_width_ + cw > max_) flush();
      line_ += cp;
      line_width_ += cw;
    }
  }

  void flush() {
    lines_.push_back(std::move(line_));
    line_.clear();
    line_width_ = 0;
  }

  std::vector<std::u32string> take() { return std::move(lines_); }

 private:
  double max_;
  const FontWidths& widths_;
  double size_;
  double space_;
  std::u32string line_;
  double line_width_ = 0;
  std::vector<std::u32string> lines_;
};

}  // namespace

std::vector<std::u32string> wrap_text(std::u32string_view text, double max_width, const FontWidths& widths,
                                      double size) {
  LineBreaker breaker(max_width, widths, size);
  std::size_t start = 0;
  while (true) {
    const std::size_t end = std::min(text.find(U'\n', start), text.size());
    const std::u32string_view paragraph = text.substr(start, end - start);
    std::size_t i = 0;
    while (i < paragraph.size()) {
      while (i < paragraph.size() && paragraph[i] == U' ') ++i;
      std::size_t j = i;
      while (j < paragraph.size() && paragraph[j] != U' ') ++j;
      if (j > i) breaker.add_word(paragraph.substr(i, j - i));
      i = j;
    }
    breaker.flush();
    if (end >= text.size()) break;
    start = end + 1;
  }
  return breaker.take();
}

}  // namespace portal::documents
