#include "request_notices.hpp"

#include "portal/core/text.hpp"
#include "portal/json/json.hpp"

namespace portal::authorizations {
namespace {

std::string request_path(const AuthorizationRequest& r) {
  return "/api/v1/authorization-requests/" + std::to_string(r.id);
}

bool has_authorization_pdf(RequestStatus s) {
  return s == RequestStatus::approved || s == RequestStatus::partially_approved;
}
bool has_denial_pdf(RequestStatus s) {
  return s == RequestStatus::denied || s == RequestStatus::partially_approved;
}

// Spanish names of the statuses, as the manuals print them.
std::string status_es(RequestStatus s) {
  switch (s) {
    case RequestStatus::pending:
      return "pendiente";
    case RequestStatus::approved:
      return "aprobada";
    case RequestStatus::denied:
      return "negada";
    case RequestStatus::partially_approved:
      return "aprobada parcialmente";
    case RequestStatus::referred:
      return "direccionada a otro prestador";
    case RequestStatus::annulled:
      return "anulada";
  }
  return std::string(to_string(s));
}

// One notice as a list of (label, value) rows and links, rendered as text and as HTML from the same data.
struct Notice {
  std::string subject;
  std::string intro;
  std::vector<std::pair<std::string, std::string>> rows;
  std::vector<std::pair<std::string, std::string>> links;  // (label, absolute URL)
};

mail::Message render(const Notice& n, const std::string& to) {
  mail::Message m;
  m.to = to;
  m.subject = n.subject;
  m.body_text = n.intro + "\n\n";
  for (const auto& [label, value] : n.rows) m.body_text += label + ": " + value + "\n";
  if (!n.links.empty()) m.body_text += "\n";
  for (const auto& [label, url] : n.links) m.body_text += label + ": " + url + "\n";
  m.body_text += "\nEste es un mensaje automático del portal de prestadores; no lo responda.\n";
  m.body_html = "<!DOCTYPE html>\n<html lang=\"es\"><head><meta charset=\"utf-8\"><title>" +
                core::escape_html(n.subject) + "</title></head>\n<body>\n<p>" + core::escape_html(n.intro) +
                "</p>\n<table>\n";
  for (const auto& [label, value] : n.rows)
    m.body_html += "<tr><th align=\"left\">" + core::escape_html(label) + "</th><td>" +
                   core::escape_html(value) + "</td></tr>\n";
  m.body_html += "</table>\n";
  if (!n.links.empty()) {
    m.body_html += "<ul>\n";
    for (const auto& [label, url] : n.links)
      m.body_html +=
          "<li><a href=\"" + core::escape_html(url) + "\">" + core::escape_html(label) + "</a></li>\n";
    m.body_html += "</ul>\n";
  }
  m.body_html +=
      "<p><small>Este es un mensaje automático del portal de prestadores; no lo responda.</small></p>\n"
      "</body></html>\n";
  return m;
}

std::string number(const AuthorizationRequest& r) {
  return r.draft.request_number + " de " + std::to_string(r.request_year);
}

}  // namespace

std::string event_data(const AuthorizationRequest& r) {
  rapidjson::StringBuffer b;
  json::Writer w(b);
  auto optional = [&w](const char* key, const std::optional<std::string>& v) {
    json::write_key(w, key);
    if (v)
      json::write_string(w, *v);
    else
      w.Null();
  };
  w.StartObject();
  json::write_key(w, "request_id");
  w.Int64(r.id);
  json::write_key(w, "request_number");
  json::write_string(w, r.draft.request_number);
  json::write_key(w, "request_year");
  w.Int(r.request_year);
  json::write_key(w, "habilitation_code");
  json::write_string(w, r.habilitation_code);
  json::write_key(w, "status");
  json::write_string(w, to_string(r.status));
  optional("authorization_number", r.authorization_number);
  optional("denial_number", r.denial_number);
  json::write_key(w, "decided_at");
  if (r.decided_at)
    json::write_string(w, core::to_rfc3339(*r.decided_at));
  else
    w.Null();
  json::write_key(w, "referred_to_nit");
  if (r.referred_to)
    json::write_string(w, r.referred_to->nit);
  else
    w.Null();
  json::write_key(w, "links");
  w.StartObject();
  json::write_key(w, "request");
  json::write_string(w, request_path(r));
  if (has_authorization_pdf(r.status)) {
    json::write_key(w, "authorization_pdf");
    json::write_string(w, request_path(r) + "/authorization.pdf");
  }
  if (has_denial_pdf(r.status)) {
    json::write_key(w, "denial_pdf");
    json::write_string(w, request_path(r) + "/denial.pdf");
  }
  w.EndObject();
  w.EndObject();
  return b.GetString();
}

std::vector<events::Event> request_events(const AuthorizationRequest& r, RequestChange change,
                                          core::Instant at) {
  const std::string data = event_data(r);
  std::vector<events::Event> out;
  if (change == RequestChange::decided)
    out.push_back(events::make_event("authorization_request.decided", r.provider_nit, data, at));
  if (r.status == RequestStatus::approved)
    out.push_back(events::make_event("authorization_request.approved", r.provider_nit, data, at));
  else if (change == RequestChange::created)
    out.push_back(events::make_event("authorization_request.pending", r.provider_nit, data, at));
  return out;
}

bool notify_authorizations_line(const AuthorizationRequest& r, const catalog::Catalogs& catalogs) {
  if (r.status != RequestStatus::pending) return false;
  for (const auto& line : r.draft.lines) {
    if (line.type != LineType::procedure) continue;
    const auto p = catalogs.procedure(line.code, line.classification);
    if (!p || p->surgical || p->hospital || p->copay) return false;
  }
  return true;
}

mail::Message pending_notice(const AuthorizationRequest& r, const std::string& to,
                             const std::string& portal_url) {
  Notice n;
  n.subject = "Nueva solicitud de autorización pendiente " + number(r) + " (" + r.provider_name + ")";
  n.intro = "El prestador " + r.provider_name +
            " radicó una solicitud de autorización que quedó pendiente de "
            "auditoría. Ninguno de sus procedimientos es quirúrgico u hospitalario ni genera copago.";
  n.rows = {
      {"Solicitud", number(r)},
      {"Prestador", r.provider_name + " (NIT " + r.provider_nit + ", sede " + r.habilitation_code + ")"},
      {"Radicada", core::to_rfc3339(r.created_at)},
      {"Motivo", r.status_reason.empty() ? "sin regla que la apruebe" : r.status_reason}};
  n.links = {{"Solicitud en el portal", portal_url + request_path(r)}};
  return render(n, to);
}

mail::Message decision_notice(const AuthorizationRequest& r, const std::string& to,
                              const std::string& portal_url) {
  Notice n;
  n.subject = "Solicitud de autorización " + number(r) + ": " + status_es(r.status);
  n.intro = "La solicitud de autorización " + number(r) + " fue " + status_es(r.status) + ".";
  n.rows = {{"Solicitud", number(r)}, {"Estado", status_es(r.status)}};
  if (r.authorization_number) n.rows.emplace_back("Número de autorización", *r.authorization_number);
  if (r.denial_number) n.rows.emplace_back("Número de negación", *r.denial_number);
  if (r.referred_to)
    n.rows.emplace_back("Direccionada a", r.referred_to->name + " (NIT " + r.referred_to->nit + ")");
  if (r.decided_at) n.rows.emplace_back("Decidida", core::to_rfc3339(*r.decided_at));
  n.links = {{"Solicitud en el portal", portal_url + request_path(r)}};
  if (has_authorization_pdf(r.status))
    n.links.emplace_back("Anexo 4: autorización (PDF)", portal_url + request_path(r) + "/authorization.pdf");
  if (has_denial_pdf(r.status))
    n.links.emplace_back("Anexo 4: negación (PDF)", portal_url + request_path(r) + "/denial.pdf");
  return render(n, to);
}

}  // namespace portal::authorizations
