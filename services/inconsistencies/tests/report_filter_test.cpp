// INC-4 filters read from the query string: every error at once, only a start date = that day, names
// folded for "contains" matches.
#include "report_filter.hpp"

#include <algorithm>
#include <catch2/catch.hpp>

namespace portal::inconsistencies {
namespace {

const catalog::Catalogs& catalogs() {
  static const auto c = catalog::Catalogs::embedded();
  return *c;
}

}  // namespace

TEST_CASE("INC-4 no filter means no query", "[unit]") {
  core::FieldErrors errors;
  CHECK_FALSE(read_filter({}, catalogs(), errors).any());
  CHECK_FALSE(read_filter({{"page", "2"}, {"provider", "  "}}, catalogs(), errors).any());
  CHECK(errors.empty());
}

TEST_CASE("INC-4 filters", "[unit]") {
  core::FieldErrors errors;
  auto f = read_filter({{"date_from", "2026-05-04"},
                        {"provider", "Clínica Ejemplo"},
                        {"provider_location", "08001"},
                        {"status", "pending"},
                        {"type", "data_mismatch"},
                        {"document_type", "CC"},
                        {"document_number", "123"},
                        {"regional", "bolivar_sur"},
                        {"number", "42"}},
                       catalogs(), errors);
  CHECK(errors.empty());
  CHECK(f.date_to == std::optional<std::string>("2026-05-04"));  // only the start date: that day
  CHECK(f.provider_name == std::optional<std::string>("clinica ejemplo"));
  CHECK_FALSE(f.provider_nit);
  CHECK(f.location_code == std::optional<std::string>("08001"));
  CHECK(f.status == ReportStatus::pending);
  CHECK(f.type == ReportType::data_mismatch);
  CHECK(f.regional == std::optional<std::string>("bolivar_sur"));
  CHECK(f.number == 42);
  f = read_filter({{"provider", "900000001"}, {"provider_location", "Cartagena"}}, catalogs(), errors);
  CHECK(f.provider_nit == std::optional<std::string>("900000001"));
  CHECK(f.location_name == std::optional<std::string>("cartagena"));
  CHECK(fold("BOLÍVAR Ñandú") == "bolivar nandu");
}

TEST_CASE("INC-4 every bad filter at once", "[unit]") {
  core::FieldErrors errors;
  read_filter({{"date_from", "2026-05-10"},
               {"date_to", "2026-05-01"},
               {"status", "done"},
               {"type", "x"},
               {"document_number", "1"},
               {"regional", "antioquia"},
               {"number", "-1"},
               {"provider_location", "123"}},
              catalogs(), errors);
  std::vector<std::string> got;
  for (const auto& e : errors) got.push_back(e.field + ":" + e.code);
  std::sort(got.begin(), got.end());
  CHECK(got == std::vector<std::string>{"date_to:range_inverted", "document_type:required",
                                        "number:invalid_value", "provider_location:invalid_value",
                                        "regional:invalid_value", "status:invalid_value",
                                        "type:invalid_value"});
  errors.clear();
  read_filter({{"date_to", "2026-05-01"}, {"date_from", "05/01/2026"}}, catalogs(), errors);
  got.clear();
  for (const auto& e : errors) got.push_back(e.field + ":" + e.code);
  std::sort(got.begin(), got.end());
  CHECK(got == std::vector<std::string>{"date_from:invalid_date"});
}

}  // namespace portal::inconsistencies
