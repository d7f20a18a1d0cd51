#include <catch2/catch.hpp>

#include "call_rules.hpp"
#include "test_reference_data.hpp"

using namespace portal::affiliates;

namespace {

CallDraft valid_call() {
  CallDraft c;
  c.call_type = "incoming";
  c.caller_type = "affiliate";
  c.caller_name = "María Gómez";
  c.affiliate_document_type = "CC";
  c.affiliate_document_number = "1000000001";
  c.action = "general_information";
  c.procedure = "rights_verification";
  return c;
}

std::vector<std::string> fields_of(const portal::core::FieldErrors& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.field + ":" + e.code);
  return out;
}

}  // namespace

TEST_CASE("AFF-5 Tabla 4.1: action → allowed procedures; `other` needs free text") {
  struct Row {
    const char* action;
    std::optional<std::string> procedure;
    std::optional<std::string> other_text;
    std::vector<std::string> errors;
  };
  for (const auto& row : {Row{"general_information", "rights_verification", {}, {}},
                          Row{"complaints", "complaint_registration", {}, {}},
                          Row{"complaints", "rights_verification", {}, {"procedure:not_allowed_for_action"}},
                          Row{"complaints", {}, {}, {"procedure:required"}},
                          Row{"other", {}, "Consulta por un medicamento", {}},
                          Row{"other", {}, {}, {"other_text:required"}},
                          Row{"other", {}, "   ", {"other_text:required"}},
                          Row{"other", "complaint_status", "texto", {"procedure:not_allowed"}},
                          Row{"teleshopping", "x", {}, {"action:unknown_action"}},
                          Row{"", {}, {}, {"action:required"}}}) {
    CAPTURE(row.action, row.procedure);
    auto c = valid_call();
    c.action = row.action;
    c.procedure = row.procedure;
    c.other_text = row.other_text;
    CHECK(fields_of(validate_call(c, test::reference_data())) == row.errors);
  }
}

TEST_CASE("AFF-5 caller, provider and affiliate data") {
  const auto& ref = test::reference_data();
  CHECK(validate_call(valid_call(), ref).empty());

  auto about_non_affiliate = valid_call();
  about_non_affiliate.caller_type = "other";
  about_non_affiliate.affiliate_document_type.reset();
  about_non_affiliate.affiliate_document_number.reset();
  CHECK(validate_call(about_non_affiliate, ref).empty());

  auto affiliate_missing = about_non_affiliate;
  affiliate_missing.caller_type = "affiliate";
  CHECK(fields_of(validate_call(affiliate_missing, ref)) == std::vector<std::string>{"affiliate:required"});

  auto unregistered_provider = valid_call();
  unregistered_provider.caller_type = "provider";
  unregistered_provider.provider_nit = "900123456";
  unregistered_provider.provider_name = "IPS Nueva";
  CHECK(fields_of(validate_call(unregistered_provider, ref)) ==
        std::vector<std::string>{"provider.municipality_code:required"});
  unregistered_provider.provider_municipality_code = "13001";
  CHECK(validate_call(unregistered_provider, ref).empty());

  auto bad = valid_call();
  bad.call_type = "fax";
  bad.caller_type = "";
  bad.caller_name = " ";
  bad.provider_nit = "90A";
  bad.affiliate_document_number = "12X";
  CHECK(fields_of(validate_call(bad, ref)) ==
        std::vector<std::string>{"call_type:invalid_value", "caller_type:required", "caller_name:required",
                                 "provider.nit:invalid_nit", "affiliate.document_number:not_numeric"});
}
