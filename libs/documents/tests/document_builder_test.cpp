#include <catch2/catch.hpp>
#include <regex>
#include <thread>

#include "portal/documents/document.hpp"
#include "portal/documents/testing/pdf_tools.hpp"

using namespace portal;
using namespace portal::documents;
using namespace portal::documents::testing;

namespace {

DocumentOptions options() {
  DocumentOptions o;
  o.title = "Atención inicial de urgencias";
  o.subtitle = "Resolución 3047 de 2008";
  o.issuer = "Clínica San José · NIT 800123456";
  o.payer = "EPS Demo (EPS000)";
  o.generated_at = *core::parse_rfc3339("2026-03-01T12:00:00Z");
  o.info_title = "Prueba";
  return o;
}

struct WordBox {
  std::string word;
  double x_min, y_min, x_max, y_max;
};

std::vector<WordBox> word_boxes(const std::string& pdf) {
  static const std::regex kWord(
      R"re(<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>)re");
  const std::string xml = pdf_word_boxes(pdf);
  std::vector<WordBox> out;
  for (std::sregex_iterator it(xml.begin(), xml.end(), kWord), end; it != end; ++it)
    out.push_back(
        {(*it)[5], std::stod((*it)[1]), std::stod((*it)[2]), std::stod((*it)[3]), std::stod((*it)[4])});
  return out;
}

}  // namespace

TEST_CASE("Spanish accents come back from the PDF and the file is sound", "[documents][pdf]") {
  DocumentBuilder pdf(options());
  pdf.section("DATOS DEL PACIENTE");
  pdf.row({Field::text("Nombre", "José Peñalosa Ñúñez", 0.6),
           Field::text("Tipo de documento", "Cédula de ciudadanía", 0.4)});
  const std::string bytes = pdf.finish();
  REQUIRE(bytes.rfind("%PDF-", 0) == 0);
  const std::string text = pdf_text(bytes);
  CHECK_THAT(text, Catch::Contains("José Peñalosa Ñúñez"));
  CHECK_THAT(text, Catch::Contains("Atención inicial de urgencias"));
  CHECK_THAT(text, Catch::Contains("Cédula de ciudadanía"));
  CHECK_THAT(text, Catch::Contains("Clínica San José"));
  CHECK_THAT(text, Catch::Contains("Generado el 01/03/2026 07:00"));
  CHECK_THAT(text, Catch::Contains("Página 1 de 1"));
  const auto check = qpdf_check(bytes);
  INFO(check.output);
  CHECK(check.exit_code == 0);
}

TEST_CASE("a 300-row table breaks pages, repeating its header, with Página N de M", "[documents][pdf]") {
  DocumentBuilder pdf(options());
  pdf.section("DETALLE");
  std::vector<std::vector<std::string>> rows;
  for (int i = 1; i <= 300; ++i) {
    char code[16];
    std::snprintf(code, sizeof code, "F%03d", i);
    rows.push_back({code, "Descripción número " + std::to_string(i), "Válido"});
  }
  pdf.table({{"Código", 0.2}, {"Descripción del ítem", 0.6}, {"Estado", 0.2}}, rows);
  const int pages = pdf.page_count();
  const std::string bytes = pdf.finish();
  CHECK(pages >= 3);
  CHECK(pdf_page_count(bytes) == pages);
  const std::string text = pdf_text(bytes);
  CHECK(count_of(text, "Descripción del ítem") == static_cast<std::size_t>(pages));
  CHECK(count_of(text, "Atención inicial de urgencias") == static_cast<std::size_t>(pages));
  CHECK_THAT(text, Catch::Contains("Página 2 de " + std::to_string(pages)));
  CHECK_THAT(text, Catch::Contains("Página " + std::to_string(pages) + " de " + std::to_string(pages)));
  for (const char* code : {"F001", "F150", "F300"}) CHECK_THAT(text, Catch::Contains(code));
  CHECK(count_of(text, "Válido") == 300);
  CHECK(qpdf_check(bytes).exit_code == 0);
}

TEST_CASE("long text wraps inside its box and continues on the next page without loss", "[documents][pdf]") {
  DocumentBuilder pdf(options());
  std::string long_text;
  const int words = 2500;
  for (int i = 0; i < words; ++i) long_text += "síntoma ";
  const std::string long_word(300, 'W');
  pdf.row({Field::text("Motivo de consulta", long_text, 0.5), Field::text("Otro", "derecha", 0.5)});
  pdf.row({Field::text("Código", long_word, 0.25), Field::text("Resto", "", 0.75)});
  const int pages = pdf.page_count();
  const std::string bytes = pdf.finish();
  CHECK(pages >= 2);
  // Letter, 36 pt margins: the left half of the content ends at 36 + 540 / 2 = 306; a quarter at 171.
  const auto boxes = word_boxes(bytes);
  std::size_t seen = 0;
  std::size_t w_letters = 0;
  for (const auto& b : boxes) {
    if (b.word == "síntoma") {
      ++seen;
      CHECK(b.x_max <= 306.0);
    }
    if (b.word.find_first_not_of('W') == std::string::npos) {
      w_letters += b.word.size();
      CHECK(b.x_max <= 171.0);
    }
    CHECK(b.y_max <= 792.0 - 36.0 + 0.5);  // nothing below/above the page margins
    CHECK(b.y_min >= 36.0 - 0.5);
  }
  CHECK(seen == static_cast<std::size_t>(words));
  CHECK_THAT(pdf_text(bytes), Catch::Contains("Motivo de consulta (continuación)"));
  CHECK(w_letters == long_word.size());
  CHECK(qpdf_check(bytes).exit_code == 0);
}

TEST_CASE("emoji, CJK and invalid UTF-8 neither crash nor corrupt: they are replaced", "[documents][pdf]") {
  DocumentBuilder pdf(options());
  pdf.row({Field::text("Motivo", "Dolor 😀 中文 fin \xff\xfe ok")});
  pdf.paragraph("Párrafo con emoji ❤️ y ñ");
  std::string bytes;
  REQUIRE_NOTHROW(bytes = pdf.finish());
  const std::string text = pdf_text(bytes);
  CHECK_THAT(text, Catch::Contains("Dolor ? ?? fin ?? ok"));
  CHECK_THAT(text, Catch::Contains("Párrafo con emoji ? y ñ"));
  CHECK(qpdf_check(bytes).exit_code == 0);
}

TEST_CASE("check boxes mark exactly the chosen options", "[documents][pdf]") {
  DocumentBuilder pdf(options());
  pdf.row({
      Field::choice(
          "Origen de la atención",
          {{"Enfermedad general", false}, {"Accidente de tránsito", true}, {"Evento catastrófico", false}}),
  });
  pdf.row({Field::yes_no("Paciente viene remitido", false, 0.5), Field::text("Nombre", "—", 0.5)});
  pdf.row({Field::choice(
      "Destino", {{"Otro (entidad no hospitalaria: ancianato, albergue, cárcel, entre otras)", true}}, 0.3)});
  const std::string text = pdf_text(pdf.finish());
  CHECK_THAT(text, Catch::Contains("X Accidente de tránsito"));
  CHECK_THAT(text, !Catch::Contains("X Enfermedad general"));
  CHECK_THAT(text, Catch::Contains("X No"));
  CHECK_THAT(text, !Catch::Contains("X Sí"));
  CHECK_THAT(text, Catch::Contains("X Otro (entidad"));
  CHECK_THAT(text, Catch::Contains("cárcel"));
}

TEST_CASE("A4 pages and a finished builder refuses more work", "[documents][pdf]") {
  DocumentOptions o = options();
  o.page_size = PageSize::a4;
  DocumentBuilder pdf(o);
  pdf.paragraph("Hola");
  const std::string bytes = pdf.finish();
  TempPdf file(bytes);
  CHECK_THAT(run_command("pdfinfo '" + file.path() + "'").output, Catch::Contains("(A4)"));
  CHECK_THROWS_AS(pdf.paragraph("otra"), DocumentError);
  CHECK_THROWS_AS(pdf.finish(), DocumentError);
  DocumentOptions no_room = options();
  no_room.margins = {400, 36, 400, 36};
  CHECK_THROWS_AS(DocumentBuilder(no_room), DocumentError);
}

TEST_CASE("documents render concurrently on several threads (services render on a worker pool)",
          "[documents][pdf]") {
  const auto render = [] {
    DocumentBuilder pdf(options());
    pdf.section("SECCIÓN");
    pdf.row({Field::text("Nombre", "José Peñalosa Ñúñez", 0.5), Field::yes_no("Remitido", true, 0.5)});
    pdf.table({{"Código", 0.3}, {"Descripción", 0.7}}, {{"J189", "Neumonía, no especificada"}});
    return pdf.finish();
  };
  const std::string reference = render();
  std::vector<std::string> outputs(4 * 10);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 10; ++i) outputs[static_cast<std::size_t>(t * 10 + i)] = render();
    });
  for (auto& th : threads) th.join();
  // Same layout and font sizes everywhere: only the creation date and /ID (fixed width) may differ.
  for (const auto& out : outputs) CHECK(out.size() == reference.size());
  CHECK_THAT(pdf_text(outputs.back()), Catch::Contains("José Peñalosa Ñúñez"));
}

TEST_CASE("a table header taller than a page still ends (no endless page breaks)", "[documents][pdf]") {
  DocumentBuilder pdf(options());
  std::string huge_title;
  for (int i = 0; i < 6000; ++i) huge_title += "columna ";
  pdf.table({{huge_title, 0.5}, {"Otra", 0.5}}, {{"a", "b"}, {"c", "d"}});
  CHECK(pdf.page_count() < 40);
  const std::string bytes = pdf.finish();
  CHECK(qpdf_check(bytes).exit_code == 0);
}
