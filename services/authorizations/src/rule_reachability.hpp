#pragma once
// AUT-2 rule-set validation: a rule whose conditions contradict each other, or contradict the CUPS catalog,
// can never match and is refused on upload (never_matches). Pure: the catalogs are a parameter.
#include <optional>

#include "portal/catalog/catalogs.hpp"
#include "portal/core/errors.hpp"
#include "rules_engine.hpp"

namespace portal::authorizations {

// Why no line could ever satisfy `c`, or nullopt when some line could. Checks: procedure and medicine
// conditions together; procedure (or medicine) conditions with line_types excluding them; cups_codes none
// of which meets the other procedure conditions (prefixes, group, flags) under any classification;
// municipalities outside the departments given; priorities with post-emergency services only.
std::optional<core::Text> never_matches(const Conditions& c, const catalog::Catalogs& catalogs);

}  // namespace portal::authorizations
