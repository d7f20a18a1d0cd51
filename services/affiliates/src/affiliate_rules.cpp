#include "affiliate_rules.hpp"

#include <algorithm>
#include <cctype>

#include "portal/core/clock.hpp"
#include "portal/json/json.hpp"
#include "portal/json/messages.hpp"
#include "portal/json/utf8.hpp"

namespace portal::affiliates {
namespace {

using core::FieldError;

// The Latin-1 letters Spanish names use, as the second byte after 0xC3 in UTF-8, with their ASCII base.
char latin1_letter_base(unsigned char second) {
  switch (second) {
    case 0x81:
    case 0x80:
    case 0x84:
    case 0xA1:
    case 0xA0:
    case 0xA4:
      return 'a';
    case 0x89:
    case 0x88:
    case 0x8B:
    case 0xA9:
    case 0xA8:
    case 0xAB:
      return 'e';
    case 0x8D:
    case 0x8C:
    case 0x8F:
    case 0xAD:
    case 0xAC:
    case 0xAF:
      return 'i';
    case 0x93:
    case 0x92:
    case 0x96:
    case 0xB3:
    case 0xB2:
    case 0xB6:
      return 'o';
    case 0x9A:
    case 0x99:
    case 0x9C:
    case 0xBA:
    case 0xB9:
    case 0xBC:
      return 'u';
    case 0x91:
    case 0xB1:
      return 'n';
    case 0x87:
    case 0xA7:
      return 'c';
    default:
      return 0;
  }
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

bool all_alnum(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isalnum(c); });
}

FieldError error(std::string_view field, std::string code, core::Text message) {
  return FieldError{std::string{field}, std::move(code), std::move(message)};
}

void add(core::FieldErrors& errors, std::optional<FieldError> e) {
  if (e) errors.push_back(std::move(*e));
}

void check_required(core::FieldErrors& errors, std::string_view field, std::string_view value) {
  if (json::is_blank(value)) errors.push_back(error(field, "required", json::required_message()));
}

void check_enum(core::FieldErrors& errors, std::string_view field, std::string_view value,
                const std::vector<std::string_view>& allowed) {
  if (value.empty()) {
    errors.push_back(error(field, "required", json::required_message()));
  } else if (std::find(allowed.begin(), allowed.end(), value) == allowed.end()) {
    errors.push_back(error(field, "invalid_value", json::invalid_value_message(allowed)));
  }
}

void check_optional_name(core::FieldErrors& errors, std::string_view field,
                         const std::optional<std::string>& v) {
  if (v && !v->empty()) add(errors, check_name(field, *v));
}

}  // namespace

std::optional<FieldError> check_name(std::string_view field, std::string_view value) {
  if (json::is_blank(value)) return error(field, "required", json::required_message());
  if (json::utf8_length(value) > kMaxNameLength)
    return error(field, "too_long", json::too_long_message(kMaxNameLength));
  for (std::size_t i = 0; i < value.size(); ++i) {
    const auto c = static_cast<unsigned char>(value[i]);
    if (std::isalpha(c) || c == ' ') continue;
    if (c == 0xC3 && i + 1 < value.size() &&
        latin1_letter_base(static_cast<unsigned char>(value[i + 1])) != 0) {
      ++i;
      continue;
    }
    return error(field, "invalid_characters",
                 {"Solo se permiten letras y espacios (sin números ni símbolos).",
                  "Only letters and spaces are allowed (no digits or symbols)."});
  }
  return std::nullopt;
}

std::optional<FieldError> check_document(std::string_view type_field, std::string_view number_field,
                                         std::string_view type, std::string_view number,
                                         const ReferenceData& ref) {
  if (type.empty()) return error(type_field, "required", json::required_message());
  const auto* hint = ref.document_type(type);
  if (!hint) {
    return error(type_field, "unknown_document_type",
                 {"El tipo de documento no existe en el catálogo de tipos de documento.",
                  "The document type is not in the document types catalog."});
  }
  if (number.empty()) return error(number_field, "required", json::required_message());
  if (number.size() > 20) return error(number_field, "too_long", json::too_long_message(20));
  if (hint->numeric && !all_digits(number)) {
    return error(number_field, "not_numeric",
                 {"Para el tipo de documento " + hint->code + " el número solo puede tener dígitos.",
                  "For document type " + hint->code + " the number must contain digits only."});
  }
  if (!hint->numeric && !all_alnum(number)) {
    return error(number_field, "invalid_characters",
                 {"El número de documento solo puede tener letras y dígitos.",
                  "The document number may only contain letters and digits."});
  }
  return std::nullopt;
}

std::optional<FieldError> check_email(std::string_view field, std::string_view value) {
  const auto at = value.find('@');
  const bool ok =
      value.size() <= 254 && at != std::string_view::npos && at > 0 && at == value.rfind('@') &&
      value.find('.', at + 2) != std::string_view::npos && value.back() != '.' &&
      std::none_of(value.begin(), value.end(), [](unsigned char c) { return std::isspace(c) || c < 0x20; });
  if (ok) return std::nullopt;
  return error(field, "invalid_email",
               {"El correo electrónico no tiene un formato válido.", "The e-mail address is not valid."});
}

std::optional<FieldError> check_phone(std::string_view field, std::string_view value) {
  const bool ok = value.size() >= 7 && value.size() <= 15 &&
                  std::all_of(value.begin(), value.end(), [](unsigned char c) { return std::isdigit(c); });
  if (ok) return std::nullopt;
  return error(field, "invalid_phone",
               {"El teléfono debe tener entre 7 y 15 dígitos.", "The phone must have 7 to 15 digits."});
}

std::optional<FieldError> check_birth_date(std::string_view field, std::string_view value,
                                           std::chrono::year_month_day today) {
  if (value.empty()) return error(field, "required", json::required_message());
  const auto date = core::parse_date(value);
  if (!date)
    return error(field, "invalid_date",
                 {"La fecha debe tener el formato AAAA-MM-DD.", "The date must be YYYY-MM-DD."});
  if (std::chrono::sys_days{*date} > std::chrono::sys_days{today})
    return error(field, "in_future",
                 {"La fecha de nacimiento no puede ser futura.", "The birth date cannot be in the future."});
  if (date->year() < std::chrono::year{1890})
    return error(field, "out_of_range",
                 {"La fecha de nacimiento no es válida.", "The birth date is not valid."});
  return std::nullopt;
}

core::FieldErrors validate_affiliate(const Affiliate& a, const ReferenceData& ref,
                                     std::chrono::year_month_day today) {
  core::FieldErrors errors;
  // A newborn "hijo de" may lack its own document; everyone else needs one.
  if (!a.is_newborn() || a.document_type || a.document_number) {
    add(errors, check_document("document_type", "document_number", a.document_type.value_or(""),
                               a.document_number.value_or(""), ref));
  }
  add(errors, check_name("first_name", a.first_name));
  check_optional_name(errors, "second_name", a.second_name);
  add(errors, check_name("first_surname", a.first_surname));
  check_optional_name(errors, "second_surname", a.second_surname);
  add(errors, check_birth_date("birth_date", a.birth_date, today));
  check_enum(errors, "sex", a.sex, kSexes);
  check_enum(errors, "regime", a.regime, kRegimes);
  check_enum(errors, "affiliation_status", a.affiliation_status, kAffiliationStatuses);
  check_enum(errors, "data_quality", a.data_quality, kDataQualities);
  if (a.municipality_code.empty()) {
    check_required(errors, "municipality_code", a.municipality_code);
  } else if (!ref.municipality_exists(a.municipality_code)) {
    errors.push_back(error("municipality_code", "unknown_municipality",
                           {"El municipio no existe en DIVIPOLA (código de 5 dígitos, p. ej. 08001).",
                            "The municipality is not in DIVIPOLA (5-digit code, e.g. 08001)."}));
  }
  if (a.address && json::utf8_length(*a.address) > 200)
    errors.push_back(error("address", "too_long", json::too_long_message(200)));
  if (a.phone && !a.phone->empty()) add(errors, check_phone("phone", *a.phone));
  if (a.mobile && !a.mobile->empty()) add(errors, check_phone("mobile", *a.mobile));
  if (a.email && !a.email->empty()) add(errors, check_email("email", *a.email));
  // "hijo de": the mother's document and the child number come together.
  const bool has_mother = a.newborn_of_type || a.newborn_of_number;
  if (has_mother) {
    add(errors, check_document("newborn_of.document_type", "newborn_of.document_number",
                               a.newborn_of_type.value_or(""), a.newborn_of_number.value_or(""), ref));
    if (!a.child_number) {
      errors.push_back(error("child_number", "required", json::required_message()));
    } else if (*a.child_number < 1 || *a.child_number > kMaxChildNumber) {
      errors.push_back(error("child_number", "out_of_range", json::out_of_range_message(1, kMaxChildNumber)));
    }
    if (a.document_type == a.newborn_of_type && a.document_number == a.newborn_of_number) {
      errors.push_back(error("newborn_of", "same_as_affiliate",
                             {"El documento de la madre no puede ser el mismo del recién nacido.",
                              "The mother's document cannot be the newborn's own document."}));
    }
  } else if (a.child_number) {
    errors.push_back(error("newborn_of", "required", json::required_message()));
  }
  return errors;
}

int age_in_years(std::chrono::year_month_day birth, std::chrono::year_month_day today) {
  int age = static_cast<int>(today.year()) - static_cast<int>(birth.year());
  if (std::chrono::month_day{today.month(), today.day()} < std::chrono::month_day{birth.month(), birth.day()})
    --age;
  return std::max(age, 0);
}

std::optional<DocumentTypeWarning> document_type_warning(const DocumentTypeHint& hint, int age_years) {
  const bool too_young = hint.min_age && age_years < *hint.min_age;
  const bool too_old = hint.max_age && age_years > *hint.max_age;
  if (!too_young && !too_old) return std::nullopt;
  const auto age = std::to_string(age_years);
  return DocumentTypeWarning{
      "document_type_age_mismatch",
      {"El tipo de documento " + hint.code + " no corresponde a la edad del afiliado (" + age +
           " años); verifique o actualice el documento.",
       "Document type " + hint.code + " does not fit the affiliate's age (" + age +
           " years); check or update the document."}};
}

std::string fold_for_search(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    char folded = 0;
    if (c == 0xC3 && i + 1 < text.size()) {
      folded = latin1_letter_base(static_cast<unsigned char>(text[i + 1]));
      if (folded) ++i;
    }
    if (!folded) {
      if (std::isspace(c)) {
        pending_space = !out.empty();
        continue;
      }
      folded = static_cast<char>(std::tolower(c));
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += folded;
  }
  return out;
}

std::string normalize_spaces(std::string_view text) {
  std::string out;
  bool pending_space = false;
  for (char ch : text) {
    if (std::isspace(static_cast<unsigned char>(ch))) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += ch;
  }
  return out;
}

}  // namespace portal::affiliates
