// SPEC §13 REG-1 / issue 11 item 4: one matrix, six procedures, one layout and one numbered export.
#include "portal/documents/res2335.hpp"

#include <rapidjson/document.h>

#include <catch2/catch.hpp>
#include <optional>

#include "portal/catalog/catalogs.hpp"
#include "portal/documents/testing/pdf_tools.hpp"

using namespace portal::documents;
using namespace portal::documents::res2335;

TEST_CASE("issue 11 / REG-1: the matrix numbers 48 fields and which procedures carry each") {
  REQUIRE(matrix().size() == 48);
  for (int n = 1; n <= 48; ++n) {
    CAPTURE(n);
    REQUIRE(field(n) != nullptr);
    CHECK(field(n)->number == n);
  }
  CHECK(field(0) == nullptr);
  CHECK(field(49) == nullptr);
  struct Row {
    int number;
    Procedure procedure;
    bool carried;
  };
  for (auto [number, procedure, carried] : {
           Row{1, Procedure::emergency_care, true},         Row{4, Procedure::emergency_care, false},
           Row{4, Procedure::authorization, true},          Row{5, Procedure::referral, false},
           Row{19, Procedure::emergency_care, false},       Row{19, Procedure::data_update, true},
           Row{20, Procedure::emergency_care, true},        Row{21, Procedure::emergency_care, false},
           Row{23, Procedure::emergency_care, true},        Row{23, Procedure::authorization, false},
           Row{24, Procedure::emergency_care, true},        Row{24, Procedure::referral, false},
           Row{27, Procedure::counter_referral, true},      Row{31, Procedure::authorization_request, true},
           Row{32, Procedure::emergency_care, true},        Row{33, Procedure::emergency_care, false},
           Row{40, Procedure::authorization_request, true}, Row{40, Procedure::referral, false},
           Row{48, Procedure::authorization, true},         Row{48, Procedure::authorization_request, false},
       }) {
    CAPTURE(number, static_cast<int>(procedure));
    CHECK(applies(number, procedure) == carried);
  }
  // Procedure 2 (emergency care report): 1-3, 6-18, 20, 23-32.
  std::vector<int> expected = {1, 2, 3};
  for (int n = 6; n <= 18; ++n) expected.push_back(n);
  expected.push_back(20);
  for (int n = 23; n <= 32; ++n) expected.push_back(n);
  CHECK(fields_of(Procedure::emergency_care) == expected);
}

TEST_CASE("issue 11: a coded field shows its catalog description; dates are Bogotá minutes") {
  const auto catalogs = portal::catalog::Catalogs::embedded();
  struct Row {
    std::string_view catalog;
    std::string code;
    std::string shown;
  };
  for (const auto& [catalog, code, shown] :
       {Row{portal::catalog::kCareCauses, "38", "38 - Enfermedad general"},
        Row{portal::catalog::kCareCauses, "99", "99"},  // not in the catalog: the code alone
        Row{portal::catalog::kSharedPaymentTypes, "", ""}}) {
    CAPTURE(catalog, code);
    CHECK(coded(*catalogs, catalog, code) == shown);
  }
  for (auto [instant, shown] : {std::pair{"2026-03-01T04:30:59Z", "2026-02-28 23:30"},
                                std::pair{"2026-12-31T17:05:00-05:00", "2026-12-31 17:05"}}) {
    CAPTURE(instant);
    CHECK(matrix_date_time(*portal::core::parse_rfc3339(instant)) == shown);
  }
}

TEST_CASE("issue 11: the fields every procedure fills the same way") {
  const auto catalogs = portal::catalog::Catalogs::embedded();
  struct Row {
    std::string value, display;
    std::optional<std::string> shown;  // nullopt: the field stays absent
  };
  for (const auto& [value, display, shown] :
       {Row{"900123456", "", "900123456"}, Row{"38", "38 - Enfermedad general", "38 - Enfermedad general"},
        Row{"", "ignored", std::nullopt}}) {
    CAPTURE(value, display);
    MatrixRecord r;
    set(r, 6, value, display);
    const auto it = r.values.find(6);
    CHECK((it == r.values.end()
               ? std::nullopt
               : std::optional{it->second.display.empty() ? it->second.value : it->second.display}) == shown);
  }
  for (auto [procedure, shown] :
       {std::pair{Procedure::data_update, "1 - Reporte de actualización de datos"},
        std::pair{Procedure::counter_referral, "6 - Contrarreferencia de pacientes"}}) {
    MatrixRecord r;
    r.procedure = procedure;
    set_procedure(r);
    CHECK(r.values.at(1).value == std::to_string(static_cast<int>(procedure)));
    CHECK(r.values.at(1).display == shown);
  }
  for (auto [code, shown] : {std::pair{"05001", "05001 - Medellín (Antioquia)"},
                             std::pair{"99999", "99999"},  // not in DIVIPOLA: the code alone
                             std::pair{"", ""}}) {
    CAPTURE(code);
    CHECK(coded_municipality(*catalogs, code) == shown);
  }
  MatrixRecord r;
  set_diagnoses(r, *catalogs, "a09.9", {"ZZ99", "", "A090", "A099"});
  CHECK(r.values.at(28).value == "a09.9");  // the code as stored, the catalog's spelling in the display
  CHECK(r.values.at(28).display == "A099 - Gastroenteritis y colitis de origen no especificado");
  CHECK(r.values.at(29).display == "ZZ99");  // not in CIE-10: the code alone
  CHECK(r.values.count(30) == 0);            // an empty related diagnosis leaves its field absent
  CHECK(r.values.at(31).display == "A090 - Otras gastroenteritis y colitis de origen infeccioso");
  CHECK(r.values.count(32) == 0);  // at most three related diagnoses
}

TEST_CASE("issue 11: matrix_json names fields by number and omits the ones the procedure does not carry") {
  MatrixRecord r;
  r.procedure = Procedure::emergency_care;
  r.values[1] = {"2", "2 - Informe de la atención de urgencias"};
  r.values[9] = {"Peñalosa", ""};
  r.values[19] = {"no@aplica.co", ""};  // not carried by procedure 2: ignored
  r.values[45] = {"01", ""};            // idem
  rapidjson::Document doc;
  doc.Parse(matrix_json(r).c_str());
  REQUIRE_FALSE(doc.HasParseError());
  CHECK(doc["procedure"].GetInt() == 2);
  CHECK(std::string(doc["resolution"].GetString()) == "2335/2023");
  const auto& fields = doc["fields"];
  CHECK(fields.MemberCount() == fields_of(Procedure::emergency_care).size());
  CHECK(std::string(fields["1"].GetString()) == "2");
  CHECK(std::string(fields["9"].GetString()) == "Peñalosa");
  CHECK(fields["20"].IsNull());  // carried, no value
  CHECK_FALSE(fields.HasMember("19"));
  CHECK_FALSE(fields.HasMember("45"));
  CHECK_FALSE(doc.HasMember("lines"));  // procedure 2 has no technology lines

  MatrixRecord request;
  request.procedure = Procedure::authorization_request;
  request.lines.push_back({{38, {"890201", ""}}, {39, {"1", ""}}});
  doc.Parse(matrix_json(request).c_str());
  REQUIRE(doc.HasMember("lines"));
  CHECK(std::string(doc["lines"][0]["38"].GetString()) == "890201");
  CHECK(doc["lines"][0]["41"].IsNull());
  CHECK_FALSE(doc["lines"][0].HasMember("37"));  // 37 is not carried by procedure 3
}

TEST_CASE("issue 11: one layout renders any procedure from its field list, with accents") {
  MatrixRecord r;
  r.procedure = Procedure::emergency_care;
  r.values[9] = {"Peñalosa", ""};
  r.values[23] = {"38", "38 - Enfermedad general"};
  DocumentOptions options;
  options.title = "INFORME DE LA ATENCIÓN DE URGENCIAS";
  const std::string pdf =
      render_report(r, options, {{Field::text("Entidad que reporta", "Clínica Ñuñoa", 1.0)}});
  CHECK(testing::qpdf_check(pdf).exit_code == 0);
  const std::string text = testing::pdf_text(pdf);
  CHECK(text.find("INFORME DE LA ATENCIÓN DE URGENCIAS") != std::string::npos);
  CHECK(text.find("9. Primer apellido") != std::string::npos);
  CHECK(text.find("Peñalosa") != std::string::npos);
  CHECK(text.find("38 - Enfermedad general") != std::string::npos);
  CHECK(text.find("Clínica Ñuñoa") != std::string::npos);
  CHECK(text.find("24. Clasificación triage") != std::string::npos);
  CHECK(text.find("Correo electrónico") == std::string::npos);  // field 19: not procedure 2
  CHECK(text.find("PAGOS COMPARTIDOS") == std::string::npos);

  MatrixRecord authorization;
  authorization.procedure = Procedure::authorization;
  authorization.values[45] = {"01", "01 - Copago"};
  authorization.lines.push_back({{38, {"890201", ""}}, {39, {"2", ""}}});
  const std::string text4 = testing::pdf_text(render_report(authorization, options));
  CHECK(text4.find("PAGOS COMPARTIDOS") != std::string::npos);
  CHECK(text4.find("01 - Copago") != std::string::npos);
  CHECK(text4.find("890201") != std::string::npos);
  CHECK(text4.find("Clasificación triage") == std::string::npos);
}
