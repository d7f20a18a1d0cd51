// Pages, drawing primitives, the title block and footer, and serialisation to bytes in memory.
#include <mutex>

#include "builder_impl.hpp"
#include "portal/documents/date_format.hpp"
#include "portal/documents/win_ansi.hpp"

namespace portal::documents {

namespace {

constexpr double kTitleSize = 11.0;
constexpr double kSubtitleSize = 8.0;
constexpr double kPartySize = 8.0;
constexpr double kPartyLead = 9.5;
constexpr double kFooterSize = 7.0;

// PoDoFo logs every PdfError it raises to stderr; our errors are reported by exceptions instead.
void quiet_podofo() {
  static std::once_flag once;
  std::call_once(once, [] {
    PoDoFo::PdfError::EnableLogging(false);
    PoDoFo::PdfError::EnableDebug(false);
  });
}

PoDoFo::PdfFont* base14(PoDoFo::PdfMemDocument& doc, const char* name) {
  quiet_podofo();
  // Base-14 + WinAnsi: not embedded (files of a few KB) and Spanish renders correctly when text is
  // passed as UTF-8 PdfString (ARCHITECTURE.md, facts measured on this distribution).
  PoDoFo::PdfFont* font =
      doc.CreateFont(name, false, false, false, PoDoFo::PdfEncodingFactory::GlobalWinAnsiEncodingInstance(),
                     PoDoFo::PdfFontCache::eFontCreationFlags_AutoSelectBase14, false);
  if (font == nullptr) throw DocumentError(std::string("font not available: ") + name);
  return font;
}

PoDoFo::PdfString pdf_text(std::u32string_view s) {
  const std::string utf8 = to_utf8(s);
  return PoDoFo::PdfString(reinterpret_cast<const PoDoFo::pdf_utf8*>(utf8.c_str()));
}

}  // namespace

DocumentBuilder::Impl::Impl(DocumentOptions opts)
    : options(std::move(opts)),
      regular(base14(doc, "Helvetica")),
      bold(base14(doc, "Helvetica-Bold")),
      regular_widths(regular),
      bold_widths(bold),
      page_rect(PoDoFo::PdfPage::CreateStandardPageSize(
          options.page_size == PageSize::a4 ? PoDoFo::ePdfPageSize_A4 : PoDoFo::ePdfPageSize_Letter)) {
  const Margins& m = options.margins;
  left = m.left;
  right = page_rect.GetWidth() - m.right;
  top = page_rect.GetHeight() - m.top;
  bottom = m.bottom + kFooterHeight;
  if (right - left < 72 || top - bottom < 144) throw DocumentError("margins leave no room for content");
  if (!options.info_title.empty()) doc.GetInfo()->SetTitle(pdf_text(to_win_ansi(options.info_title)));
  if (!options.info_author.empty()) doc.GetInfo()->SetAuthor(pdf_text(to_win_ansi(options.info_author)));
  measure_header();
  new_page();
}

void DocumentBuilder::Impl::measure_header() {
  title_ = to_win_ansi(options.title);
  subtitle_ = to_win_ansi(options.subtitle);
  const double half = content_width() / 2 - 6;
  if (!options.issuer.empty())
    issuer_lines_ = wrap(to_win_ansi(options.issuer), half, Weight::regular, kPartySize);
  if (!options.payer.empty())
    payer_lines_ = wrap(to_win_ansi(options.payer), half, Weight::regular, kPartySize);
  double h = 0;
  if (!title_.empty()) h += kTitleSize * 1.3;
  if (!subtitle_.empty()) h += kSubtitleSize * 1.4;
  h += kPartyLead * static_cast<double>(std::max(issuer_lines_.size(), payer_lines_.size()));
  if (h > 0) h += 6;  // rule under the block and air before the content
  header_height = h;
}

void DocumentBuilder::Impl::new_page() {
  if (painter.GetPage() != nullptr) painter.FinishPage();
  PoDoFo::PdfPage* page = doc.CreatePage(page_rect);
  painter.SetPage(page);
  painter.SetStrokeWidth(kLineWidth);
  fill_gray_ = -1;  // unknown: the first fill of a content stream sets it
  y = top;
  draw_header();
}

void DocumentBuilder::Impl::draw_header() {
  if (header_height <= 0) return;
  const double center = (left + right) / 2;
  double cursor = top;
  if (!title_.empty()) {
    cursor -= kTitleSize;
    text(center - text_width(title_, Weight::bold, kTitleSize) / 2, cursor, title_, Weight::bold, kTitleSize);
    cursor -= kTitleSize * 0.3;
  }
  if (!subtitle_.empty()) {
    cursor -= kSubtitleSize * 1.2;
    text(center - text_width(subtitle_, Weight::regular, kSubtitleSize) / 2, cursor, subtitle_,
         Weight::regular, kSubtitleSize, 0.25);
    cursor -= kSubtitleSize * 0.2;
  }
  const std::size_t rows = std::max(issuer_lines_.size(), payer_lines_.size());
  for (std::size_t i = 0; i < rows; ++i) {
    cursor -= kPartyLead;
    if (i < issuer_lines_.size()) text(left, cursor + 2, issuer_lines_[i], Weight::regular, kPartySize);
    if (i < payer_lines_.size()) {
      const double w = text_width(payer_lines_[i], Weight::regular, kPartySize);
      text(right - w, cursor + 2, payer_lines_[i], Weight::regular, kPartySize);
    }
  }
  cursor -= 2;
  painter.DrawLine(left, cursor, right, cursor);
  y = top - header_height;
}

void DocumentBuilder::Impl::draw_footer(int page_number, int page_total) {
  const double baseline = options.margins.bottom + 2;
  painter.SetStrokeWidth(kLineWidth);
  painter.DrawLine(left, options.margins.bottom + kFooterHeight - 6, right,
                   options.margins.bottom + kFooterHeight - 6);
  std::string note;
  if (options.generated_at) note = "Generado el " + format_bogota_date_time(*options.generated_at);
  if (!options.footer_note.empty()) note += (note.empty() ? "" : " · ") + options.footer_note;
  if (!note.empty()) {
    auto lines = wrap(to_win_ansi(note), content_width() * 0.7, Weight::regular, kFooterSize);
    text(left, baseline, lines.front(), Weight::regular, kFooterSize, 0.25);
  }
  const std::u32string pages =
      to_win_ansi("Página " + std::to_string(page_number) + " de " + std::to_string(page_total));
  text(right - text_width(pages, Weight::regular, kFooterSize), baseline, pages, Weight::regular, kFooterSize,
       0.25);
}

void DocumentBuilder::Impl::text(double x, double baseline, std::u32string_view s, Weight w, double size,
                                 double gray) {
  if (s.empty()) return;
  PoDoFo::PdfFont* font = w == Weight::bold ? bold : regular;
  font->SetFontSize(static_cast<float>(size));
  painter.SetFont(font);
  fill_gray(gray);
  painter.DrawText(x, baseline, pdf_text(s));
}

// The fill colour is page state: set it only when it changes (a form has hundreds of texts).
void DocumentBuilder::Impl::fill_gray(double gray) {
  if (gray == fill_gray_) return;
  painter.SetColor(gray, gray, gray);
  fill_gray_ = gray;
}

void DocumentBuilder::Impl::stroke_rect(double x, double y_bottom, double w, double h) {
  painter.Rectangle(x, y_bottom, w, h);
  painter.Stroke();
}

void DocumentBuilder::Impl::fill_rect(double x, double y_bottom, double w, double h, double gray) {
  fill_gray(gray);
  painter.Rectangle(x, y_bottom, w, h);
  painter.Fill();
}

void DocumentBuilder::Impl::check_box(double x, double baseline, bool checked) {
  stroke_rect(x, baseline - 1, kCheckBox, kCheckBox);
  if (!checked) return;
  // The mark is a letter, not two strokes, so text extraction (and the tests) can see which option
  // is marked: "X Enfermedad general".
  static const std::u32string kMark = U"X";
  const double size = kCheckBox;
  const double w = text_width(kMark, Weight::bold, size);
  text(x + (kCheckBox - w) / 2, baseline, kMark, Weight::bold, size);
}

std::string DocumentBuilder::Impl::finish() {
  painter.FinishPage();
  const int total = doc.GetPageCount();
  for (int i = 0; i < total; ++i) {
    painter.SetPage(doc.GetPage(i));
    fill_gray_ = -1;  // streams of a page share state: set the colour again
    draw_footer(i + 1, total);
    painter.FinishPage();
  }
  PoDoFo::PdfRefCountedBuffer buffer;
  PoDoFo::PdfOutputDevice device(&buffer);
  doc.Write(&device);
  finished = true;
  return std::string(buffer.GetBuffer(), device.GetLength());
}

}  // namespace portal::documents
