#include "portal/events/event.hpp"

#include "portal/json/json.hpp"
#include "portal/security/password.hpp"

namespace portal::events {
namespace {

std::int64_t ms(core::Instant t) { return t.time_since_epoch().count(); }

core::Text invalid(std::string_view es, std::string_view en) { return {std::string(es), std::string(en)}; }

}  // namespace

Event make_event(std::string type, std::string provider_nit, std::string data_json, core::Instant at) {
  return Event{"evt_" + security::random_token(16), std::move(type), std::move(provider_nit), at,
               std::move(data_json)};
}

void publish(db::Connection& tx, const Event& e) {
  tx.exec(
      "INSERT INTO event_outbox(event_id, type, provider_nit, occurred_at, payload, attempts, "
      "next_attempt_at)"
      " VALUES (?, ?, ?, ?, ?, 0, ?)",
      {e.id, e.type, e.provider_nit, ms(e.occurred_at), e.data, ms(e.occurred_at)});
}

std::string to_json(const Event& e) {
  rapidjson::StringBuffer buffer;
  json::Writer w(buffer);
  w.StartObject();
  json::write_key(w, "id");
  json::write_string(w, e.id);
  json::write_key(w, "type");
  json::write_string(w, e.type);
  json::write_key(w, "timestamp");
  json::write_string(w, core::to_rfc3339(e.occurred_at));
  json::write_key(w, "provider_nit");
  json::write_string(w, e.provider_nit);
  json::write_key(w, "data");
  w.RawValue(e.data.data(), e.data.size(), rapidjson::kObjectType);
  w.EndObject();
  return buffer.GetString();
}

std::optional<Event> from_json(std::string_view body, core::FieldErrors& errors) {
  auto parsed = json::parse(body);
  if (!parsed.ok()) {
    errors.push_back({"body", parsed.error->code, parsed.error->message});
    return std::nullopt;
  }
  json::ObjectReader r(parsed.doc, errors);
  Event e;
  const auto id = r.required_string("id", 64);
  const auto type = r.required_string("type", 100);
  const auto timestamp = r.required_string("timestamp", 40);
  const auto nit = r.required_string("provider_nit", 20);
  const auto* data = r.required_object("data");
  if (type && !valid_event_type(*type))
    r.add_error("type", "invalid_format", invalid("tipo de evento no válido", "invalid event type"));
  std::optional<core::Instant> at;
  if (timestamp && !(at = core::parse_rfc3339(*timestamp)))
    r.add_error("timestamp", "invalid_format",
                invalid("fecha y hora RFC 3339 no válida", "invalid RFC 3339 instant"));
  if (!errors.empty()) return std::nullopt;
  e.id = *id;
  e.type = *type;
  e.provider_nit = *nit;
  e.occurred_at = *at;
  e.data = json::to_string(*data);
  return e;
}

bool valid_event_type(std::string_view type) {
  if (type.empty() || type.front() == '.' || type.back() == '.') return false;
  bool dot = false;
  char previous = 0;
  for (char c : type) {
    if (c == '.') {
      if (previous == '.') return false;
      dot = true;
    } else if (!((c >= 'a' && c <= 'z') || c == '_')) {
      return false;
    }
    previous = c;
  }
  return dot;
}

}  // namespace portal::events
