#pragma once
// INC-1 JSON: the `report` part of the upload read into a draft (every error at once), the stored forms of
// the draft and of the registry's affiliate, and the report as the API answers it.
#include <rapidjson/document.h>

#include <string>

#include "portal/core/errors.hpp"
#include "portal/json/json.hpp"
#include "report.hpp"

namespace portal::inconsistencies {

// The `report` part: {affiliate: {document_type, document_number}, variables: [...], document_data: {...},
// contact: {...}, reporter: {...}, observation}. Unknown variables are "variables[i]" invalid_value.
ReportDraft read_draft(const rapidjson::Value& body, core::FieldErrors& errors);

// Stored forms (TEXT columns), read back with the same reader.
std::string draft_json(const ReportDraft& d);
std::string registry_json(const RegistryAffiliate& r);
std::optional<RegistryAffiliate> registry_from_json(std::string_view text);
std::string variables_json(const std::vector<Variable>& vs);
std::vector<Variable> variables_from_json(std::string_view text);

struct Labels {
  std::string insurer;  // PORTAL_PAYER_NAME
  core::Lang lang = core::Lang::es;
};
// The report as GET answers it (and the list's items, with `summary` = true: no steps, no contact).
void write_report(json::Writer& w, const Report& r, const Labels& labels, bool summary = false);
std::string report_body(const Report& r, const Labels& labels);

}  // namespace portal::inconsistencies
