// OPS-6 contents: counts, DIVIPOLA codes and flags, CUPS classifications, the small enumerations.
#include "portal/catalog/catalogs.hpp"

#include <catch2/catch.hpp>
#include <string>

#include "portal/catalog/json.hpp"
#include "shared_catalogs.hpp"

TEST_CASE("catalog sizes") {
  CHECK(catalogs().get("cie10")->size() == 12586);
  CHECK(catalogs().get("divipola")->size() == 1102);
  CHECK(catalogs().get("departments")->size() == 33);
  CHECK(catalogs().get("cups")->size() >= 200);
  CHECK(catalogs().get("service_groups")->size() == 12);
  CHECK(catalogs().get("triage")->size() == 5);
  CHECK(catalogs().get("attention_origins")->size() == 5);
  CHECK(catalogs().get("destinations")->size() == 6);
  CHECK(catalogs().get("regionals")->size() == 8);
  CHECK(catalogs().get("nope") == nullptr);
  CHECK_FALSE(catalogs().search("nope", "x").has_value());
}

TEST_CASE("every name the affiliates service serves exists") {
  for (const char* n : {"cie10", "cups", "divipola", "document_types", "triage", "attention_origins",
                        "destinations", "patient_locations", "services", "referral_types", "ambulance_types",
                        "transfer_types", "regionals", "call_actions"}) {
    CAPTURE(n);
    REQUIRE(catalogs().get(n) != nullptr);
    CHECK(catalogs().get(n)->size() > 0);
    CHECK(catalogs().get(n)->version().size() == 16);
  }
}

TEST_CASE("DIVIPOLA keeps leading zeros and restores names") {
  struct Row {
    const char* query;
    const char* code;
    const char* name;
    const char* department;
  };
  for (const auto& [query, code, name, department] : {
           Row{"08001", "08001", "Barranquilla", "Atlántico"},
           Row{"8001", "08001", "Barranquilla", "Atlántico"},
           Row{"13001", "13001", "Cartagena de Indias", "Bolívar"},
           Row{"05001", "05001", "Medellín", "Antioquia"},
           Row{"11001", "11001", "Bogotá, D.C.", "Bogotá, D.C."},
           Row{"76001", "76001", "Cali", "Valle del Cauca"},
           Row{"23001", "23001", "Montería", "Córdoba"},
       }) {
    CAPTURE(query);
    auto m = catalogs().municipality(query);
    REQUIRE(m);
    CHECK(m->code == code);
    CHECK(m->name == name);
    CHECK(m->department_name == department);
  }
  CHECK_FALSE(catalogs().municipality("99999"));
}

TEST_CASE("AUT-4: Cartagena and Barranquilla are the only subsidy cities") {
  CHECK(catalogs().is_subsidy_city("13001"));
  CHECK(catalogs().is_subsidy_city("08001"));
  CHECK_FALSE(catalogs().is_subsidy_city("08758"));  // Soledad, next to Barranquilla
  CHECK_FALSE(catalogs().is_subsidy_city("13836"));  // Turbaco, next to Cartagena
  CHECK_FALSE(catalogs().is_subsidy_city("11001"));
  CHECK_FALSE(catalogs().is_subsidy_city("00000"));
  int flagged = 0;
  for (const auto& m : catalogs().get("divipola")->items()) flagged += m.flag("subsidy_city") ? 1 : 0;
  CHECK(flagged == 2);
}

TEST_CASE("SPEC §8 regionals of municipalities") {
  struct Row {
    const char* code;
    const char* regional;
  };
  for (const auto& [code, regional] :
       {Row{"13001", "bolivar"}, Row{"13244", "bolivar_norte"}, Row{"13430", "bolivar_centro"},
        Row{"13688", "bolivar_sur"}, Row{"08001", "atlantico"}, Row{"47001", "magua"}, Row{"44001", "magua"},
        Row{"70001", "sucre"}, Row{"23001", "cordoba"}, Row{"05001", ""}, Row{"11001", ""}}) {
    CAPTURE(code);
    CHECK(catalogs().municipality(code)->regional == regional);
  }
  for (const auto& m : catalogs().get("divipola")->items()) {
    if (m.code.starts_with("13")) CHECK(!m.text("regional").empty());
  }
}

TEST_CASE("CUPS: lookups, classifications and flags (AUT-1)") {
  auto consult = catalogs().procedure("890201", "general");
  REQUIRE(consult);
  CHECK(consult->group == "professional_consultation");
  CHECK(consult->pos);
  CHECK_FALSE(consult->surgical);

  auto xray = catalogs().procedures("871121");
  REQUIRE(xray.size() == 3);  // general, emergency, hospital
  CHECK(xray[0].classification == "general");
  auto in_hospital = catalogs().procedure("871121", "hospital");
  REQUIRE(in_hospital);
  CHECK(in_hospital->hospital);
  CHECK_FALSE(catalogs().procedure("871121", "home"));

  auto glucose = catalogs().procedure("903841", "general");
  REQUIRE(glucose);
  CHECK(glucose->group == "basic_diagnostics");

  auto cesarean = catalogs().procedure("741000", "general");
  REQUIRE(cesarean);
  CHECK(cesarean->surgical);
  CHECK(cesarean->hospital);
  // AUT-2 copay flag: consultations and basic diagnostics carry a moderating fee, not a copay.
  CHECK(cesarean->copay);
  CHECK_FALSE(consult->copay);
  CHECK_FALSE(glucose->copay);

  auto aesthetic = catalogs().procedure("890298", "general");
  REQUIRE(aesthetic);
  CHECK_FALSE(aesthetic->pos);

  CHECK(catalogs().procedures("000000").empty());
  // Every CUPS group is one of the 12 groups of manual 003 §7.1.
  for (const auto& item : catalogs().get("cups")->items()) {
    CHECK(catalogs().find("service_groups", item.text("group")) != nullptr);
  }
}

TEST_CASE("small enumerations use snake_case codes with Spanish descriptions") {
  CHECK(catalogs().find("attention_origins", "traffic_accident")->description == "Accidente de tránsito");
  CHECK(catalogs().find("destinations", "counter_referral")->description == "Contrarremisión");
  CHECK(catalogs().find("triage", "ii")->number("max_wait_minutes", -1) == 30);
  CHECK(catalogs().find("patient_locations", "hospitalization")->number("anexo3_code", 0) == 3);
  CHECK(catalogs().find("ambulance_types", "not_applicable")->flag("requires_transfer", true) == false);
  CHECK(catalogs().find("ambulance_types", "medicalized")->flag("requires_transfer"));
  CHECK(catalogs().find("service_types", "elective")->number("anexo3_code", 0) == 2);
}

TEST_CASE("items render as {code, description, fields...}") {
  const auto* item = catalogs().find("patient_locations", "hospitalization");
  REQUIRE(item);
  CHECK(portal::catalog::to_json(*item) ==
        R"({"code":"hospitalization","description":"Hospitalización","anexo3_code":3,"requires_bed":true})");
  const auto* other = catalogs().find("call_actions", "other");
  REQUIRE(other);
  CHECK(portal::catalog::to_json(*other).find(R"("procedures":[],"requires_text":true)") !=
        std::string::npos);
}

TEST_CASE("issue 11: the Res. 2335 de 2023 code lists are loaded with their RIPS codes") {
  struct Row {
    const char* name;
    std::size_t size;
    const char* code;
    const char* description;
  };
  for (auto [name, size, code, description] : {
           Row{"admission_routes", 14, "13", "Referido de otra institución"},
           Row{"care_causes", 28, "38", "Enfermedad general"},
           Row{"condition_destinations", 7, "01", "Paciente con destino a su domicilio"},
           Row{"care_priorities", 2, "1", "Prioritaria"},
           Row{"care_types", 2, "2", "Servicios electivos"},
           Row{"reps_service_groups", 5, "05", "Atención inmediata"},
           Row{"technology_modalities", 8, "01", "Intramural"},
           Row{"technology_purposes", 34, "16", "Tratamiento"},
           Row{"shared_payment_types", 5, "01", "Copago"},
           Row{"person_levels", 3, "1", ""},
       }) {
    CAPTURE(name, code);
    REQUIRE(catalogs().get(name) != nullptr);
    CHECK(catalogs().get(name)->size() == size);
    const auto* item = catalogs().find(name, code);
    REQUIRE(item != nullptr);
    if (*description) CHECK(item->description == description);
  }
  // Spreadsheets drop leading zeros: "1" is looked up as "01".
  CHECK(catalogs().find("admission_routes", "1")->description == "Demanda espontánea");
  CHECK(catalogs().find("care_causes", "99") == nullptr);
}

TEST_CASE("issue 19: glosa concepts hold both generations, each code with its level and source") {
  struct Row {
    const char* code;
    const char* generation;
    const char* level;
  };
  for (auto [code, generation, level] : {
           Row{"FA", "2284", "family"},
           Row{"RE", "2284", "family"},
           Row{"FA0701", "2284", "applicable"},
           Row{"de16", "2284", "group"},
           Row{"RE9702", "2284", "response"},
           Row{"RE97", "2284", "response_group"},
           Row{"RE2202", "2284", "response"},
           Row{"8", "3047", "family"},
           Row{"997", "3047", "response"},
       }) {
    CAPTURE(code);
    const auto* item = catalogs().find("glosa_concepts", code);
    REQUIRE(item != nullptr);
    CHECK(item->text("generation") == generation);
    CHECK(item->text("level") == level);
    CHECK_FALSE(item->text("source").empty());
  }
  CHECK(catalogs().find("glosa_concepts", "FA9999") == nullptr);
  CHECK(catalogs().find("glosa_concepts", "7") == nullptr);  // no family 7 in our sources
}
