#pragma once
// AUTH-11 Contact us (manual 001 §5.2): a provider user sends a case to one of the EPS's two areas. Pure
// rules: what a case must carry, which mailbox each category goes to, and the sizes the contract
// publishes (api/openapi.yaml maxLength). No I/O.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "portal/core/errors.hpp"

namespace portal::auth {

// user_attention: authorization requests, emergency notifications; technical_support: portal errors,
// access problems (SPEC AUTH-11).
inline const std::vector<std::string_view> kContactCategories = {"user_attention", "technical_support"};
inline const std::vector<std::string_view> kContactCaseStatuses = {"open", "answered"};

// In characters (UTF-8 code points), as every length limit of the API.
inline constexpr std::size_t kContactSubjectMax = 150;
inline constexpr std::size_t kContactCommentMax = 4000;

// The areas' mailboxes (PORTAL_CONTACT_USER_ATTENTION_EMAIL, PORTAL_CONTACT_TECHNICAL_SUPPORT_EMAIL) and
// the per-user hourly limit (PORTAL_CONTACT_CASES_PER_USER_HOUR).
struct ContactSettings {
  std::string user_attention_mailbox = "atencion.prestadores@eps.example";
  std::string technical_support_mailbox = "soporte.portal@eps.example";
  int cases_per_user_per_hour = 5;
};

// Fields as sent (nullopt: absent, or of the wrong type — the reader reported that).
struct ContactDraft {
  std::optional<std::string> category;
  std::optional<std::string> subject;
  std::optional<std::string> comment;
};

// Every broken rule at once: category required and one of kContactCategories; subject required, one line
// (no control characters: it becomes the e-mail's subject), at most kContactSubjectMax characters; comment
// required, at most kContactCommentMax characters (line breaks and tabs allowed).
core::FieldErrors validate_contact_case(const ContactDraft& draft);

// The mailbox a case of that category is e-mailed to; nullopt for an unknown category.
std::optional<std::string> contact_mailbox(const ContactSettings& settings, std::string_view category);

// "Atención al usuario" / "Soporte técnico" (the manual's names), for the e-mail.
std::string_view contact_category_name(std::string_view category);

// EPS administrators mark a case answered; an answered case stays answered (marking it again changes
// nothing). Returns the error for a status the PATCH may not set.
std::optional<core::FieldError> check_case_status_change(std::string_view requested);

}  // namespace portal::auth
