#include "urgencies_test_support.hpp"

namespace portal::urgencies::test {

std::string notification_body(const std::string& attention_number, const std::string& admitted_at,
                              const std::map<std::string, std::string>& raw_members) {
  return portal::test::json_object(
      {
          {"attention_number", "\"" + attention_number + "\""},
          {"affiliate", R"({"document_type":"CC","document_number":"1000000001"})"},
          {"attention_origin", R"("general_illness")"},
          {"triage", "3"},
          {"referral", R"({"is_referred":false})"},
          {"admitted_at", "\"" + admitted_at + "\""},
          {"consultation_reason", R"("Dolor abdominal agudo")"},
          {"destination", R"("observation")"},
          {"diagnoses", R"({"principal":"R104","related":["A090"]})"},
      },
      raw_members);
}

}  // namespace portal::urgencies::test
