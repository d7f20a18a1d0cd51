#include "authorizations_test_support.hpp"

namespace portal::authorizations::test {

std::string request_body(const std::string& request_number,
                         const std::map<std::string, std::string>& raw_members) {
  return portal::test::json_object(
      {
          {"request_number", "\"" + request_number + "\""},
          {"affiliate", R"({"document_type":"CC","document_number":"1000000001"})"},
          {"attention_origin", R"("general_illness")"},
          {"service_type", R"("elective")"},
          {"priority", R"("non_priority")"},
          {"patient_location", R"("outpatient")"},
          {"service", R"("general_medicine")"},
          {"diagnoses", R"({"principal":"D509","related":[]})"},
          {"clinical_justification", R"("Control de anemia ferropénica")"},
          {"procedures", R"([{"cups_code":"902045","quantity":1}])"},
          {"requester", R"({"name":"Ana Lucía Ruiz","position":"Médica general","phone":"6053850000"})"},
      },
      raw_members);
}

}  // namespace portal::authorizations::test
