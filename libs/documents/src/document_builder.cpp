// The public face of the builder: argument checks and PoDoFo errors turned into DocumentError (PdfError
// does not derive from std::exception, so a caller's catch (const std::exception&) would miss it).
#include <utility>

#include "builder_impl.hpp"
#include "portal/documents/document.hpp"

namespace portal::documents {

namespace {

template <typename F>
decltype(auto) guarded(F&& f) {
  try {
    return std::forward<F>(f)();
  } catch (const PoDoFo::PdfError& e) {
    throw DocumentError(std::string("PDF generation failed: ") + PoDoFo::PdfError::ErrorName(e.GetError()));
  }
}

}  // namespace

Field Field::text(std::string label, std::string value, double fraction) {
  return Field{std::move(label), std::move(value), fraction, {}};
}

Field Field::choice(std::string label, std::vector<Option> options, double fraction) {
  return Field{std::move(label), {}, fraction, std::move(options)};
}

Field Field::yes_no(std::string label, bool yes, double fraction) {
  return choice(std::move(label), {{"Sí", yes}, {"No", !yes}}, fraction);
}

DocumentBuilder::DocumentBuilder(DocumentOptions options)
    : impl_(guarded([&] { return std::make_unique<Impl>(std::move(options)); })) {}

DocumentBuilder::~DocumentBuilder() = default;

namespace {

DocumentBuilder::Impl& usable(const std::unique_ptr<DocumentBuilder::Impl>& impl) {
  if (impl->finished) throw DocumentError("document already finished");
  return *impl;
}

}  // namespace

void DocumentBuilder::section(const std::string& title) {
  guarded([&] { layout_section(usable(impl_), title); });
}

void DocumentBuilder::row(const std::vector<Field>& fields) {
  guarded([&] { layout_row(usable(impl_), fields); });
}

void DocumentBuilder::table(const std::vector<Column>& columns,
                            const std::vector<std::vector<std::string>>& rows) {
  guarded([&] { layout_table(usable(impl_), columns, rows); });
}

void DocumentBuilder::paragraph(const std::string& text, double font_size) {
  guarded([&] { layout_paragraph(usable(impl_), text, font_size); });
}

void DocumentBuilder::spacer(double points) {
  Impl& impl = usable(impl_);
  impl.y = std::max(impl.y - std::max(points, 0.0), impl.bottom);
}

int DocumentBuilder::page_count() const { return impl_->doc.GetPageCount(); }

std::string DocumentBuilder::finish() {
  return guarded([&] { return usable(impl_).finish(); });
}

}  // namespace portal::documents
