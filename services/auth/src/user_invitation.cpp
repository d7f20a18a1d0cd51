#include "user_invitation.hpp"

#include "auth_http.hpp"
#include "mail_messages.hpp"
#include "portal/mail/outbox.hpp"
#include "token_issuer.hpp"
#include "user_store.hpp"

namespace portal::auth {

UserRecord insert_invited_user(db::Connection& c, const AuthContext& ctx, const http::Request& req,
                               UserRecord u, std::string action, std::string details) {
  u.id = user_store::insert(c, u);
  const std::string token = create_one_time_token(c, ctx, u.id, "set_password", kSetPasswordTtl);
  mail::Outbox::enqueue(c, set_password_message(ctx.settings, u, token), ctx.clock);
  audit(c, ctx, req, std::move(action), "user:" + std::to_string(u.id), std::move(details));
  return *user_store::find_by_id(c, u.id);
}

http::Response created_user_response(const UserRecord& created, std::string_view collection) {
  auto r = json_response(201, [&](json::Writer& w) { write_user(w, created); });
  r.with_header("Location", std::string(collection) + "/" + std::to_string(created.id));
  return r;
}

}  // namespace portal::auth
