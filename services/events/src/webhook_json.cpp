#include "webhook_json.hpp"

#include <algorithm>

#include "delivery_policy.hpp"
#include "portal/json/messages.hpp"
#include "portal/mail/mime.hpp"

namespace portal::events_hub {
namespace {

core::Text url_message(const std::string& code, const std::string& detail) {
  if (code == "scheme_not_allowed") return {"solo se aceptan URL https", "only https URLs are accepted"};
  if (code == "credentials_not_allowed")
    return {"la URL no puede llevar usuario ni contraseña", "the URL may not carry a user name or password"};
  if (code == "address_not_allowed")
    return {"la URL apunta a una dirección no permitida (local, privada o de metadatos): " + detail,
            "the URL points to an address that is not allowed (local, private or metadata): " + detail};
  if (code == "dns_failed")
    return {"el nombre del servidor no se pudo resolver: " + detail,
            "the host name could not be resolved: " + detail};
  return {"URL absoluta no válida", "not a valid absolute URL"};
}

void write_optional_string(json::Writer& w, std::string_view key, const std::optional<std::string>& v) {
  json::write_key(w, key);
  if (v)
    json::write_string(w, *v);
  else
    w.Null();
}

void write_optional_instant(json::Writer& w, std::string_view key, const std::optional<core::Instant>& v) {
  json::write_key(w, key);
  if (v)
    json::write_string(w, core::to_rfc3339(*v));
  else
    w.Null();
}

}  // namespace

std::optional<Registration> read_registration(const rapidjson::Value& body, const SenderOptions& sender,
                                              core::FieldErrors& errors) {
  json::ObjectReader r(body, errors);
  Registration reg;
  const auto url = r.required_string("url", kMaxUrlLength);
  const bool has_types = r.has("event_types");
  const auto types = r.optional_string_array("event_types", 20, 100);
  reg.description = r.optional_string("description", 200);
  reg.contact_email = r.optional_string("contact_email", 254);
  if (url) {
    const auto parsed = parse_webhook_url(*url);
    std::string code = parsed.error;
    std::string detail;
    if (parsed.url) code = check_target(*parsed.url, sender, &detail);
    if (!code.empty())
      r.add_error("url", code, url_message(code, detail));
    else
      reg.url = *url;
  }
  if (!has_types) {
    r.add_error("event_types", "required", json::required_message());
  } else if (types) {
    if (types->empty()) r.add_error("event_types", "required", json::required_message());
    const auto& known = known_event_types();
    for (std::size_t i = 0; i < types->size(); ++i) {
      const auto& t = (*types)[i];
      if (std::find(known.begin(), known.end(), t) == known.end())
        r.add_error("event_types[" + std::to_string(i) + "]", "invalid_value",
                    json::invalid_value_message(known));
      else if (std::find(reg.event_types.begin(), reg.event_types.end(), t) == reg.event_types.end())
        reg.event_types.push_back(t);
    }
  }
  if (reg.contact_email && !mail::valid_recipient(*reg.contact_email))
    r.add_error("contact_email", "invalid_format",
                {"correo electrónico no válido", "not a valid e-mail address"});
  if (!errors.empty()) return std::nullopt;
  return reg;
}

void write_endpoint(json::Writer& w, const store::Endpoint& e, bool with_secret) {
  w.StartObject();
  json::write_key(w, "id");
  w.Int64(e.id);
  json::write_key(w, "url");
  json::write_string(w, e.url);
  json::write_key(w, "event_types");
  w.StartArray();
  for (const auto& t : e.event_types) json::write_string(w, t);
  w.EndArray();
  write_optional_string(w, "description", e.description);
  write_optional_string(w, "contact_email", e.contact_email);
  json::write_key(w, "status");
  json::write_string(w, e.status);
  write_optional_string(w, "disabled_reason", e.disabled_reason);
  json::write_key(w, "provider_nit");
  json::write_string(w, e.provider_nit);
  json::write_key(w, "created_at");
  json::write_string(w, core::to_rfc3339(e.created_at));
  json::write_key(w, "updated_at");
  json::write_string(w, core::to_rfc3339(e.updated_at));
  if (with_secret) {
    json::write_key(w, "secret");
    json::write_string(w, e.secret);
  }
  w.EndObject();
}

void write_delivery(json::Writer& w, const store::Delivery& d) {
  w.StartObject();
  json::write_key(w, "id");
  w.Int64(d.id);
  json::write_key(w, "endpoint_id");
  w.Int64(d.endpoint_id);
  json::write_key(w, "event_id");
  json::write_string(w, d.event_id);
  json::write_key(w, "event_type");
  json::write_string(w, d.event_type);
  json::write_key(w, "status");
  json::write_string(w, d.status);
  json::write_key(w, "attempts");
  w.Int(d.attempts);
  json::write_key(w, "manual");
  w.Bool(d.manual);
  json::write_key(w, "created_at");
  json::write_string(w, core::to_rfc3339(d.created_at));
  write_optional_instant(w, "last_attempt_at", d.last_attempt_at);
  write_optional_instant(w, "next_attempt_at", d.next_attempt_at);
  json::write_key(w, "last_status_code");
  if (d.last_status_code)
    w.Int(*d.last_status_code);
  else
    w.Null();
  json::write_key(w, "last_latency_ms");
  if (d.last_latency_ms)
    w.Int64(*d.last_latency_ms);
  else
    w.Null();
  write_optional_string(w, "last_error", d.last_error);
  w.EndObject();
}

}  // namespace portal::events_hub
