// AUTH-11 Contact us: what a case must carry, and where each category is e-mailed (issue 20).
#include "contact_rules.hpp"

#include <algorithm>
#include <catch2/catch.hpp>

using namespace portal;
using namespace portal::auth;

namespace {

std::vector<std::string> fields_and_codes(const core::FieldErrors& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.field + ":" + e.code);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE(
    "AUTH-11 a contact case needs a known category, a one-line subject and a comment, within their sizes") {
  const std::string subject_max(kContactSubjectMax, 'a');
  std::string subject_accents;  // 150 characters, 300 bytes: limits count characters
  for (std::size_t i = 0; i < kContactSubjectMax; ++i) subject_accents += "ñ";
  struct Row {
    const char* name;
    ContactDraft draft;
    std::vector<std::string> errors;
  };
  const std::vector<Row> rows = {
      {"valid", {"user_attention", "Autorización pendiente", "La solicitud 123 lleva 3 días.\nGracias."}, {}},
      {"technical support", {"technical_support", "No puedo ingresar", "Error 500 al iniciar sesión"}, {}},
      {"largest subject", {"user_attention", subject_max, "x"}, {}},
      {"accents count as one character", {"user_attention", subject_accents, "x"}, {}},
      {"everything missing",
       {std::nullopt, std::nullopt, std::nullopt},
       {"category:required", "comment:required", "subject:required"}},
      {"blank texts", {"technical_support", "   ", " \t "}, {"comment:required", "subject:required"}},
      {"unknown category", {"complaints", "Asunto", "Comentario"}, {"category:invalid_value"}},
      {"subject one character too long", {"user_attention", subject_max + "b", "x"}, {"subject:too_long"}},
      {"comment too long",
       {"user_attention", "Asunto", std::string(kContactCommentMax + 1, 'c')},
       {"comment:too_long"}},
      {"line break in the subject (it becomes the e-mail's subject)",
       {"user_attention", "Asunto\r\nBcc: x@y.z", "Comentario"},
       {"subject:invalid_characters"}},
      {"control character in the comment",
       {"user_attention", "Asunto", std::string{"a\x01"} + "b"},
       {"comment:invalid_characters"}},
      {"all wrong at once",
       {"other", std::string(kContactSubjectMax + 1, 's'), ""},
       {"category:invalid_value", "comment:required", "subject:too_long"}},
  };
  for (const auto& row : rows) {
    CAPTURE(row.name);
    CHECK(fields_and_codes(validate_contact_case(row.draft)) == row.errors);
  }
}

TEST_CASE("AUTH-11 each category goes to its area's mailbox") {
  ContactSettings s;
  s.user_attention_mailbox = "atencion@eps.example";
  s.technical_support_mailbox = "soporte@eps.example";
  CHECK(contact_mailbox(s, "user_attention") == std::optional<std::string>{"atencion@eps.example"});
  CHECK(contact_mailbox(s, "technical_support") == std::optional<std::string>{"soporte@eps.example"});
  CHECK_FALSE(contact_mailbox(s, "complaints"));
  CHECK(contact_category_name("user_attention") == "Atención al usuario");
  CHECK(contact_category_name("technical_support") == "Soporte técnico");
}

TEST_CASE("AUTH-11 an administrator may only mark a case answered") {
  CHECK_FALSE(check_case_status_change("answered"));
  for (const char* other : {"open", "closed", ""}) {
    CAPTURE(other);
    const auto e = check_case_status_change(other);
    REQUIRE(e);
    CHECK(e->field == "status");
    CHECK(e->code == "invalid_value");
  }
}
