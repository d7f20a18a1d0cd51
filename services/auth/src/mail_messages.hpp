#pragma once
// The e-mails the auth service sends (AUTH-2 activation, AUTH-6 reset, AUTH-8 set-password), in Spanish
// as the portal's users read them. Links carry the single-use token; nothing else secret is mailed.
#include <string>

#include "auth_context.hpp"
#include "contact_case_store.hpp"
#include "portal/mail/outbox.hpp"
#include "records.hpp"

namespace portal::auth {

mail::Message activation_message(const AuthSettings& s, const UserRecord& user, const std::string& token);
mail::Message password_reset_message(const AuthSettings& s, const UserRecord& user, const std::string& token);
mail::Message set_password_message(const AuthSettings& s, const UserRecord& user, const std::string& token);
// AUTH-11: a provider user's case, to the mailbox of its category, naming the sender's provider and user
// (so the area can answer by e-mail or phone).
mail::Message contact_case_message(const contact_case_store::ContactCaseRecord& contact_case,
                                   const UserRecord& sender);

}  // namespace portal::auth
