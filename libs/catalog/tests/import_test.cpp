// OPS-6 importer: per-line rejections with line numbers, the rest loaded; official column names.
#include "portal/catalog/import.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "portal/catalog/catalogs.hpp"
#include "shared_catalogs.hpp"

using portal::catalog::import_csv;
using portal::catalog::import_text;

namespace {

std::filesystem::path temp_dir() {
  std::random_device rd;
  auto dir = std::filesystem::temp_directory_path() / ("catalog_test_" + std::to_string(rd()));
  std::filesystem::create_directories(dir);
  return dir;
}

}  // namespace

TEST_CASE("malformed lines are rejected with their line numbers, the rest loads") {
  const std::string text =
      "code,description,chapter,category\n"           // 1
      "A000,Cólera debido a Vibrio cholerae,1,A00\n"  // 2 ok
      "A00,Cólera sin subdivisión,1,A00\n"            // 3 ok: padded to A00X
      "1234,Código inválido,1,123\n"                  // 4 invalid code
      "B001,,1,B00\n"                                 // 5 empty description
      "B002,\"Sin cerrar,1,B00\n";                    // 6.. unterminated quote
  auto r = import_text("cie10", text);
  REQUIRE(r.report.ok());
  CHECK(r.report.loaded == 2);
  REQUIRE(r.report.rejected.size() == 3);
  CHECK(r.report.rejected[0].line == 4);
  CHECK(r.report.rejected[0].reason.find("invalid code") != std::string::npos);
  CHECK(r.report.rejected[1].line == 5);
  CHECK(r.report.rejected[1].reason.find("empty description") != std::string::npos);
  CHECK(r.report.rejected[2].line == 6);
  CHECK(r.items[1].code == "A00X");
}

TEST_CASE("wrong field counts, duplicates, bad values") {
  const std::string text =
      "code,classification,description,group,pos,surgical,hospital\n"
      "890201,general,CONSULTA DE PRIMERA VEZ POR MEDICINA "
      "GENERAL,professional_consultation,true,false,false\n"
      "890201,hospital,CONSULTA EN HOSPITAL,professional_consultation,true,false,true\n"
      "890201,general,DUPLICADA,professional_consultation,true,false,false\n"
      "903841,general,GLUCOSA,laboratorio,true,false,false\n"
      "903895,general,CREATININA,basic_diagnostics,quizas,false,false\n"
      "871121,general,RADIOGRAFIA\n"
      "\n"
      "9038,general,CORTO,basic_diagnostics,true,false,false\n";
  auto r = import_text("cups", text);
  REQUIRE(r.report.ok());
  CHECK(r.report.loaded == 2);
  REQUIRE(r.report.rejected.size() == 5);
  CHECK(r.report.rejected[0].line == 4);
  CHECK(r.report.rejected[0].reason.find("duplicate") != std::string::npos);
  CHECK(r.report.rejected[0].reason.find("line 2") != std::string::npos);
  CHECK(r.report.rejected[1].line == 5);
  CHECK(r.report.rejected[1].reason.find("group") != std::string::npos);
  CHECK(r.report.rejected[2].line == 6);
  CHECK(r.report.rejected[2].reason.find("pos") != std::string::npos);
  CHECK(r.report.rejected[3].line == 7);
  CHECK(r.report.rejected[3].reason.find("expected 7 fields") != std::string::npos);
  CHECK(r.report.rejected[4].line == 9);
  // A file without the copay column (issue 12) gets it by group: a consultation carries none.
  REQUIRE_FALSE(r.items.empty());
  CHECK_FALSE(r.items[0].flag("copay", true));
}

TEST_CASE("whole-file problems") {
  CHECK(import_text("nope", "code,description\n").report.error.find("unknown catalog") != std::string::npos);
  CHECK(import_text("cie10", "").report.error.find("empty") != std::string::npos);
  CHECK(import_text("cie10", "foo,bar\nA000,x\n").report.error.find("missing column code") !=
        std::string::npos);
  CHECK(import_text("services", "code,description\nx,y\n").report.error.find("missing column location") !=
        std::string::npos);
  CHECK(import_csv("cie10", "/nonexistent/file.csv").error.find("cannot read") != std::string::npos);
  CHECK(import_csv("nope", "/nonexistent/file.csv").error.find("unknown catalog") != std::string::npos);
}

TEST_CASE("official column names: SISPRO CIE-10 with sex and age, DANE DIVIPOLA without zeros") {
  // SISPRO reference tables: ';' separated, Latin-1, Extra_* column prefixes.
  const std::string sispro =
      "Tabla;Codigo;Nombre;Extra_I:AplicaASexo;Extra_II:EdadMinima;Extra_III:EdadMaxima\n"
      "CIE10;O800;Parto \xfa"
      "nico espont\xe1"
      "neo;F;10;54\n"
      "CIE10;J189;Neumon\xed"
      "a, no especificada;A;0;120\n"
      "CIE10;N40X;Hiperplasia de la pr\xf3"
      "stata;M;0;120\n";
  auto r = import_text("cie10", sispro);
  REQUIRE(r.report.ok());
  CHECK(r.report.rejected.empty());
  CHECK(r.report.loaded == 3);
  CHECK(r.items[1].description == "Neumonía, no especificada");
  CHECK(r.derived_limits_csv.find("O800,SISPRO CIE-10 reference table (imported),O800,F,10,54") !=
        std::string::npos);
  CHECK(r.derived_limits_csv.find("N40X,SISPRO CIE-10 reference table (imported),N40X,M,,") !=
        std::string::npos);
  CHECK(r.derived_limits_csv.find("J189") == std::string::npos);

  auto d = import_text(
      "divipola",
      "codigo_municipio,nombre_municipio\n8001,Barranquilla\n13001,Cartagena\n5001000,Medellín\n");
  REQUIRE(d.report.ok());
  REQUIRE(d.items.size() == 3);
  CHECK(d.items[0].code == "08001");
  CHECK(d.items[0].text("department_code") == "08");
  CHECK(d.items[0].flag("subsidy_city"));
  CHECK(d.items[0].text("regional") == "atlantico");
  CHECK(d.items[1].text("regional") == "bolivar");
  CHECK(d.items[2].code == "05001");
  CHECK(d.items[2].text("regional").empty());
  CHECK_FALSE(d.items[2].flag("subsidy_city"));
}

TEST_CASE("portalctl-style import writes a directory that Catalogs::load uses") {
  const auto dir = temp_dir();
  const auto src = dir / "in.csv";
  {
    std::ofstream out(src);
    out << "code,description,location\n"
           "general_medicine,Medicina general,outpatient\n"
           "bad code,Malo,outpatient\n"
           "icu_adult,UCI adultos,hospitalization\n";
  }
  auto report = import_csv("services", src, dir / "data");
  REQUIRE(report.ok());
  CHECK(report.loaded == 2);
  REQUIRE(report.rejected.size() == 1);
  CHECK(report.rejected[0].line == 3);
  REQUIRE(std::filesystem::exists(dir / "data" / "services.csv"));

  auto loaded = portal::catalog::Catalogs::load(dir / "data");
  CHECK(loaded->get("services")->size() == 2);
  CHECK(loaded->get("cie10")->size() == 12586);  // not in the directory: embedded
  CHECK(loaded->get("services")->version() != catalogs().get("services")->version());

  // A broken cross reference stops the load.
  {
    std::ofstream out(dir / "data" / "services.csv");
    out << "code,description,location\nicu_adult,UCI adultos,moon\n";
  }
  CHECK_THROWS_WITH(portal::catalog::Catalogs::load(dir / "data"), Catch::Contains("moon"));
  std::filesystem::remove_all(dir);
}

TEST_CASE("importing DIVIPOLA without regional column derives the same regionals as the shipped file") {
  const auto* embedded = &catalogs();
  std::string text = "code,description\n";
  for (const auto& m : embedded->get("divipola")->items())
    text += m.code + "," + "\"" + m.description + "\"\n";
  auto r = import_text("divipola", text);
  REQUIRE(r.report.ok());
  REQUIRE(r.items.size() == 1102);
  for (std::size_t i = 0; i < r.items.size(); ++i) {
    const auto& shipped = embedded->get("divipola")->items()[i];
    CAPTURE(shipped.code);
    CHECK(r.items[i].text("regional") == shipped.text("regional"));
    CHECK(r.items[i].flag("subsidy_city") == shipped.flag("subsidy_city"));
  }
}

TEST_CASE("issue 11: a Res. 2335 code list imports from CSV, zero-padding codes and rejecting bad ones") {
  const std::string text =
      "codigo;nombre\n"                    // 1 (semicolon-delimited, Spanish headers)
      "1;Demanda espontánea\n"             // 2 ok: padded to 01
      "13;Referido de otra institución\n"  // 3 ok
      "ab;No numérico\n"                   // 4 invalid code
      "123;Demasiado largo\n";             // 5 invalid code
  auto r = import_text("admission_routes", text);
  REQUIRE(r.report.ok());
  CHECK(r.report.loaded == 2);
  REQUIRE(r.report.rejected.size() == 2);
  CHECK(r.report.rejected[0].line == 4);
  CHECK(r.report.rejected[1].line == 5);
  CHECK(r.items[0].code == "01");
  CHECK(r.items[1].description == "Referido de otra institución");
}

TEST_CASE("issue 19: the official glosa table imports from code and description alone") {
  const std::string text =
      "Codigo,Descripcion\n"
      "TA0201,Consulta: diferencia en tarifa\n"  // 2 applicable, 2284
      "RE9801,Aceptada parcialmente\n"           // 3 response
      "117,Legado 3047\n"                        // 4 applicable, 3047
      "FA07X1,Código mal formado\n";             // 5 refused
  auto r = import_text("glosa_concepts", text);
  REQUIRE(r.report.ok());
  CHECK(r.report.loaded == 3);
  REQUIRE(r.report.rejected.size() == 1);
  CHECK(r.report.rejected[0].line == 5);
  REQUIRE(r.items.size() == 3);
  CHECK(r.items[0].text("generation") == "2284");
  CHECK(r.items[0].text("level") == "applicable");
  CHECK(r.items[1].text("level") == "response");
  CHECK(r.items[2].text("generation") == "3047");
  CHECK(r.items[2].text("source") == "official table (imported)");
}
