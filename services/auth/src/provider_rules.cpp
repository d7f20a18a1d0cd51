#include "provider_rules.hpp"

#include <algorithm>
#include <set>

namespace portal::auth {
namespace {

bool digits(const std::optional<std::string>& s, std::size_t min, std::size_t max) {
  return s && s->size() >= min && s->size() <= max &&
         std::all_of(s->begin(), s->end(), [](unsigned char c) { return c >= '0' && c <= '9'; });
}
bool blank(const std::optional<std::string>& s) {
  return !s || std::all_of(s->begin(), s->end(), [](unsigned char c) { return std::isspace(c); });
}

}  // namespace

core::FieldErrors validate_provider(const ProviderDraft& d) {
  core::FieldErrors errors;
  auto add = [&](std::string field, std::string code) { errors.push_back(field_error(std::move(field), std::move(code))); };
  if (blank(d.nit)) add("nit", "required");
  else if (!digits(d.nit, 5, 10)) add("nit", "invalid_format");
  if (blank(d.legal_name)) add("legal_name", "required");
  if (!blank(d.email) && !is_valid_email(*d.email)) add("email", "invalid_format");
  if (!d.branches) {
    add("branches", "required");
    return errors;
  }
  if (d.branches->empty()) add("branches", "empty");
  std::set<std::string> codes;
  for (std::size_t i = 0; i < d.branches->size(); ++i) {
    const auto& b = (*d.branches)[i];
    const std::string at = "branches[" + std::to_string(i) + "].";
    if (blank(b.habilitation_code)) add(at + "habilitation_code", "required");
    else if (!digits(b.habilitation_code, 10, 12)) add(at + "habilitation_code", "invalid_format");
    else if (!codes.insert(*b.habilitation_code).second) add(at + "habilitation_code", "duplicate");
    if (blank(b.name)) add(at + "name", "required");
    if (blank(b.department_code)) add(at + "department_code", "required");
    else if (!digits(b.department_code, 2, 2)) add(at + "department_code", "invalid_format");
    if (blank(b.municipality_code)) add(at + "municipality_code", "required");
    else if (!digits(b.municipality_code, 5, 5)) add(at + "municipality_code", "invalid_format");
    else if (digits(b.department_code, 2, 2) && b.municipality_code->substr(0, 2) != *b.department_code)
      add(at + "municipality_code", "municipality_mismatch");
    std::set<std::string> documents;
    for (std::size_t j = 0; j < b.contacts.size(); ++j) {
      const auto& c = b.contacts[j];
      const std::string cat = at + "contacts[" + std::to_string(j) + "].";
      if (blank(c.document_type)) add(cat + "document_type", "required");
      else if (std::find(kDocumentTypes.begin(), kDocumentTypes.end(), *c.document_type) == kDocumentTypes.end())
        add(cat + "document_type", "invalid_value");
      if (blank(c.document_number)) add(cat + "document_number", "required");
      else if (!documents.insert(*c.document_number).second) add(cat + "document_number", "duplicate");
      if (blank(c.first_name)) add(cat + "first_name", "required");
      if (blank(c.first_surname)) add(cat + "first_surname", "required");
      if (blank(c.position)) add(cat + "position", "required");
      if (blank(c.email)) add(cat + "email", "required");
      else if (!is_valid_email(*c.email)) add(cat + "email", "invalid_format");
    }
  }
  return errors;
}

}  // namespace portal::auth
