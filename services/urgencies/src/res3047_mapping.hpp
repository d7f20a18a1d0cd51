#pragma once
// Issue 11 item 3: the values of a Res. 3047 de 2008 Anexo 2 notification mapped to the Res. 2335 de 2023
// procedure-2 fields, and back where the way back is unambiguous. Pure, one table each; the same
// functions map 3047-shaped bodies of old clients at creation and rows stored before the 2335 columns
// existed when they are read. The tables are documented in docs/regulation.md.
#include <optional>
#include <string>
#include <string_view>

#include "urgency.hpp"

namespace portal::urgencies {

// Field 23 (care_causes) of a 3047 attention origin.
std::optional<std::string> care_cause_of_origin(std::string_view attention_origin);
// Field 32 (condition_destinations) of a 3047 destination; nullopt for "other" (no equivalent).
std::optional<std::string> condition_destination_of(std::string_view destination);
// Field 26 (admission_routes): 3047 has no such field; a referred patient came "referido de otra
// institución" (13), anyone else by "demanda espontánea" (01).
std::string admission_route_of(const Referral& referral);

// The way back, for 2335 bodies (the 3047 columns and filters keep working): nullopt when several
// 3047 values or none fit.
std::optional<std::string> origin_of_care_cause(std::string_view care_cause);
std::optional<std::string> destination_of_condition(std::string_view condition_destination);

// Fills the empty 2335 fields of a draft from its 3047 ones (and the 3047 ones from the 2335 ones where
// the way back exists). Values already set are kept.
void complete_fields(NotificationDraft& draft);

}  // namespace portal::urgencies
