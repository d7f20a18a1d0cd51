// AUT-1 location -> services (the AFF-1/AFF-5 rules over catalog data are tested in services/affiliates).
#include <catch2/catch.hpp>

#include <optional>
#include <string>

#include "portal/catalog/catalogs.hpp"
#include "shared_catalogs.hpp"


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

