// FIN-5 (issue 19): the glosa download's 50 columns (manual 003 §8.3), the concept code of each generation
// (Res. 2284 de 2023 / Res. 3047 Anexo 6) and the 15-business-day response deadline.
#include <catch2/catch.hpp>

#include "demo_payments.hpp"
#include "glosa.hpp"
#include "portal/documents/xlsx_reader.hpp"
#include "portal/json/json.hpp"

using namespace portal::finance;
using namespace std::chrono;

namespace {
const portal::catalog::Catalogs& catalogs() {
  static const auto c = portal::catalog::Catalogs::embedded();
  return *c;
}
constexpr year_month_day kFrom{year{2025}, January, day{1}};
}  // namespace

TEST_CASE(
    "FIN-5: the download has the 50 columns of manual 003 §8.3, AL/AM/AN/AO where the manual puts them") {
  const auto h = glosa_headers();
  REQUIRE(h.size() == 50);
  CHECK(h.front() == "Nit");
  CHECK(h[10] == "Tipo_ID_usuario");
  CHECK(h.back() == "Consecutivo_conciliacion");
  using portal::documents::xlsx::column_letters;
  for (auto [index, letters, header] :
       {std::tuple{kAcceptedColumn, "AL", "Valor_aceptado_IPS"},
        std::tuple{kSustainedColumn, "AM", "Valor_sustentado_IPS"},
        std::tuple{kCreditNoteColumn, "AN", "Numero_nota_credito_IPS"},
        std::tuple{kResponseNotesColumn, "AO", "Observaciones_IPS_respuesta_a_glosa"}}) {
    CHECK(column_letters(static_cast<std::uint32_t>(index)) == letters);
    CHECK(h[static_cast<std::size_t>(index)] == header);
  }
}

TEST_CASE("FIN-5: the response deadline is 15 business days, across Colombian holidays") {
  struct Row {
    year_month_day notified, deadline;
  };
  for (auto [notified, deadline] : {
           // San José (19 March 2026, a Thursday) moves to Monday 23 March (Ley 51 de 1983); Holy Thursday
           // and Good Friday fall on 2 and 3 April.
           Row{2026y / March / 13, 2026y / April / 8},
           // No holiday in between: three weeks.
           Row{2026y / February / 2, 2026y / February / 23},
       }) {
    CAPTURE(portal::core::format_date(notified));
    CHECK(response_deadline(notified) == deadline);
  }
}

TEST_CASE("FIN-5: concept codes follow the glosa's generation") {
  const auto g2284 = GlosaGeneration::res2284;
  const auto g3047 = GlosaGeneration::res3047;
  CHECK(generation_for(2024y / December / 31, kFrom) == g3047);
  CHECK(generation_for(2025y / January / 1, kFrom) == g2284);
  struct Row {
    const char* code;
    GlosaGeneration generation;
    bool valid;
  };
  for (auto [code, generation, valid] : {
           Row{"FA0701", g2284, true},
           Row{"SO3401", g2284, true},
           Row{"FA07", g2284, false},
           Row{"RE9702", g2284, false},  // a response, not a glosa
           Row{"FA0799", g2284, false},  // not in the catalog
           Row{"117", g2284, false},
           Row{"117", g3047, true},
           Row{"801", g3047, true},
           Row{"701", g3047, false},  // no family 7 in our sources
           Row{"997", g3047, false},  // a response
           Row{"FA0701", g3047, false},
       }) {
    CAPTURE(code, generation_code(generation));
    CHECK(check_concept_code(catalogs(), code, generation).has_value() == !valid);
  }
}

TEST_CASE("FIN-5: a conciliation is read whole, each line's code checked for its notification date") {
  const auto parsed = portal::json::parse(R"({"conciliations":[
    {"number":2053,"provider_nit":"900000001","notified_on":"2026-03-13","lines":[
      {"invoice_prefix":"FE","invoice_suffix":"1001","debit_note":"ND1","detail_id":"1","glosa_value":1200,
       "concept_code":"FA0701","debit_note_iva":100,"filed_on":"2026-02-01","rips_consecutivo":"3","cuv":"abc"}]},
    {"number":17,"provider_nit":"900000001","notified_on":"2024-06-03","lines":[
      {"invoice_suffix":"9","debit_note":"ND2","detail_id":"1","glosa_value":5,"concept_code":"FA0701"},
      {"invoice_suffix":"9","debit_note":"ND2","detail_id":"2","glosa_value":5,"concept_code":"117","filed_on":"3/2/2024"}]}]})");
  REQUIRE(parsed.ok());
  portal::core::FieldErrors body_errors;
  const auto read = read_glosa_load(parsed.doc, catalogs(), kFrom, body_errors);
  CHECK(body_errors.empty());
  REQUIRE(read.accepted.size() == 1);
  CHECK(read.rejected == 1);
  const auto& k = read.accepted[0];
  CHECK(k.generation == GlosaGeneration::res2284);
  CHECK(k.response_deadline == "2026-04-08");
  REQUIRE(k.lines.size() == 1);
  CHECK(k.lines[0].cuv == "abc");
  const auto row = glosa_row(k, k.lines[0], catalogs());
  REQUIRE(row.size() == 50);
  CHECK(row[0].text == "900000001");
  CHECK(row[5].text == "FE1001");
  CHECK(row[22].money == 1300);  // Valor_glosa_mas_iva
  CHECK(row[49].text == "2053");
  // Both bad lines of conciliation 17 are named.
  std::vector<std::string> fields;
  for (const auto& e : read.errors) fields.push_back(e.field + ":" + e.code);
  CHECK(fields == std::vector<std::string>{"conciliations[1].lines[0].concept_code:unknown_glosa_concept",
                                           "conciliations[1].lines[1].filed_on:invalid_date"});
}

TEST_CASE("FIN-5: the demo conciliations carry valid codes of each generation") {
  const auto demo = demo_glosa_conciliations(2026y / March / 25);
  REQUIRE(demo.size() == 2);
  CHECK(demo[0].generation == GlosaGeneration::res2284);
  CHECK(demo[1].generation == GlosaGeneration::res3047);
  for (const auto& k : demo) {
    CHECK(k.generation == generation_for(*portal::core::parse_date(k.notified_on), kFrom));
    for (const auto& l : k.lines) {
      CAPTURE(k.number, l.concept_code);
      CHECK_FALSE(check_concept_code(catalogs(), l.concept_code, k.generation).has_value());
      CHECK(l.cells.size() == 50);
    }
  }
}
