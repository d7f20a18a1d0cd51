#include <catch2/catch.hpp>

#include <algorithm>

#include "user_rules.hpp"

using namespace portal;
using namespace portal::auth;

namespace {

PersonDraft valid_delegate() {
  PersonDraft d;
  d.document_type = "CC";
  d.document_number = "1045123456";
  d.first_name = "Pedro";
  d.first_surname = "Ramírez";
  d.position = "Auxiliar";
  d.area = "Admisiones";
  d.department_code = "08";
  d.municipality_code = "08001";
  d.mobile = "3001234567";
  d.email = "pedro@ips.example";
  d.email_confirmation = "Pedro@IPS.example";
  d.permissions = std::vector<std::string>{"urgencies", "glosas"};
  return d;
}

std::vector<std::string> fields_and_codes(const core::FieldErrors& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.field + ":" + e.code);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("AUTH-8 creating a delegated user") {
  using Edit = void (*)(PersonDraft&);
  struct Row {
    const char* name;
    Edit edit;
    std::vector<std::string> expected;
  };
  const std::vector<Row> rows = {
      {"valid", [](PersonDraft&) {}, {}},
      {"e-mail twice must match", [](PersonDraft& d) { d.email_confirmation = "otro@ips.example"; },
       {"email_confirmation:mismatch"}},
      {"confirmation missing", [](PersonDraft& d) { d.email_confirmation.reset(); }, {"email_confirmation:required"}},
      {"every required field at once",
       [](PersonDraft& d) { d = PersonDraft{}; },
       {"area:required", "department_code:required", "document_number:required", "document_type:required",
        "email:required", "email_confirmation:required", "first_name:required", "first_surname:required",
        "mobile:required", "municipality_code:required", "position:required"}},
      {"unknown document type", [](PersonDraft& d) { d.document_type = "XX"; }, {"document_type:invalid_value"}},
      {"CC must be numeric", [](PersonDraft& d) { d.document_number = "10A45"; }, {"document_number:invalid_format"}},
      {"passport may be alphanumeric",
       [](PersonDraft& d) {
         d.document_type = "PA";
         d.document_number = "AB12345";
       },
       {}},
      {"unknown module", [](PersonDraft& d) { d.permissions = std::vector<std::string>{"urgencies", "admin"}; },
       {"permissions[1]:invalid_value"}},
      {"municipality outside the department", [](PersonDraft& d) { d.municipality_code = "13001"; },
       {"municipality_code:municipality_mismatch"}},
      {"mobile must be a Colombian mobile", [](PersonDraft& d) { d.mobile = "6051234567"; }, {"mobile:invalid_format"}},
      {"bad e-mail", [](PersonDraft& d) { d.email = d.email_confirmation = "pedro@ips"; }, {"email:invalid_format"}},
      {"validity in the past", [](PersonDraft& d) { d.valid_until = "2026-02-28"; }, {"valid_until:in_past"}},
      {"validity today is fine", [](PersonDraft& d) { d.valid_until = "2026-03-01"; }, {}},
      {"validity not a date", [](PersonDraft& d) { d.valid_until = "2026-02-30"; }, {"valid_until:invalid_format"}},
      {"optional phone and extension checked",
       [](PersonDraft& d) {
         d.phone = "12";
         d.extension = "ext";
       },
       {"extension:invalid_format", "phone:invalid_format"}},
      {"chosen username format", [](PersonDraft& d) { d.username = "Pedro R"; }, {"username:invalid_format"}},
  };
  for (const auto& row : rows) {
    CAPTURE(row.name);
    auto d = valid_delegate();
    row.edit(d);
    CHECK(fields_and_codes(validate_new_provider_user(d, "2026-03-01")) == row.expected);
  }
}

TEST_CASE("AUTH-8 editing a delegated user") {
  struct Row {
    const char* name;
    std::vector<std::string> present;
    PersonDraft draft;
    std::optional<std::string> status;
    std::vector<std::string> expected;
  };
  PersonDraft names;
  names.first_name = "Pedro";
  PersonDraft location;
  location.department_code = "08";
  const std::vector<Row> rows = {
      {"names are editable", {"first_name"}, names, std::nullopt, {}},
      {"document and e-mail are not", {"document_number", "email", "username"}, PersonDraft{}, std::nullopt,
       {"document_number:not_editable", "email:not_editable", "username:not_editable"}},
      {"a required field cannot be emptied", {"first_surname"}, PersonDraft{}, std::nullopt,
       {"first_surname:required"}},
      {"department without municipality", {"department_code"}, location, std::nullopt, {"municipality_code:required"}},
      {"deactivate", {"status"}, PersonDraft{}, "inactive", {}},
      {"unknown status", {"status"}, PersonDraft{}, "deleted", {"status:invalid_value"}},
  };
  for (const auto& row : rows) {
    CAPTURE(row.name);
    CHECK(fields_and_codes(validate_provider_user_patch(row.draft, row.present, row.status, "2026-03-01")) ==
          row.expected);
  }
}

TEST_CASE("AUTH-9 creating an employee") {
  PersonDraft d;
  d.username = "jcastro";
  d.document_type = "CC";
  d.document_number = "79123456";
  d.first_name = "Jorge";
  d.first_surname = "Castro";
  d.email = "jcastro@eps.example";
  d.roles = std::vector<std::string>{"auditor"};
  CHECK(validate_new_employee(d).empty());
  d.roles = std::vector<std::string>{};
  CHECK(fields_and_codes(validate_new_employee(d)) == std::vector<std::string>{"roles:empty"});
  d.roles = std::vector<std::string>{"auditor", "root"};
  CHECK(fields_and_codes(validate_new_employee(d)) == std::vector<std::string>{"roles[1]:invalid_value"});
  d.roles.reset();
  d.username.reset();
  CHECK(fields_and_codes(validate_new_employee(d)) == std::vector<std::string>{"roles:required", "username:required"});
}

TEST_CASE("AUTH-7 own profile changes and e-mail format") {
  CHECK(validate_profile_patch(std::string{"a@b.co"}, std::nullopt, std::string{"3101234567"}).empty());
  CHECK(fields_and_codes(validate_profile_patch(std::string{"a@b"}, std::string{"x"}, std::string{"12"})) ==
        std::vector<std::string>{"email:invalid_format", "mobile:invalid_format", "phone:invalid_format"});
  for (const char* bad : {"", "@b.co", "a@@b.co", "a@b.", "a b@c.co", "a@.co"}) {
    CAPTURE(bad);
    CHECK_FALSE(is_valid_email(bad));
  }
  CHECK(is_valid_email("maria.gomez+ips@clinica-ejemplo.com.co"));
}

TEST_CASE("messages exist in both languages") {
  const auto e = field_error("email_confirmation", "mismatch");
  CHECK_FALSE(e.message.es.empty());
  CHECK_FALSE(e.message.en.empty());
  CHECK(e.message.es != e.message.en);
}
