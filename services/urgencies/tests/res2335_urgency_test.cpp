// Issue 11 (SPEC §13): the emergency care report (procedure 2 of Res. 2335 de 2023) of a notification —
// its fields in the body, their validation rows, the mapping of old 3047 bodies, the numbered matrix and
// the document in force on each side of 1 April 2026.
#include <rapidjson/document.h>

#include <catch2/catch.hpp>
#include <string>

#include "annex2_pdf.hpp"
#include "emergency_report.hpp"
#include "portal/documents/testing/pdf_tools.hpp"
#include "portal/json/json.hpp"
#include "res3047_mapping.hpp"
#include "urgency_json.hpp"
#include "urgency_rules.hpp"

using namespace portal;
using namespace portal::urgencies;
using portal::documents::testing::pdf_text;

namespace {

const catalog::Catalogs& catalogs() {
  static const auto c = catalog::Catalogs::embedded();
  return *c;
}

core::Instant at(const char* rfc3339) { return *core::parse_rfc3339(rfc3339); }

// 2026-12-03 10:00 in Bogotá: Res. 2335 in force.
const core::Instant kNow = at("2026-12-03T15:00:00Z");

const char* kBody2335 = R"json({
  "attention_number": "B77",
  "affiliate": {"document_type": "CC", "document_number": "1000000001"},
  "care_cause": "23",
  "triage": 2,
  "referral": {"is_referred": true, "provider_name": "Hospital Niño Jesús", "habilitation_code": "080010001201",
               "department_code": "08", "municipality_code": "08001"},
  "admitted_at": "2026-12-03T08:15:00-05:00",
  "admission_route": "13",
  "care_address": "Calle 5 # 3-21, Soledad (casa de la tía)",
  "consultation_reason": "Accidente de moto; dolor en pierna",
  "condition_destination": "03",
  "diagnoses": {"principal": "S82.2", "related": ["R52.9"]}
})json";

const char* kBody3047 = R"({
  "attention_number": "B78",
  "affiliate": {"document_type": "CC", "document_number": "1000000001"},
  "attention_origin": "traffic_accident",
  "triage": 2,
  "referral": {"is_referred": true, "provider_name": "Hospital Niño Jesús", "department_code": "08",
               "municipality_code": "08001"},
  "admitted_at": "2026-12-03T08:15:00-05:00",
  "consultation_reason": "Accidente de moto",
  "destination": "counter_referral",
  "diagnoses": {"principal": "S82.2", "related": []}
})";

struct Parsed {
  NotificationDraft draft;
  core::FieldErrors errors;
};

Parsed parse(const std::string& body, ParseOptions options = {}) {
  auto doc = json::parse(body);
  REQUIRE(doc.ok());
  Parsed p;
  p.draft = parse_notification(doc.doc, catalogs(), p.errors, options);
  return p;
}

// `base` with one member replaced (or removed when value is empty); "a.b" reaches into an object.
std::string with(const char* base, const std::string& member, const std::string& value) {
  auto doc = json::parse(base);
  auto& d = doc.doc;
  rapidjson::Value* object = &d;
  std::string name = member;
  if (const auto dot = member.find('.'); dot != std::string::npos) {
    object = &d[member.substr(0, dot).c_str()];
    name = member.substr(dot + 1);
  }
  object->RemoveMember(name.c_str());
  if (!value.empty()) {
    rapidjson::Document v;
    v.Parse(value.c_str());
    REQUIRE_FALSE(v.HasParseError());
    rapidjson::Value key(name.c_str(), d.GetAllocator());
    rapidjson::Value copy(v, d.GetAllocator());
    object->AddMember(key, copy, d.GetAllocator());
  }
  return json::to_string(d);
}

std::vector<std::string> fields_codes(const core::FieldErrors& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.field + ":" + e.code);
  return out;
}

using Codes = std::vector<std::string>;

AffiliateFacts person(std::string sex) {
  AffiliateFacts a;
  a.id = 1;
  a.document_type = "CC";
  a.document_number = "1000000001";
  a.first_name = "María";
  a.second_name = "Fernanda";
  a.first_surname = "Gómez";
  a.second_surname = "Pérez";
  a.birth_date = "1997-10-24";
  a.sex = std::move(sex);
  a.regime = "subsidized";
  a.affiliation_status = "active";
  a.data_quality = "ok";
  a.municipality_code = "08001";
  a.address = "Calle 72 # 45-10";
  a.phone = "3001234567";
  return a;
}

// Parse errors and rule errors of a body, as the create route gathers them.
Codes all_errors(const std::string& body, const AffiliateFacts& affiliate = person("F")) {
  auto p = parse(body);
  auto r = validate_notification(p.draft, affiliate, kNow, catalogs(), "", std::move(p.errors));
  return fields_codes(r.errors);
}

}  // namespace

TEST_CASE("issue 11: the 3047 -> 2335 mapping tables, both ways") {
  struct Row {
    const char* origin;
    std::optional<std::string> cause;
  };
  for (auto [origin, cause] :
       {Row{"general_illness", "38"}, Row{"occupational_illness", "39"}, Row{"work_accident", "21"},
        Row{"traffic_accident", "23"}, Row{"catastrophic_event", "27"}, Row{"unknown", std::nullopt}}) {
    CAPTURE(origin);
    CHECK(care_cause_of_origin(origin) == cause);
    if (cause) CHECK(origin_of_care_cause(*cause) == std::optional<std::string>{origin});
  }
  struct Dest {
    const char* destination;
    std::optional<std::string> condition;
  };
  for (auto [destination, condition] :
       {Dest{"home", "01"}, Dest{"observation", "03"}, Dest{"hospitalization", "03"}, Dest{"referral", "04"},
        Dest{"counter_referral", "05"}, Dest{"other", std::nullopt}}) {
    CAPTURE(destination);
    CHECK(condition_destination_of(destination) == condition);
  }
  CHECK(origin_of_care_cause("24") == std::optional<std::string>{"traffic_accident"});
  CHECK(origin_of_care_cause("28") == std::nullopt);      // aggression: no 3047 origin
  CHECK(destination_of_condition("03") == std::nullopt);  // observation or internment: ambiguous
  CHECK(destination_of_condition("02") == std::nullopt);  // dead: no 3047 destination
  CHECK(admission_route_of(Referral{true}) == "13");
  CHECK(admission_route_of(Referral{false}) == "01");
}

TEST_CASE("issue 11: a 2335 body maps to the draft with its procedure-2 fields") {
  const auto p = parse(kBody2335);
  REQUIRE(p.errors.empty());
  const auto& d = p.draft;
  CHECK(d.shape == BodyShape::res2335);
  CHECK(d.care_cause == "23");
  CHECK(d.admission_route == "13");
  CHECK(d.condition_destination == "03");
  CHECK(d.care_address == std::optional<std::string>{"Calle 5 # 3-21, Soledad (casa de la tía)"});
  CHECK(d.attention_origin == "traffic_accident");  // the way back exists for 23
  CHECK(d.destination.empty());                     // 03 is observation or internment: not guessed
  // Spreadsheet-style codes without their leading zero are stored canonical.
  const auto q = parse(with(with(kBody2335, "admission_route", "\"1\"").c_str(), "referral", ""));
  CHECK(q.errors.empty());
  CHECK(q.draft.admission_route == "01");
}

TEST_CASE("issue 11: a 3047-shaped body is still accepted and stored with its mapped 2335 values") {
  const auto p = parse(kBody3047);
  REQUIRE(p.errors.empty());
  const auto& d = p.draft;
  CHECK(d.shape == BodyShape::res3047);
  CHECK(d.attention_origin == "traffic_accident");
  CHECK(d.destination == "counter_referral");
  CHECK(d.care_cause == "23");
  CHECK(d.condition_destination == "05");
  CHECK(d.admission_route == "13");  // referred
  CHECK_FALSE(d.care_address);
  // Old rules only: the referring provider's code stays optional for an old client.
  auto r = validate_notification(d, person("F"), kNow, catalogs(), "");
  CHECK(r.errors.empty());
  CHECK(mapping_warnings(d) == std::vector<std::string>{std::string(kRes3047BodyMapped)});
  // Destination "other" has no 2335 condition: accepted, left empty, and said.
  const auto other = parse(with(kBody3047, "destination", "\"other\""));
  REQUIRE(other.errors.empty());
  CHECK(other.draft.condition_destination.empty());
  CHECK(
      mapping_warnings(other.draft) ==
      std::vector<std::string>{std::string(kRes3047BodyMapped), std::string(kConditionDestinationNotMapped)});
  // Once 3047 bodies are retired, the same body names each missing 2335 code.
  const auto retired = parse(kBody3047, ParseOptions{false});
  CHECK(fields_codes(retired.errors) ==
        Codes{"care_cause:required", "admission_route:required", "condition_destination:required"});
  CHECK(accepts_res3047_body(at("2027-03-31T23:59:00-05:00"), kRes3047BodiesUntil));
  CHECK_FALSE(accepts_res3047_body(at("2027-04-01T00:00:00-05:00"), kRes3047BodiesUntil));
}

TEST_CASE("issue 11: procedure-2 validation rows, one per new field (URG-2 style)") {
  struct Row {
    std::string body;
    Codes expected;
  };
  const std::string ok = kBody2335;
  for (const auto& [body, expected] : std::vector<Row>{
           {ok, {}},
           // field 23: cause that motivates the care
           {with(kBody2335, "care_cause", ""), {"care_cause:required"}},
           {with(kBody2335, "care_cause", "\"99\""), {"care_cause:invalid_value"}},
           {with(kBody2335, "care_cause", "38"), {"care_cause:invalid_type"}},
           // field 26: route of admission
           {with(kBody2335, "admission_route", ""), {"admission_route:required"}},
           {with(kBody2335, "admission_route", "\"15\""), {"admission_route:invalid_value"}},
           {with(kBody2335, "admission_route", "\"01\""), {"admission_route:inconsistent_with_referral"}},
           {with(with(kBody2335, "referral", "").c_str(), "admission_route", "\"13\""),
            {"admission_route:inconsistent_with_referral"}},
           // field 32: condition and destination of the person
           {with(kBody2335, "condition_destination", ""), {"condition_destination:required"}},
           {with(kBody2335, "condition_destination", "\"08\""), {"condition_destination:invalid_value"}},
           // field 20: alternative address for care
           {with(kBody2335, "care_address", "\"" + std::string(201, 'x') + "\""), {"care_address:too_long"}},
           {with(kBody2335, "care_address", "12"), {"care_address:invalid_type"}},
           {with(kBody2335, "care_address", "\"  \""), {}},
           // field 27: code of the referring provider
           {with(kBody2335, "referral.habilitation_code", ""), {"referral.habilitation_code:required"}},
           {with(kBody2335, "referral.habilitation_code", "\"0800100012\""),
            {"referral.habilitation_code:invalid_format"}},
           {with(kBody2335, "referral.habilitation_code", "\"08001-00012\""),
            {"referral.habilitation_code:invalid_characters"}},
           // the 3047 codes stay optional in a 2335 body, and are still checked when sent
           {with(kBody2335, "attention_origin", "\"volcano\""), {"attention_origin:invalid_value"}},
           {with(kBody2335, "destination", "\"home\""), {}},
       }) {
    CAPTURE(body);
    CHECK(all_errors(body) == expected);
  }
  // 34-36 (voluntary interruption of pregnancy) do not fit a man.
  CHECK(all_errors(with(kBody2335, "care_cause", "\"34\""), person("M")) == Codes{"care_cause:sex_mismatch"});
  CHECK(all_errors(with(kBody2335, "care_cause", "\"34\""), person("F")).empty());
}

TEST_CASE("issue 11: every procedure-2 error of a body at once, with the URG-2 ones") {
  std::string body = with(kBody2335, "care_cause", "\"99\"");
  body = with(body.c_str(), "admission_route", "\"01\"");
  body = with(body.c_str(), "condition_destination", "");
  body = with(body.c_str(), "referral.habilitation_code", "");
  body = with(body.c_str(), "admitted_at", "\"2026-12-03T12:00:00-05:00\"");  // after the notification
  CHECK(all_errors(body) == Codes{"care_cause:invalid_value", "condition_destination:required",
                                  "admitted_at:admitted_in_future", "referral.habilitation_code:required",
                                  "admission_route:inconsistent_with_referral"});
}

namespace {

Notification stored(const char* body, core::Instant notified_at) {
  auto p = parse(body);
  REQUIRE(p.errors.empty());
  Notification n;
  n.id = 12;
  n.provider_nit = "900000001";
  n.habilitation_code = "080010000101";
  n.provider_name = "IPS Demo Salud S.A.S.";
  n.draft = p.draft;
  n.draft.diagnoses = {"S822", {"R529"}};
  n.affiliate = person("F");
  n.draft.admitted_at = notified_at - std::chrono::minutes{45};
  n.notified_at = notified_at;
  n.notified_day = core::bogota_date_string(notified_at);
  return n;
}

Annex2Context context() {
  Annex2Context c;
  c.payer_name = "EPS Demo";
  c.payer_code = "EPS000";
  c.provider_legal_name = "IPS Demo Salud S.A.S.";
  c.provider_email = "urgencias@ipsdemo.com.co";
  c.generated_at = at("2026-12-03T15:00:00Z");
  return c;
}

}  // namespace

TEST_CASE("issue 11: the matrix JSON names procedure-2 fields by number and omits the others") {
  const auto n = stored(kBody2335, at("2026-12-03T14:30:00Z"));
  rapidjson::Document doc;
  doc.Parse(documents::res2335::matrix_json(emergency_care_record(n, context(), catalogs())).c_str());
  REQUIRE_FALSE(doc.HasParseError());
  CHECK(doc["procedure"].GetInt() == 2);
  const auto& f = doc["fields"];
  const auto text = [&](const char* number) { return std::string(f[number].GetString()); };
  CHECK(text("1") == "2");
  CHECK(text("2") == "B77");
  CHECK(text("3") == "2026-12-03 09:30");  // Bogotá time
  CHECK(text("6") == "900000001");
  CHECK(text("7") == "080010000101");
  CHECK(text("8") == "EPS000");
  CHECK(text("9") == "Gómez");
  CHECK(text("10") == "Pérez");
  CHECK(text("11") == "María");
  CHECK(text("12") == "Fernanda");
  CHECK(text("13") == "CC");
  CHECK(text("14") == "1000000001");
  CHECK(text("15") == "1997-10-24");
  CHECK(text("16") == "Calle 72 # 45-10");
  CHECK(text("17") == "3001234567");
  CHECK(text("18") == "08001");
  CHECK(text("20") == "Calle 5 # 3-21, Soledad (casa de la tía)");
  CHECK(text("23") == "23");
  CHECK(text("24") == "2");
  CHECK(text("25") == "2026-12-03 08:45");
  CHECK(text("26") == "13");
  CHECK(text("27") == "080010001201");
  CHECK(text("28") == "S822");
  CHECK(text("29") == "R529");
  CHECK(f["30"].IsNull());
  CHECK(f["31"].IsNull());
  CHECK(text("32") == "03");
  for (const char* absent :
       {"4", "5", "19", "21", "22", "33", "34", "35", "36", "37", "38", "40", "45", "48"}) {
    CAPTURE(absent);
    CHECK_FALSE(f.HasMember(absent));
  }
  CHECK(f.MemberCount() == 27);
  CHECK_FALSE(doc.HasMember("lines"));
}

TEST_CASE("issue 11: the document in force — Anexo 2 before 1 April 2026, the 2335 report from then") {
  // 31/03/2026 23:59 in Bogotá: Res. 3047 Anexo 2.
  const auto before = stored(kBody2335, at("2026-04-01T04:59:00Z"));
  const auto old_doc = render_document_in_force(before, context(), catalogs());
  CHECK(old_doc.file_name == "Anexo2-B77-20260331.pdf");
  const std::string old_text = pdf_text(old_doc.bytes);
  CHECK(old_text.find("INFORME DE LA ATENCIÓN INICIAL DE URGENCIAS") != std::string::npos);
  CHECK(old_text.find("Resolución 3047 de 2008") != std::string::npos);
  CHECK(old_text.find("Resolución 2335") == std::string::npos);

  // 01/04/2026 00:00 in Bogotá: the Res. 2335 emergency care report with every procedure-2 field.
  const auto after = stored(kBody2335, at("2026-04-01T05:00:00Z"));
  const auto doc = render_document_in_force(after, context(), catalogs());
  CHECK(doc.file_name == "InformeUrgencias-B77-20260401.pdf");
  CHECK(documents::testing::qpdf_check(doc.bytes).exit_code == 0);
  const std::string text = pdf_text(doc.bytes);
  CAPTURE(text);
  CHECK(text.find("INFORME DE LA ATENCIÓN DE URGENCIAS") != std::string::npos);
  CHECK(text.find("Resolución 2335 de 2023") != std::string::npos);
  CHECK(text.find("Anexo técnico 2") == std::string::npos);
  struct Row {
    const char* label;
    const char* value;
  };
  for (auto [label, value] : {
           Row{"1. Procedimiento al que corresponde la información",
               "2 - Informe de la atención de urgencias"},
           Row{"2. Consecutivo del procedimiento", "B77"},
           Row{"3. Fecha y hora", "01/04/2026 00:00"},
           Row{"6. Número de identificación del obligado a reportar", "900000001"},
           Row{"7. Código del prestador de servicios de salud u obligado a reportar", "080010000101"},
           Row{"8. Código de la entidad responsable del pago", "EPS000 - EPS Demo"},
           Row{"9. Primer apellido", "Gómez"},
           Row{"10. Segundo apellido", "Pérez"},
           Row{"11. Primer nombre", "María"},
           Row{"12. Segundo nombre", "Fernanda"},
           Row{"13. Tipo de documento de identificación", "CC - "},
           Row{"14. Número de documento de identificación", "1000000001"},
           Row{"15. Fecha de nacimiento", "24/10/1997"},
           Row{"16. Dirección de residencia", "Calle 72 # 45-10"},
           Row{"17. Teléfono", "3001234567"},
           Row{"18. Municipio de residencia habitual", "08001 - Barranquilla"},
           Row{"20. Dirección alternativa para la atención", "Soledad (casa de la tía)"},
           Row{"23. Causa que motiva la atención", "23 - Accidente de tránsito de origen común"},
           Row{"24. Clasificación triage", "Triage II"},
           Row{"25. Fecha y hora de ingreso", "31/03/2026 23:15"},
           Row{"26. Vía de ingreso al servicio de salud", "13 - Referido de otra institución"},
           Row{"27. Código del prestador que remite", "080010001201 - Hospital Niño Jesús"},
           Row{"28. Diagnóstico principal", "S822 - "},
           Row{"29. Diagnóstico relacionado 1", "R529 - "},
           Row{"30. Diagnóstico relacionado 2", ""},
           Row{"31. Diagnóstico relacionado 3", ""},
           Row{"32. Condición y destino de la persona", "03 - Paciente derivado a otro servicio"},
           Row{"Entidad que reporta", "IPS Demo Salud S.A.S."},
           Row{"Correo electrónico de la entidad", "urgencias@ipsdemo.com.co"},
       }) {
    CAPTURE(label, value);
    CHECK(text.find(label) != std::string::npos);
    CHECK(text.find(value) != std::string::npos);
  }
  // Fields procedure 2 does not carry are not printed.
  CHECK(text.find("Correo electrónico de la persona") == std::string::npos);
  CHECK(text.find("19. ") == std::string::npos);
  CHECK(text.find("Prioridad de la atención") == std::string::npos);
  CHECK(text.find("PAGOS COMPARTIDOS") == std::string::npos);
}
