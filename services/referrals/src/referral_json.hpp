#pragma once
// REF-1..REF-4 bodies in and out. Parsing checks shape, types and lengths only (every error collected);
// catalog membership and the business rules run in referral_rules, so the store can keep the initial data and
// each step as the same JSON and read it back with the same parser, whatever the catalogs become later.
#include <string>
#include <vector>

#include "portal/catalog/catalogs.hpp"
#include "portal/core/errors.hpp"
#include "portal/json/json.hpp"
#include "referral.hpp"

namespace portal::referrals {

inline constexpr std::size_t kMaxNameLength = 200;
inline constexpr std::size_t kMaxRequirementsLength = 2000;
inline constexpr std::size_t kMaxNotesLength = 2000;
inline constexpr std::size_t kMaxProcedures = 20;

// The affiliate's document type is checked against the catalog here (libs/directory reads it for every
// service).
ReferralDraft parse_registration(const rapidjson::Value& body, const catalog::Catalogs& catalogs,
                                 core::FieldErrors& errors);
StepDraft parse_step(const rapidjson::Value& body, core::FieldErrors& errors);

// The initial data and a step's body as stored, in the shape the parsers read.
std::string draft_json(const ReferralDraft& d);
std::string step_json(const StepDraft& s);
// Read back from the store (a row that does not parse reads as an empty draft, which never happens to a row
// this service wrote).
ReferralDraft draft_from_json(std::string_view text, const catalog::Catalogs& catalogs);
StepDraft step_from_json(std::string_view text);

// The detail (GET /api/v1/referrals/{id}, the 201): id, status, initial data, current clinical data, the
// timeline with what each step changed, warnings.
std::string referral_json(const Referral& r, core::Lang lang);
// One list item: the same without the timeline.
void write_summary(json::Writer& w, const Referral& r, core::Lang lang);

}  // namespace portal::referrals
