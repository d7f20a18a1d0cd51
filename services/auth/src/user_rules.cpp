#include "user_rules.hpp"

#include <algorithm>
#include <map>

#include "portal/core/clock.hpp"
#include "portal/security/principal.hpp"
#include "username_rules.hpp"

namespace portal::auth {
namespace {

const std::map<std::string, core::Text, std::less<>>& messages() {
  static const std::map<std::string, core::Text, std::less<>> kMessages = {
      {"required", {"Este campo es obligatorio.", "This field is required."}},
      {"invalid_value", {"El valor no es uno de los permitidos.", "The value is not one of the allowed ones."}},
      {"invalid_format", {"El formato no es válido.", "The format is not valid."}},
      {"too_long", {"El valor es demasiado largo.", "The value is too long."}},
      {"mismatch", {"Los valores no coinciden.", "The values do not match."}},
      {"in_past", {"La fecha no puede ser anterior a hoy.", "The date cannot be before today."}},
      {"not_editable", {"Este campo no se puede modificar.", "This field cannot be changed."}},
      {"municipality_mismatch",
       {"El municipio no pertenece al departamento.", "The municipality does not belong to the department."}},
      {"empty", {"Debe indicar al menos un valor.", "At least one value is required."}},
      {"duplicate", {"El valor está repetido.", "The value is repeated."}},
  };
  return kMessages;
}

bool blank(const std::optional<std::string>& s) {
  return !s || std::all_of(s->begin(), s->end(), [](unsigned char c) { return std::isspace(c); });
}
bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return c >= '0' && c <= '9'; });
}

class Checker {
 public:
  explicit Checker(core::FieldErrors& errors) : errors_(errors) {}
  void add(std::string field, std::string code) { errors_.push_back(field_error(std::move(field), std::move(code))); }

  // Returns the value when present and non-blank; records "required" when it must be there.
  const std::string* text(std::string_view field, const std::optional<std::string>& v, bool required,
                          std::size_t max_len = 80) {
    if (blank(v)) {
      if (required) add(std::string{field}, "required");
      return nullptr;
    }
    if (v->size() > max_len) {
      add(std::string{field}, "too_long");
      return nullptr;
    }
    return &*v;
  }
  void digits(std::string_view field, const std::optional<std::string>& v, bool required, std::size_t min,
              std::size_t max) {
    if (const auto* s = text(field, v, required, 40); s && (!all_digits(*s) || s->size() < min || s->size() > max))
      add(std::string{field}, "invalid_format");
  }
  void one_of(std::string_view field, const std::optional<std::string>& v, bool required,
              const std::vector<std::string_view>& allowed) {
    if (const auto* s = text(field, v, required); s && std::find(allowed.begin(), allowed.end(), *s) == allowed.end())
      add(std::string{field}, "invalid_value");
  }
  void codes(std::string_view field, const std::optional<std::vector<std::string>>& v, bool required,
             const std::vector<std::string_view>& allowed) {
    if (!v) {
      if (required) add(std::string{field}, "required");
      return;
    }
    if (required && v->empty()) add(std::string{field}, "empty");
    for (std::size_t i = 0; i < v->size(); ++i) {
      if (std::find(allowed.begin(), allowed.end(), (*v)[i]) == allowed.end())
        add(std::string{field} + "[" + std::to_string(i) + "]", "invalid_value");
    }
  }
  void document(const PersonDraft& d, bool required) {
    one_of("document_type", d.document_type, required, kDocumentTypes);
    if (const auto* n = text("document_number", d.document_number, required, 20)) {
      // Colombian citizenship and identity cards are numeric; passports and permits are alphanumeric.
      const bool numeric_type = d.document_type && (*d.document_type == "CC" || *d.document_type == "TI");
      const bool ok = numeric_type ? all_digits(*n) && n->size() >= 3
                                   : n->size() >= 3 && std::all_of(n->begin(), n->end(), [](unsigned char c) {
                                       return std::isalnum(c);
                                     });
      if (!ok) add("document_number", "invalid_format");
    }
  }
  void email(std::string_view field, const std::optional<std::string>& v, bool required) {
    if (const auto* s = text(field, v, required, 254); s && !is_valid_email(*s)) add(std::string{field}, "invalid_format");
  }
  // DIVIPOLA: department 2 digits, municipality 5 digits starting with its department.
  void location(const PersonDraft& d, bool required) {
    digits("department_code", d.department_code, required, 2, 2);
    digits("municipality_code", d.municipality_code, required, 5, 5);
    if (d.department_code && d.municipality_code && all_digits(*d.department_code) &&
        all_digits(*d.municipality_code) && d.department_code->size() == 2 && d.municipality_code->size() == 5 &&
        d.municipality_code->substr(0, 2) != *d.department_code)
      add("municipality_code", "municipality_mismatch");
  }
  // Colombian mobile numbers: 10 digits starting with 3.
  void mobile(const std::optional<std::string>& v, bool required) {
    if (const auto* s = text("mobile", v, required, 20); s && !(all_digits(*s) && s->size() == 10 && (*s)[0] == '3'))
      add("mobile", "invalid_format");
  }
  void valid_until(const std::optional<std::string>& v, std::string_view today) {
    if (const auto* s = text("valid_until", v, false, 10)) {
      if (!core::parse_date(*s)) add("valid_until", "invalid_format");
      else if (*s < today) add("valid_until", "in_past");
    }
  }
  void not_editable(const std::vector<std::string>& present, const std::vector<std::string_view>& fields) {
    for (const auto& f : fields) {
      if (std::find(present.begin(), present.end(), f) != present.end()) add(std::string{f}, "not_editable");
    }
  }
  void status(const std::optional<std::string>& s) {
    if (s && *s != "active" && *s != "inactive") add("status", "invalid_value");
  }
  // A present field that may not be emptied.
  void keep(std::string_view field, const std::vector<std::string>& present, const std::optional<std::string>& v) {
    if (std::find(present.begin(), present.end(), field) != present.end() && blank(v)) add(std::string{field}, "required");
  }

 private:
  core::FieldErrors& errors_;
};

bool present(const std::vector<std::string>& fields, std::string_view f) {
  return std::find(fields.begin(), fields.end(), f) != fields.end();
}

}  // namespace

core::FieldError field_error(std::string field, std::string code) {
  const auto it = messages().find(code);
  core::Text text = it != messages().end() ? it->second : core::Text{"Valor no válido.", "Invalid value."};
  return core::FieldError{std::move(field), std::move(code), std::move(text)};
}

bool is_valid_email(std::string_view e) {
  const auto at = e.find('@');
  if (at == std::string_view::npos || at == 0 || e.find('@', at + 1) != std::string_view::npos) return false;
  const auto domain = e.substr(at + 1);
  const auto dot = domain.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 2 > domain.size()) return false;
  return std::none_of(e.begin(), e.end(), [](unsigned char c) { return std::isspace(c) || c < 0x20; });
}

std::optional<core::FieldError> check_confirmation(std::string_view value, std::string_view confirmation,
                                                   std::string field) {
  if (value == confirmation) return std::nullopt;
  return field_error(std::move(field), "mismatch");
}

core::FieldErrors validate_new_provider_user(const PersonDraft& d, std::string_view today) {
  core::FieldErrors errors;
  Checker c{errors};
  c.document(d, true);
  c.text("first_name", d.first_name, true);
  c.text("second_name", d.second_name, false);
  c.text("first_surname", d.first_surname, true);
  c.text("second_surname", d.second_surname, false);
  c.text("position", d.position, true, 100);
  c.text("area", d.area, true, 100);
  c.location(d, true);
  c.mobile(d.mobile, true);
  c.digits("phone", d.phone, false, 7, 10);
  c.digits("extension", d.extension, false, 1, 6);
  c.email("email", d.email, true);
  if (c.text("email_confirmation", d.email_confirmation, true, 254) && d.email) {
    // The manual's "correo corporativo" typed twice; compared ignoring case as mail systems do.
    auto lower = [](std::string s) {
      std::transform(s.begin(), s.end(), s.begin(), [](unsigned char ch) { return std::tolower(ch); });
      return s;
    };
    if (lower(*d.email) != lower(*d.email_confirmation)) errors.push_back(field_error("email_confirmation", "mismatch"));
  }
  c.codes("permissions", d.permissions, false, security::kProviderModules);
  c.valid_until(d.valid_until, today);
  if (!blank(d.username) && !is_valid_username(*d.username)) c.add("username", "invalid_format");
  return errors;
}

core::FieldErrors validate_provider_user_patch(const PersonDraft& d, const std::vector<std::string>& fields,
                                               const std::optional<std::string>& status, std::string_view today) {
  core::FieldErrors errors;
  Checker c{errors};
  c.not_editable(fields, {"document_type", "document_number", "email", "email_confirmation", "username"});
  c.keep("first_name", fields, d.first_name);
  c.keep("first_surname", fields, d.first_surname);
  c.keep("position", fields, d.position);
  c.keep("area", fields, d.area);
  c.keep("department_code", fields, d.department_code);
  c.keep("municipality_code", fields, d.municipality_code);
  c.keep("mobile", fields, d.mobile);
  c.text("first_name", d.first_name, false);
  c.text("second_name", d.second_name, false);
  c.text("first_surname", d.first_surname, false);
  c.text("second_surname", d.second_surname, false);
  c.text("position", d.position, false, 100);
  c.text("area", d.area, false, 100);
  if (present(fields, "department_code") != present(fields, "municipality_code")) {
    // DIVIPOLA codes travel together so the pair stays consistent.
    c.add(present(fields, "department_code") ? "municipality_code" : "department_code", "required");
  }
  c.location(d, false);
  c.mobile(d.mobile, false);
  c.digits("phone", d.phone, false, 7, 10);
  c.digits("extension", d.extension, false, 1, 6);
  c.codes("permissions", d.permissions, false, security::kProviderModules);
  c.valid_until(d.valid_until, today);
  c.status(status);
  return errors;
}

core::FieldErrors validate_new_employee(const PersonDraft& d) {
  core::FieldErrors errors;
  Checker c{errors};
  if (const auto* u = c.text("username", d.username, true, 30); u && !is_valid_username(*u)) c.add("username", "invalid_format");
  c.document(d, true);
  c.text("first_name", d.first_name, true);
  c.text("second_name", d.second_name, false);
  c.text("first_surname", d.first_surname, true);
  c.text("second_surname", d.second_surname, false);
  c.text("position", d.position, false, 100);
  c.text("area", d.area, false, 100);
  c.email("email", d.email, true);
  c.mobile(d.mobile, false);
  c.digits("phone", d.phone, false, 7, 10);
  c.codes("roles", d.roles, true, kEmployeeRoles);
  return errors;
}

core::FieldErrors validate_employee_patch(const PersonDraft& d, const std::vector<std::string>& fields,
                                          const std::optional<std::string>& status) {
  core::FieldErrors errors;
  Checker c{errors};
  c.not_editable(fields, {"document_type", "document_number", "username"});
  c.keep("first_name", fields, d.first_name);
  c.keep("first_surname", fields, d.first_surname);
  c.keep("email", fields, d.email);
  c.text("first_name", d.first_name, false);
  c.text("second_name", d.second_name, false);
  c.text("first_surname", d.first_surname, false);
  c.text("second_surname", d.second_surname, false);
  c.text("position", d.position, false, 100);
  c.text("area", d.area, false, 100);
  c.email("email", d.email, false);
  c.mobile(d.mobile, false);
  c.digits("phone", d.phone, false, 7, 10);
  if (present(fields, "roles")) c.codes("roles", d.roles, true, kEmployeeRoles);
  c.status(status);
  return errors;
}

core::FieldErrors validate_profile_patch(const std::optional<std::string>& email, const std::optional<std::string>& phone,
                                         const std::optional<std::string>& mobile) {
  core::FieldErrors errors;
  Checker c{errors};
  c.email("email", email, false);
  c.digits("phone", phone, false, 7, 10);
  c.mobile(mobile, false);
  return errors;
}

}  // namespace portal::auth
