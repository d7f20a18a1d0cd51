// AFF-1 and AFF-5 rules run against the real embedded catalog data (libs/catalog holds the tables,
// services/affiliates the rules over them — written once).
#include <algorithm>
#include <catch2/catch.hpp>
#include <optional>
#include <string>

#include "affiliate_rules.hpp"
#include "call_rules.hpp"
#include "portal/catalog/catalogs.hpp"
#include "reference_data_catalog.hpp"

using namespace portal::affiliates;

namespace {

const ReferenceData& embedded_reference() {
  static const ReferenceData ref = reference_data_from_catalog(*portal::catalog::Catalogs::embedded());
  return ref;
}

// The code of the error on `field`, if any.
std::optional<std::string> error_on(const portal::core::FieldErrors& errors, const std::string& field) {
  const auto it = std::find_if(errors.begin(), errors.end(), [&](const auto& e) { return e.field == field; });
  return it == errors.end() ? std::nullopt : std::optional<std::string>(it->code);
}

}  // namespace

TEST_CASE("AFF-5: Tabla 4.1 action -> procedures, over the embedded call_actions catalog") {
  struct Row {
    const char* action;
    const char* procedure;
    const char* text;
    const char* field;
    std::optional<std::string> expected;
  };
  for (const auto& [action, procedure, text, field, expected] : {
           Row{"complaints", "complaint_registration", "", "procedure", std::nullopt},
           Row{"complaints", "complaint_status", "", "procedure", std::nullopt},
           Row{"network_information", "capitated_provider_information", "", "procedure", std::nullopt},
           Row{"crecer_calls", "appointment_booking", "", "procedure", std::nullopt},
           Row{"general_information", "rights_verification", "", "procedure", std::nullopt},
           Row{"general_information", "emergency_notification_response", "", "procedure", std::nullopt},
           Row{"complaints", "appointment_booking", "", "procedure", "not_allowed_for_action"},
           Row{"crecer_calls", "rights_verification", "", "procedure", "not_allowed_for_action"},
           Row{"general_information", "", "", "procedure", "required"},
           Row{"other", "", "El usuario pregunta por horarios de farmacia", "other_text", std::nullopt},
           Row{"other", "", "   ", "other_text", "required"},
           Row{"other", "complaint_status", "Texto", "procedure", "not_allowed"},
           Row{"weather", "", "", "action", "unknown_action"},
       }) {
    CAPTURE(action, procedure, text);
    CallDraft call;
    call.call_type = "incoming";
    call.caller_type = "other";
    call.caller_name = "Persona que llama";
    call.action = action;
    if (*procedure) call.procedure = procedure;
    if (*text) call.other_text = text;
    const auto errors = validate_call(call, embedded_reference());
    CHECK(error_on(errors, field) == expected);
    if (!expected) CHECK(errors.empty());
  }
  CHECK(embedded_reference().call_actions.size() == 5);
}

TEST_CASE("AFF-1: document type vs age is a warning, over the embedded document_types catalog") {
  struct Row {
    const char* type;
    int years;
    bool warns;
  };
  for (const auto& [type, years, warns] : {
           Row{"RC", 3, false},
           Row{"RC", 6, false},
           Row{"RC", 7, true},
           Row{"TI", 6, true},
           Row{"TI", 7, false},
           Row{"TI", 17, false},
           Row{"TI", 18, true},
           Row{"CC", 17, true},
           Row{"CC", 18, false},
           Row{"CC", 90, false},
           Row{"MS", 17, false},
           Row{"MS", 18, true},
           Row{"AS", 17, true},
           Row{"AS", 40, false},
           Row{"CE", 1, false},
           Row{"PA", 70, false},
       }) {
    CAPTURE(type, years);
    const auto* hint = embedded_reference().document_type(type);
    REQUIRE(hint);
    const auto w = document_type_warning(*hint, years);
    CHECK(w.has_value() == warns);
    if (w) CHECK(w->code == "document_type_age_mismatch");
  }
  CHECK(embedded_reference().document_type("XX") == nullptr);
}
