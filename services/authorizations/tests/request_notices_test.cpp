// Issue 15 / AUT-6, pure: the events of a created or decided request, the line's notice rule, the e-mails.
#include "request_notices.hpp"

#include <catch2/catch.hpp>

#include "test_facts.hpp"

using namespace portal;
using namespace portal::authorizations;

namespace {

const core::Instant kAt = *core::parse_rfc3339("2026-12-04T15:00:00Z");

AuthorizationRequest request(std::vector<std::pair<std::string, std::string>> lines,
                             RequestStatus status = RequestStatus::pending) {
  AuthorizationRequest r;
  r.id = 12;
  r.provider_nit = "900000001";
  r.habilitation_code = "080010000101";
  r.provider_name = "Clínica Demo & Cía";
  r.request_year = 2026;
  r.draft.request_number = "A-77";
  r.status = status;
  r.affiliate.document_number = "1047000001";  // must never reach an event
  for (auto& [code, classification] : lines) {
    RequestLine l;
    l.type = LineType::procedure;
    l.code = code;
    l.classification = classification;
    r.draft.lines.push_back(l);
  }
  return r;
}

std::vector<std::string> types(const std::vector<events::Event>& es) {
  std::vector<std::string> out;
  for (const auto& e : es) out.push_back(e.type);
  return out;
}

}  // namespace

TEST_CASE(
    "AUT-6 the authorizations line is told of a new pending request without surgical, hospital or copay "
    "lines") {
  struct Row {
    const char* why;
    std::vector<std::pair<std::string, std::string>> lines;
    RequestStatus status;
    bool notify;
  };
  for (const auto& row : {
           Row{"consultation", {{"890201", "general"}}, RequestStatus::pending, true},
           Row{"two ambulatory lines",
               {{"890201", "general"}, {"903841", "general"}},
               RequestStatus::pending,
               true},
           Row{"surgical", {{"470101", "general"}}, RequestStatus::pending, false},
           Row{"hospital classification", {{"903841", "hospital"}}, RequestStatus::pending, false},
           Row{"copay", {{"890201", "general"}, {"451301", "general"}}, RequestStatus::pending, false},
           Row{"approved at once", {{"890201", "general"}}, RequestStatus::approved, false},
       }) {
    CAPTURE(row.why);
    CHECK(notify_authorizations_line(request(row.lines, row.status), testing::catalogs()) == row.notify);
  }
}

TEST_CASE("events of a request: pending or approved at creation; decided (and approved) on a decision") {
  struct Row {
    RequestChange change;
    RequestStatus status;
    std::vector<std::string> types;
  };
  for (const auto& row : {
           Row{RequestChange::created, RequestStatus::pending, {"authorization_request.pending"}},
           Row{RequestChange::created, RequestStatus::approved, {"authorization_request.approved"}},
           Row{RequestChange::decided,
               RequestStatus::approved,
               {"authorization_request.decided", "authorization_request.approved"}},
           Row{RequestChange::decided, RequestStatus::denied, {"authorization_request.decided"}},
           Row{RequestChange::decided, RequestStatus::annulled, {"authorization_request.decided"}},
       }) {
    CAPTURE(to_string(row.status));
    const auto es = request_events(request({{"890201", "general"}}, row.status), row.change, kAt);
    CHECK(types(es) == row.types);
    for (const auto& e : es) {
      CHECK(e.provider_nit == "900000001");
      CHECK(e.occurred_at == kAt);
    }
  }
}

TEST_CASE("an event's data: numbers, status and links; no personal data") {
  auto r = request({{"890201", "general"}}, RequestStatus::partially_approved);
  r.authorization_number = "2026-00000012";
  r.denial_number = "NEG-2026-00000012";
  r.decided_at = kAt;
  const auto data = event_data(r);
  CHECK(
      data ==
      R"({"request_id":12,"request_number":"A-77","request_year":2026,"habilitation_code":"080010000101",)"
      R"("status":"partially_approved","authorization_number":"2026-00000012","denial_number":"NEG-2026-00000012",)"
      R"("decided_at":"2026-12-04T15:00:00Z","referred_to_nit":null,"links":{"request":"/api/v1/authorization-requests/12",)"
      R"("authorization_pdf":"/api/v1/authorization-requests/12/authorization.pdf",)"
      R"("denial_pdf":"/api/v1/authorization-requests/12/denial.pdf"}})");
  CHECK(data.find("1047000001") == std::string::npos);
}

TEST_CASE("the decision e-mail: Spanish, the outcome, the numbers and the Anexo 4 links, plain and HTML") {
  auto r = request({{"890201", "general"}}, RequestStatus::approved);
  r.authorization_number = "2026-00000012";
  r.decided_at = kAt;
  const auto m = decision_notice(r, "facturacion@clinica.example", "https://portal.eps.example");
  CHECK(m.to == "facturacion@clinica.example");
  CHECK(m.subject == "Solicitud de autorización A-77 de 2026: aprobada");
  CHECK_THAT(m.body_text, Catch::Contains("Número de autorización: 2026-00000012"));
  CHECK_THAT(
      m.body_text,
      Catch::Contains("https://portal.eps.example/api/v1/authorization-requests/12/authorization.pdf"));
  CHECK_THAT(m.body_text, !Catch::Contains("denial.pdf"));
  CHECK_THAT(m.body_html, Catch::Contains("<td>2026-00000012</td>"));
  CHECK_THAT(m.body_html,
             Catch::Contains(
                 "href=\"https://portal.eps.example/api/v1/authorization-requests/12/authorization.pdf\""));

  const auto pending = pending_notice(request({{"890201", "general"}}), "linea@eps.example", "https://p");
  CHECK_THAT(pending.subject, Catch::Contains("A-77 de 2026"));
  CHECK_THAT(pending.body_html, Catch::Contains("Clínica Demo &amp; Cía"));  // escaped in HTML
  CHECK_THAT(pending.body_text, Catch::Contains("Clínica Demo & Cía"));
}
