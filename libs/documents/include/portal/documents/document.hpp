#pragma once
// A small layout engine over PoDoFo 0.9.8 for the official forms of Resolución 3047 de 2008
// (Anexo 1 inconsistencias, Anexo 2 urgencias URG-4, Anexos 3/4 autorizaciones). It stacks blocks from
// the top of the page down and breaks pages by itself:
//
//   DocumentBuilder pdf({.title = "INFORME DE LA ATENCIÓN INICIAL DE URGENCIAS", .issuer = ..., ...});
//   pdf.section("DATOS DEL PACIENTE");
//   pdf.row({Field::text("Primer apellido", "Peñalosa", 0.25), Field::text("Segundo apellido", ...)});
//   pdf.row({Field::choice("Origen de la atención", {{"Enfermedad general", true}, ...})});
//   pdf.table({{"Código", 0.2}, {"Descripción", 0.8}}, rows);   // header repeated on every page
//   std::string bytes = pdf.finish();                              // "Página N de M" on every page
//
// Text is UTF-8; what WinAnsi cannot show is replaced (see win_ansi.hpp). PoDoFo stays out of this
// header, and its errors come out as DocumentError (PoDoFo's PdfError is not a std::exception).
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "portal/core/clock.hpp"

namespace portal::documents {

class DocumentError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class PageSize { letter, a4 };

// In PDF points (1/72 inch).
struct Margins {
  double top = 36;
  double right = 36;
  double bottom = 36;
  double left = 36;
};

struct DocumentOptions {
  PageSize page_size = PageSize::letter;
  Margins margins{};
  // Title block drawn at the top of every page: title (bold, centred), subtitle under it, then the
  // issuer on the left and the payer on the right. Empty parts are skipped.
  std::string title;
  std::string subtitle;
  std::string issuer;
  std::string payer;
  // Footer of every page: "Generado el dd/MM/yyyy HH:mm" (Bogotá) + note on the left,
  // "Página N de M" on the right.
  std::optional<core::Instant> generated_at;
  std::string footer_note;
  // Document information dictionary (/Title, /Author).
  std::string info_title;
  std::string info_author;
};

// One option of a choice box, drawn as a check box followed by its label.
struct Option {
  std::string label;
  bool checked = false;
};

// One boxed cell of a row: a small label over either a wrapped value or a list of check boxes.
// `fraction` is the share of the row's width; a row's fractions are scaled to fill the width.
struct Field {
  std::string label;
  std::string value;
  double fraction = 1.0;
  std::vector<Option> options;  // non-empty: a choice cell; `value` is then ignored

  static Field text(std::string label, std::string value, double fraction = 1.0);
  static Field choice(std::string label, std::vector<Option> options, double fraction = 1.0);
  // "Sí" / "No" with the matching one marked.
  static Field yes_no(std::string label, bool yes, double fraction = 1.0);
};

struct Column {
  std::string title;
  double fraction = 1.0;
};

class DocumentBuilder {
 public:
  explicit DocumentBuilder(DocumentOptions options);
  ~DocumentBuilder();
  DocumentBuilder(const DocumentBuilder&) = delete;
  DocumentBuilder& operator=(const DocumentBuilder&) = delete;

  // A dark bar with the section's title; moved to the next page with what follows it rather than
  // left alone at the bottom of a page.
  void section(const std::string& title);
  // Boxed cells side by side. Cells taller than the space left continue on the next page (the
  // label repeated), so long text never runs off a page.
  void row(const std::vector<Field>& fields);
  // A table with a shaded header row, repeated at the top of every page the table continues on.
  void table(const std::vector<Column>& columns, const std::vector<std::vector<std::string>>& rows);
  // Free text across the content width, wrapped, breaking pages as needed.
  void paragraph(const std::string& text, double font_size = 8.5);
  void spacer(double points);

  int page_count() const;
  // Draws the footers and serialises the document. The builder cannot be used afterwards.
  std::string finish();

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace portal::documents
