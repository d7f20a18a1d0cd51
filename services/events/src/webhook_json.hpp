#pragma once
// Issue 15: the registration body read (every error at once), and endpoints and deliveries written out.
#include <optional>
#include <string>
#include <vector>

#include "event_store.hpp"
#include "portal/core/errors.hpp"
#include "portal/json/json.hpp"
#include "webhook_sender.hpp"

namespace portal::events_hub {

struct Registration {
  std::string url;
  std::vector<std::string> event_types;  // known ones, without repeats
  std::optional<std::string> description;
  std::optional<std::string> contact_email;
};

// Shape and values; the URL is parsed and its host resolved and checked under `sender` (SSRF: refused
// before anything is stored, and again at every delivery).
std::optional<Registration> read_registration(const rapidjson::Value& body, const SenderOptions& sender,
                                              core::FieldErrors& errors);

// The endpoint; `secret` only in the answers that create or rotate it.
void write_endpoint(json::Writer& w, const store::Endpoint& e, bool with_secret);
void write_delivery(json::Writer& w, const store::Delivery& d);

}  // namespace portal::events_hub
