#include "referral_events.hpp"

#include "portal/json/json.hpp"
#include "referral_rules.hpp"

namespace portal::referrals {
namespace {

std::string event_data(const Referral& r, const Step* closure) {
  rapidjson::StringBuffer buf;
  json::Writer w(buf);
  w.StartObject();
  json::write_key(w, "referral_id");
  w.Int64(r.id);
  json::write_key(w, "status");
  json::write_string(w, to_string(r.status));
  json::write_key(w, "referral_type");
  json::write_string(w, r.draft.referral_type);
  json::write_key(w, "origin_nit");
  json::write_string(w, r.draft.origin.nit);
  json::write_key(w, "destination_nit");
  json::write_string(w, r.draft.destination.nit);
  json::write_key(w, "document_type");
  json::write_string(w, r.draft.affiliate.document_type);
  json::write_key(w, "document_number");
  json::write_string(w, r.draft.affiliate.document_number);
  if (closure) {
    json::write_key(w, "closure_reason");
    json::write_string(w, closure->draft.closure_reason);
    json::write_key(w, "arrival_condition");
    json::write_string(w, closure->draft.arrival_condition);
  }
  json::write_key(w, "path");
  json::write_string(w, "/api/v1/referrals/" + std::to_string(r.id));
  w.EndObject();
  return buf.GetString();
}

}  // namespace

std::vector<events::Event> registered_events(const Referral& r, core::Instant at) {
  return {events::make_event("referral.registered", r.draft.destination.nit, event_data(r, nullptr), at)};
}

std::vector<events::Event> closed_events(const Referral& r, const Step& closure) {
  const auto data = event_data(r, &closure);
  std::vector<events::Event> out{events::make_event("referral.closed", r.draft.origin.nit, data, closure.at)};
  if (r.draft.destination.nit != r.draft.origin.nit)
    out.push_back(events::make_event("referral.closed", r.draft.destination.nit, data, closure.at));
  return out;
}

}  // namespace portal::referrals
