// AUTH-2 self-registration (manual 001 §2.2): NIT lookup, contact lookup (masked), policy acceptance, then
// a single-use link mailed to the contact through the outbox; the password is chosen at activation
// (activation_routes.cpp), never at registration (issue 9).
#include "auth_http.hpp"
#include "contact_masking.hpp"
#include "mail_messages.hpp"
#include "policy_store.hpp"
#include "portal/security/password.hpp"
#include "provider_store.hpp"
#include "request_limits.hpp"
#include "routes.hpp"
#include "token_issuer.hpp"
#include "token_rules.hpp"
#include "token_store.hpp"
#include "user_store.hpp"
#include "username_rules.hpp"

namespace portal::auth {
namespace {

void write_branch(json::Writer& w, const BranchRecord& b) {
  w.StartObject();
  write_string_field(w, "habilitation_code", b.habilitation_code);
  write_string_field(w, "name", b.name);
  write_string_field(w, "department_code", b.department_code);
  write_string_field(w, "municipality_code", b.municipality_code);
  w.EndObject();
}

http::Response lookup_provider(AuthContext& ctx, http::Request& req) {
  const std::string nit = req.param("nit").value_or("");
  return ctx.db->read([&](db::Connection& c) -> http::Response {
    const auto provider = provider_store::find_by_nit(c, nit);
    if (!provider) return http::problem(req, provider_not_found());
    // Manual 003 §2.1: once the provider has an administrator, further users come from that admin.
    if (provider_store::has_active_admin(c, provider->id))
      return http::problem(req, provider_already_registered());
    const auto branches = provider_store::branches(c, provider->id);
    return json_response(200, [&](json::Writer& w) {
      w.StartObject();
      write_string_field(w, "nit", provider->nit);
      write_string_field(w, "legal_name", provider->legal_name);
      json::write_key(w, "branches");
      w.StartArray();
      for (const auto& b : branches) write_branch(w, b);
      w.EndArray();
      w.EndObject();
    });
  });
}

// Issue 9: anonymous callers see the contact masked, enough for the person to recognise themself; the
// full record is theirs after activation (GET /api/v1/me).
void write_masked_contact(json::Writer& w, const ContactRecord& c) {
  w.StartObject();
  write_string_field(w, "habilitation_code", c.habilitation_code);
  write_string_field(w, "document_type", c.document_type);
  write_string_field(w, "document_number", c.document_number);  // what the caller typed
  write_string_field(w, "name", mask_name(c.full_name()));
  write_string_field(w, "position", c.position);
  write_optional_string(w, "email", mask_optional(c.email, mask_email));
  write_optional_string(w, "phone", mask_optional(c.phone, mask_phone));
  write_optional_string(w, "mobile", mask_optional(c.mobile, mask_phone));
  write_optional_string(w, "address", std::nullopt);
  w.EndObject();
}

// Issue 9: the budgets of the contact oracle. Every lookup or registration spends one of the client
// address's; one whose document matches no contact also spends one of the NIT's, whoever sends it.
long long lookup_wait(db::Connection& c, const AuthContext& ctx, const std::string& address,
                      const std::string& nit) {
  const auto& l = ctx.settings.limits;
  return budget_wait(c, ctx,
                     {Budget{kLookupAddressScope, address, l.lookups_per_address},
                      Budget{kLookupNitScope, nit, l.lookup_misses_per_nit}});
}

void spend_lookup(db::Connection& c, const AuthContext& ctx, const std::string& address,
                  const std::string& nit, bool matched) {
  spend(c, ctx, kLookupAddressScope, address);
  if (!matched) spend(c, ctx, kLookupNitScope, nit);
}

http::Response lookup_contact(AuthContext& ctx, http::Request& req) {
  const std::string nit = req.param("nit").value_or("");
  const std::string document = req.param("document_number").value_or("");
  auto code = req.query_param("habilitation_code");
  if (code && code->empty()) code.reset();
  const std::string address = req.client_ip;
  return ctx.db->write([&](db::Connection& c) -> http::Response {
    if (const auto wait = lookup_wait(c, ctx, address, nit)) return limited_response(req, wait);
    const auto provider = provider_store::find_by_nit(c, nit);
    // Contact data is only shown while the provider can still self-register (AUTH-2 b).
    if (provider && provider_store::has_active_admin(c, provider->id)) {
      spend_lookup(c, ctx, address, nit, true);
      return http::problem(req, provider_already_registered());
    }
    const auto contact =
        provider ? provider_store::find_contact(c, provider->id, document, code) : std::nullopt;
    spend_lookup(c, ctx, address, nit, contact.has_value());
    if (!provider) return http::problem(req, provider_not_found());
    if (!contact) return http::problem(req, contact_not_found());
    return json_response(200, [&](json::Writer& w) { write_masked_contact(w, *contact); });
  });
}

core::FieldError not_found_error(std::string field, core::Text message) {
  return core::FieldError{std::move(field), "not_found", std::move(message)};
}

struct Registered {
  UserRecord user;
  bool email_sent = false;
};

// Issue 9: neither the username nor whether an earlier registration was replaced; the username comes in
// the e-mail, to whoever holds the contact's mailbox.
http::Response registered_response(const Registered& r) {
  return json_response(201, [&](json::Writer& w) {
    w.StartObject();
    write_string_field(w, "status", r.user.status);
    json::write_key(w, "email_sent");
    w.Bool(r.email_sent);
    w.EndObject();
  });
}

// The user a registration stores for the contact: a new one, or the contact's pending registration
// (issue 9: a new registration replaces it, so a stranger's earlier one never blocks the contact).
UserRecord registration_user(db::Connection& c, const AuthContext& ctx, const ProviderRecord& provider,
                             const BranchRecord& branch, const ContactRecord& contact) {
  UserRecord user;
  if (auto pending = user_store::find_pending_provider_user(c, provider.id, contact.document_type,
                                                            contact.document_number)) {
    user = std::move(*pending);
  } else {
    user.username = first_free_username(
        username_base(contact.first_name, contact.first_surname),
        [&](const std::string& u) { return user_store::username_taken(c, "provider", provider.id, u); });
    user.created_at = ctx.now_text();
  }
  user.user_type = "provider";
  user.provider_id = provider.id;
  user.provider_nit = provider.nit;
  user.branch_id = branch.id;
  user.password_hash.reset();  // issue 9: chosen only through the activation link
  user.status = "pending_activation";
  user.roles = {"provider_admin"};  // AUTH-2: the provider's first user is its administrator
  user.document_type = contact.document_type;
  user.document_number = contact.document_number;
  user.first_name = contact.first_name;
  user.second_name = contact.second_name;
  user.first_surname = contact.first_surname;
  user.second_surname = contact.second_surname;
  user.position = contact.position;
  user.department_code = branch.department_code;
  user.municipality_code = branch.municipality_code;
  user.phone = contact.phone;
  user.mobile = contact.mobile;
  user.email = contact.email.value_or("");
  user.updated_at = ctx.now_text();
  return user;
}

// Before the registration's own transaction: the oracle budgets (issue 9), spent whether or not the data
// match, and the contact's e-mail budget when a pending registration of theirs would be replaced.
std::optional<http::Response> registration_limited(AuthContext& ctx, const http::Request& req,
                                                   const std::optional<std::string>& nit,
                                                   const std::optional<std::string>& code,
                                                   const std::optional<std::string>& document) {
  if (!nit || !document) return std::nullopt;
  const std::string address = req.client_ip;
  return ctx.db->write([&](db::Connection& c) -> std::optional<http::Response> {
    if (const auto wait = lookup_wait(c, ctx, address, *nit)) return limited_response(req, wait);
    const auto provider = provider_store::find_by_nit(c, *nit);
    const auto contact =
        provider ? provider_store::find_contact(c, provider->id, *document, code) : std::nullopt;
    spend_lookup(c, ctx, address, *nit, contact.has_value());
    if (!contact) return std::nullopt;
    const auto pending = user_store::find_pending_provider_user(c, provider->id, contact->document_type,
                                                                contact->document_number);
    if (!pending) return std::nullopt;
    const auto wait = budget_wait(
        c, ctx,
        {Budget{kMailAccountScope, std::to_string(pending->id), ctx.settings.limits.mails_per_account}});
    if (wait) return limited_response(req, wait);
    return std::nullopt;
  });
}

http::Response register_provider_admin(AuthContext& ctx, http::Request& req, http::IdempotentWrite& keyed) {
  auto body = http::read_json_body(req);
  if (auto* r = std::get_if<http::Response>(&body)) return std::move(*r);
  core::FieldErrors errors;
  json::ObjectReader in(std::get<rapidjson::Document>(body), errors);
  const auto nit = in.required_string("nit", 20);
  const auto code = in.required_string("habilitation_code", 20);
  const auto document = in.required_string("document_number", 20);
  const auto policy_version = in.required_string("policy_version", 40);
  const auto accepted = in.required_bool("accept_policies");
  // Issue 9 (manual 001 §2.2): no password here. Whoever knows a contact's document could otherwise set
  // the password that the real contact then activates; it is chosen at activation, through the link
  // mailed to the contact. A `password` member sent by an older client is ignored.
  if (accepted && !*accepted) {
    errors.push_back(
        core::FieldError{"accept_policies",
                         "must_accept",
                         {"Debe aceptar las políticas del sitio.", "You must accept the site policies."}});
  }
  if (auto limited = registration_limited(ctx, req, nit, code, document)) return std::move(*limited);

  const auto provider_lookup = [&](db::Connection& c) {
    return nit ? provider_store::find_by_nit(c, *nit) : std::nullopt;
  };
  const auto already_registered = [&](db::Connection& c) -> std::optional<http::Problem> {
    const auto provider = provider_lookup(c);
    if (provider && provider_store::has_active_admin(c, provider->id)) return provider_already_registered();
    return std::nullopt;
  };
  return commit_create<Registered>(
      ctx, req, keyed,
      [&](db::Connection& c) {
        const auto provider = provider_lookup(c);
        if (nit && !provider) {
          errors.push_back(not_found_error("nit", {"El NIT no corresponde a un prestador de la EPS.",
                                                   "The NIT is not a provider of the EPS."}));
        } else if (provider) {
          // One administrator per provider, also when two registrations arrive at once on two replicas.
          provider_store::lock(c, provider->id);
          if (auto refused = already_registered(c)) throw Refused{*refused};
        }
        std::optional<BranchRecord> branch;
        std::optional<ContactRecord> contact;
        if (provider && code) {
          branch = provider_store::find_branch(c, provider->id, *code);
          if (!branch) {
            errors.push_back(
                not_found_error("habilitation_code", {"El código de habilitación no es de este prestador.",
                                                      "The habilitation code is not of this provider."}));
          }
        }
        if (branch && document) {
          contact = provider_store::find_contact(c, provider->id, *document, code);
          if (!contact) {
            errors.push_back(
                not_found_error("document_number", {"El documento no es de un contacto de esta sede.",
                                                    "The document is not of a contact of this branch."}));
          }
        }
        const auto policy = policy_store::current(c, ctx.now_text());
        if (policy_version && (!policy || policy->version != *policy_version)) {
          errors.push_back(core::FieldError{"policy_version",
                                            "not_current",
                                            {"La versión de las políticas no es la vigente.",
                                             "The policy version is not the current one."}});
        }
        if (!errors.empty()) throw Refused{http::validation_failed(std::move(errors))};

        UserRecord user = registration_user(c, ctx, *provider, *branch, *contact);
        const auto now = ctx.now_text();
        const bool replaces = user.id != 0;
        if (replaces) {
          // Issue 9: the earlier registration's link stops working (create_one_time_token below
          // invalidates it), and so does any password it had.
          user_store::update(c, user);
          user_store::reset_pending(c, user.id, branch->id, now);
          token_store::invalidate_one_time(c, user.id, "password_reset", now);
        } else {
          user.id = user_store::insert(c, user);
        }
        policy_store::accept(c, user.id, policy->version, now, req.client_ip);
        const std::string token = create_one_time_token(c, ctx, user.id, "activation", kActivationTtl);
        // The account exists even when no e-mail can be sent; the answer says so (AUTH-2).
        const bool can_mail = !user.email.empty() && is_valid_email(user.email);
        if (can_mail) {
          spend(c, ctx, kMailAccountScope, std::to_string(user.id));
          mail::Outbox::enqueue(c, activation_message(ctx.settings, user, token), ctx.clock);
        }
        const std::string target = "user:" + std::to_string(user.id);
        audit(c, ctx, req, replaces ? "registration_replaced" : "registration", target,
              details_json({{"nit", provider->nit}, {"username", user.username}}), target);
        audit(c, ctx, req, "policy_accepted", target, details_json({{"version", policy->version}}), target);
        return Registered{user, can_mail};
      },
      registered_response, already_registered);
}

http::Response accepted() {
  return json_response(202, [](json::Writer& w) {
    w.StartObject();
    write_string_field(w, "status", "accepted");
    w.EndObject();
  });
}

http::Response resend(AuthContext& ctx, http::Request& req) {
  const AnswerFloor floor{ctx.settings.limits.mail_request_floor};
  auto body = http::read_json_body(req);
  if (auto* r = std::get_if<http::Response>(&body)) return std::move(*r);
  core::FieldErrors errors;
  json::ObjectReader in(std::get<rapidjson::Document>(body), errors);
  const auto nit = in.required_string("nit", 20);
  const auto username = in.required_string("username", 60);
  if (!errors.empty()) return http::problem(req, http::validation_failed(std::move(errors)));
  const std::string address = req.client_ip;
  ctx.db->write([&](db::Connection& c) {
    // Issue 9: budgets per address and per account; the answer is the same 202 when one is spent.
    const auto& limits = ctx.settings.limits;
    const bool address_spent =
        budget_wait(c, ctx, {Budget{kMailAddressScope, address, limits.mail_requests_per_address}}) > 0;
    spend(c, ctx, kMailAddressScope, address);
    if (address_spent) return;
    const auto provider = provider_store::find_by_nit(c, *nit);
    const auto user = provider ? user_store::find_provider_user(c, provider->id, *username) : std::nullopt;
    // Same answer either way: the response must not tell whether the account exists (AUTH-3).
    if (!user || user->status != "pending_activation" || !is_valid_email(user->email)) return;
    if (!take_mail_budget(c, ctx, user->id)) return;
    const std::string token = create_one_time_token(c, ctx, user->id, "activation", kActivationTtl);
    mail::Outbox::enqueue(c, activation_message(ctx.settings, *user, token), ctx.clock);
    const std::string target = "user:" + std::to_string(user->id);
    audit(c, ctx, req, "activation_resent", target);
  });
  if (ctx.outbox) ctx.outbox->wake();
  floor.wait();  // issue 9: matched or not, limited or not, the same answer after the same time
  return accepted();
}

}  // namespace

void register_registration_routes(http::Server& server, AuthContext& ctx) {
  const std::string base = std::string{kApi} + "/registration";
  const auto open = http::Access::public_route;
  server.route(
      http::Method::get, base + "/providers/:nit",
      [&ctx](http::Request& r) { return lookup_provider(ctx, r); }, open);
  server.route(
      http::Method::get, base + "/providers/:nit/contacts/:document_number",
      [&ctx](http::Request& r) { return lookup_contact(ctx, r); }, open);
  server.route(
      http::Method::post, base,
      [&ctx](http::Request& r) {
        return idempotent(
            ctx, r, [&](http::IdempotentWrite& keyed) { return register_provider_admin(ctx, r, keyed); });
      },
      open);
  register_activation_route(server, ctx);
  server.route(
      http::Method::post, base + "/resend", [&ctx](http::Request& r) { return resend(ctx, r); }, open);
}

}  // namespace portal::auth
