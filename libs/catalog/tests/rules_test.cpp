// AUT-1 location -> services, AFF-5 Tabla 4.1 actions -> procedures, AFF-1 document type vs age.
#include <catch2/catch.hpp>

#include <optional>
#include <string>

#include "portal/catalog/catalogs.hpp"
#include "shared_catalogs.hpp"

using portal::catalog::age_from_years;

namespace {


template <class E>
std::optional<std::string> code_of(const E& e) {
  return e ? std::optional<std::string>(e->code) : std::nullopt;
}

}  // namespace

TEST_CASE("AUT-1: services depend on the patient location") {
  struct Row {
    const char* location;
    const char* service;
    std::optional<std::string> expected;
  };
  for (const auto& [location, service, expected] : {
           Row{"outpatient", "general_medicine", std::nullopt},
           Row{"emergency", "emergency_general", std::nullopt},
           Row{"hospitalization", "icu_adult", std::nullopt},
           Row{"hospitalization", "general_medicine", "service_not_in_location"},
           Row{"outpatient", "icu_neonatal", "service_not_in_location"},
           Row{"emergency", "obstetric_ward", "service_not_in_location"},
           Row{"home", "general_medicine", "unknown_location"},
           Row{"outpatient", "astrology", "unknown_service"},
       }) {
    CAPTURE(location, service);
    CHECK(code_of(catalogs().check_service(location, service)) == expected);
  }
  CHECK(catalogs().services_for("emergency").size() >= 5);
  CHECK(catalogs().services_for("nowhere").empty());
  CHECK(catalogs().location_requires_bed("hospitalization"));
  CHECK_FALSE(catalogs().location_requires_bed("emergency"));
  CHECK_FALSE(catalogs().location_requires_bed("outpatient"));
}

TEST_CASE("AFF-5: Tabla 4.1 action -> procedures") {
  struct Row {
    const char* action;
    const char* procedure;
    const char* text;
    std::optional<std::string> expected;
  };
  for (const auto& [action, procedure, text, expected] : {
           Row{"complaints", "complaint_registration", "", std::nullopt},
           Row{"complaints", "complaint_status", "", std::nullopt},
           Row{"network_information", "capitated_provider_information", "", std::nullopt},
           Row{"crecer_calls", "appointment_booking", "", std::nullopt},
           Row{"general_information", "rights_verification", "", std::nullopt},
           Row{"general_information", "emergency_notification_response", "", std::nullopt},
           Row{"complaints", "appointment_booking", "", "procedure_not_allowed"},
           Row{"crecer_calls", "rights_verification", "", "procedure_not_allowed"},
           Row{"general_information", "", "", "procedure_not_allowed"},
           Row{"other", "", "El usuario pregunta por horarios de farmacia", std::nullopt},
           Row{"other", "", "   ", "required"},
           Row{"other", "", "", "required"},
           Row{"weather", "", "", "unknown_action"},
       }) {
    CAPTURE(action, procedure, text);
    CHECK(code_of(catalogs().check_call_action(action, procedure, text)) == expected);
  }
  const auto* complaints = catalogs().find("call_actions", "complaints");
  REQUIRE(complaints);
  CHECK(std::get<std::vector<portal::catalog::Entry>>(*complaints->field("procedures")).size() == 2);
  CHECK(catalogs().get("call_actions")->size() == 5);
}

TEST_CASE("AFF-1: document type vs age is a warning") {
  struct Row {
    const char* type;
    int years;
    bool warns;
  };
  for (const auto& [type, years, warns] : {
           Row{"RC", 3, false}, Row{"RC", 6, false}, Row{"RC", 7, true}, Row{"TI", 6, true}, Row{"TI", 7, false},
           Row{"TI", 17, false}, Row{"TI", 18, true}, Row{"CC", 17, true}, Row{"CC", 18, false}, Row{"CC", 90, false},
           Row{"MS", 17, false}, Row{"MS", 18, true}, Row{"AS", 17, true}, Row{"AS", 40, false}, Row{"CE", 1, false},
           Row{"PA", 70, false}, Row{"XX", 30, false},
       }) {
    CAPTURE(type, years);
    auto w = catalogs().document_age_warning(type, age_from_years(years));
    CHECK(w.has_value() == warns);
    if (w) CHECK(w->code == "document_type_age");
  }
}
