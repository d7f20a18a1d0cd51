#pragma once
// The state behind DocumentBuilder: the PoDoFo document, its two fonts, the page being drawn and the
// vertical cursor. page_canvas.cpp owns pages, primitives, header/footer and serialisation;
// boxed_rows.cpp lays out sections, rows, tables and paragraphs on top of it.
#include <podofo/podofo.h>

#include <functional>
#include <string>
#include <vector>

#include "portal/documents/document.hpp"
#include "text_layout.hpp"

namespace portal::documents {

// Layout constants, in points. Sizes follow the printed Resolución 3047 forms: small labels over
// values, values readable at 8.5 pt.
inline constexpr double kCellPadding = 2.5;
inline constexpr double kLabelSize = 6.5;
inline constexpr double kLabelLead = 8.0;
inline constexpr double kValueSize = 8.5;
inline constexpr double kValueLead = 10.5;
inline constexpr double kTableSize = 8.0;
inline constexpr double kTableLead = 10.0;
inline constexpr double kCheckBox = 7.0;
inline constexpr double kCheckGap = 3.0;    // between a box and its label
inline constexpr double kOptionGap = 10.0;  // between two options
inline constexpr double kSectionHeight = 13.0;
inline constexpr double kSectionSize = 8.5;
inline constexpr double kFooterHeight = 16.0;
inline constexpr double kLineWidth = 0.5;

enum class Weight { regular, bold };

struct DocumentBuilder::Impl {
  explicit Impl(DocumentOptions opts);

  // ---- pages (page_canvas.cpp) ----
  void new_page();
  double space_left() const { return y - bottom; }
  double fresh_page_space() const { return top - header_height - bottom; }
  double content_width() const { return right - left; }
  std::string finish();

  // ---- primitives; text is already WinAnsi-safe (to_win_ansi) ----
  const FontWidths& widths(Weight w) const { return w == Weight::bold ? bold_widths : regular_widths; }
  double text_width(std::u32string_view s, Weight w, double size) const { return widths(w).width(s, size); }
  std::vector<std::u32string> wrap(std::u32string_view s, double max_width, Weight w, double size) const {
    return wrap_text(s, max_width, widths(w), size);
  }
  void text(double x, double baseline, std::u32string_view s, Weight w, double size, double gray = 0.0);
  void stroke_rect(double x, double y_bottom, double w, double h);
  void fill_rect(double x, double y_bottom, double w, double h, double gray);
  void check_box(double x, double baseline, bool checked);

  DocumentOptions options;
  PoDoFo::PdfMemDocument doc;
  PoDoFo::PdfFont* regular = nullptr;
  PoDoFo::PdfFont* bold = nullptr;
  FontWidths regular_widths;
  FontWidths bold_widths;
  PoDoFo::PdfPainter painter;
  PoDoFo::PdfRect page_rect;
  double left = 0, right = 0, top = 0, bottom = 0;  // content box (bottom is above the footer)
  double header_height = 0;
  double y = 0;  // top of the free space on the current page
  bool finished = false;

 private:
  void draw_header();
  void draw_footer(int page_number, int page_total);
  void measure_header();
  void fill_gray(double gray);

  std::u32string title_, subtitle_;
  std::vector<std::u32string> issuer_lines_, payer_lines_;
  double fill_gray_ = 0.0;
};

// ---- layout (boxed_rows.cpp) ----
void layout_section(DocumentBuilder::Impl& impl, const std::string& title);
void layout_row(DocumentBuilder::Impl& impl, const std::vector<Field>& fields);
void layout_table(DocumentBuilder::Impl& impl, const std::vector<Column>& columns,
                  const std::vector<std::vector<std::string>>& rows);
void layout_paragraph(DocumentBuilder::Impl& impl, const std::string& text, double font_size);

}  // namespace portal::documents
