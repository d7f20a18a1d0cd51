// The Res. 3047 forms' field values (Anexo 2 in urgencies, Anexo 3 in authorizations).
#include "portal/documents/field_values.hpp"

#include <catch2/catch.hpp>

#include "portal/catalog/catalogs.hpp"

using namespace portal::documents;

TEST_CASE("Res. 3047 forms: a stored value or its fallback, a code's catalog name") {
  for (auto [value, fallback, shown] : {std::tuple{"Clínica del Norte", "IPS Norte", "Clínica del Norte"},
                                        std::tuple{"", "IPS Norte", "IPS Norte"}, std::tuple{"", "", ""}}) {
    CAPTURE(value, fallback);
    CHECK(or_fallback(value, fallback) == shown);
  }
  const auto catalogs = portal::catalog::Catalogs::embedded();
  for (auto [code, shown] :
       {std::pair{"CC", "Cédula de ciudadanía"},
        std::pair{"ZZ", "ZZ"},  // not in the catalog (a snapshot older than it): the code
        std::pair{"", ""}}) {
    CAPTURE(code);
    CHECK(describe(*catalogs, portal::catalog::kDocumentTypes, code) == shown);
  }
}

TEST_CASE("Res. 3047 forms: a catalog as check boxes, the chosen code marked") {
  const auto catalogs = portal::catalog::Catalogs::embedded();
  const auto options = catalog_options(*catalogs, portal::catalog::kCarePriorities, "2");
  REQUIRE(options.size() == 2);
  CHECK(options[0].label == "Prioritaria");
  CHECK_FALSE(options[0].checked);
  CHECK(options[1].label == "No prioritaria");
  CHECK(options[1].checked);
  CHECK(catalog_options(*catalogs, "no_such_catalog", "1").empty());
}
