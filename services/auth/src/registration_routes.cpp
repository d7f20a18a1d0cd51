// AUTH-2 self-registration (manual 001 §2.2): NIT lookup, contact lookup, policy acceptance and
// password, then activation by a single-use link sent through the outbox.
#include "auth_http.hpp"
#include "mail_messages.hpp"
#include "policy_store.hpp"
#include "portal/security/password.hpp"
#include "provider_store.hpp"
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
    if (provider_store::has_admin(c, provider->id)) return http::problem(req, provider_already_registered());
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

void write_contact(json::Writer& w, const ContactRecord& c) {
  w.StartObject();
  write_string_field(w, "habilitation_code", c.habilitation_code);
  write_string_field(w, "document_type", c.document_type);
  write_string_field(w, "document_number", c.document_number);
  write_string_field(w, "name", c.full_name());
  write_string_field(w, "position", c.position);
  write_optional_string(w, "email", c.email);
  write_optional_string(w, "phone", c.phone);
  write_optional_string(w, "mobile", c.mobile);
  write_optional_string(w, "address", c.address);
  w.EndObject();
}

http::Response lookup_contact(AuthContext& ctx, http::Request& req) {
  const std::string nit = req.param("nit").value_or("");
  const std::string document = req.param("document_number").value_or("");
  auto code = req.query_param("habilitation_code");
  if (code && code->empty()) code.reset();
  return ctx.db->read([&](db::Connection& c) -> http::Response {
    const auto provider = provider_store::find_by_nit(c, nit);
    if (!provider) return http::problem(req, provider_not_found());
    // Contact data is only shown while the provider can still self-register (AUTH-2 b).
    if (provider_store::has_admin(c, provider->id)) return http::problem(req, provider_already_registered());
    const auto contact = provider_store::find_contact(c, provider->id, document, code);
    if (!contact) return http::problem(req, contact_not_found());
    return json_response(200, [&](json::Writer& w) { write_contact(w, *contact); });
  });
}

core::FieldError not_found_error(std::string field, core::Text message) {
  return core::FieldError{std::move(field), "not_found", std::move(message)};
}

struct Registered {
  UserRecord user;
  bool email_sent = false;
};

http::Response registered_response(const Registered& r) {
  return json_response(201, [&](json::Writer& w) {
    w.StartObject();
    write_string_field(w, "username", r.user.username);
    write_string_field(w, "status", r.user.status);
    json::write_key(w, "email_sent");
    w.Bool(r.email_sent);
    w.EndObject();
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
  const auto password = in.required_string("password", 200);
  const auto confirmation = in.required_string("password_confirmation", 200);
  if (accepted && !*accepted) {
    errors.push_back(
        core::FieldError{"accept_policies",
                         "must_accept",
                         {"Debe aceptar las políticas del sitio.", "You must accept the site policies."}});
  }
  if (password && confirmation) {
    if (auto e = check_confirmation(*password, *confirmation, "password_confirmation")) errors.push_back(*e);
  }
  // argon2 outside the transaction, once the request itself is well formed (the rest needs the database).
  const std::string password_hash = errors.empty() && password ? security::hash_password(*password) : "";

  const auto provider_lookup = [&](db::Connection& c) {
    return nit ? provider_store::find_by_nit(c, *nit) : std::nullopt;
  };
  const auto already_registered = [&](db::Connection& c) -> std::optional<http::Problem> {
    const auto provider = provider_lookup(c);
    if (provider && provider_store::has_admin(c, provider->id)) return provider_already_registered();
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
        UserRecord user;
        if (contact) {
          user.username = first_free_username(
              username_base(contact->first_name, contact->first_surname), [&](const std::string& u) {
                return user_store::username_taken(c, "provider", provider->id, u);
              });
        }
        if (password) {
          auto policy_errors = security::check_password_policy(*password, user.username, "password");
          errors.insert(errors.end(), policy_errors.begin(), policy_errors.end());
        }
        if (!errors.empty()) throw Refused{http::validation_failed(std::move(errors))};

        const auto now = ctx.now_text();
        user.user_type = "provider";
        user.provider_id = provider->id;
        user.provider_nit = provider->nit;
        user.branch_id = branch->id;
        user.password_hash = password_hash;
        user.status = "pending_activation";
        user.roles = {"provider_admin"};  // AUTH-2: the provider's first user is its administrator
        user.document_type = contact->document_type;
        user.document_number = contact->document_number;
        user.first_name = contact->first_name;
        user.second_name = contact->second_name;
        user.first_surname = contact->first_surname;
        user.second_surname = contact->second_surname;
        user.position = contact->position;
        user.department_code = branch->department_code;
        user.municipality_code = branch->municipality_code;
        user.phone = contact->phone;
        user.mobile = contact->mobile;
        user.email = contact->email.value_or("");
        user.created_at = user.updated_at = now;
        user.id = user_store::insert(c, user);
        policy_store::accept(c, user.id, policy->version, now, client_address(req, ctx));
        const std::string token = create_one_time_token(c, ctx, user.id, "activation", kActivationTtl);
        // The account exists even when no e-mail can be sent; the answer says so (AUTH-2).
        const bool can_mail = !user.email.empty() && is_valid_email(user.email);
        if (can_mail) mail::Outbox::enqueue(c, activation_message(ctx.settings, user, token), ctx.clock);
        const std::string target = "user:" + std::to_string(user.id);
        audit(c, ctx, req, "registration", target,
              details_json({{"nit", provider->nit}, {"username", user.username}}), target);
        audit(c, ctx, req, "policy_accepted", target, details_json({{"version", policy->version}}), target);
        return Registered{user, can_mail};
      },
      registered_response, already_registered);
}

http::Response activate(AuthContext& ctx, http::Request& req) {
  auto body = http::read_json_body(req);
  if (auto* r = std::get_if<http::Response>(&body)) return std::move(*r);
  core::FieldErrors errors;
  json::ObjectReader in(std::get<rapidjson::Document>(body), errors);
  const auto token = in.required_string("token", 200);
  if (!errors.empty()) return http::problem(req, http::validation_failed(std::move(errors)));
  const bool activated = ctx.db->write([&](db::Connection& c) {
    const auto row = token_store::find_one_time(c, security::sha256_hex(*token));
    std::optional<OneTimeTokenState> state;
    if (row && row->purpose == "activation") {
      state = OneTimeTokenState{row->used, core::parse_rfc3339(row->expires_at).value_or(core::Instant{})};
    }
    if (!one_time_token_usable(state, ctx.clock.now())) return false;
    // The user's row first, as every write about its links (token_issuer.hpp), then the single use.
    if (!user_store::lock(c, row->user_id)) return false;
    const auto user = user_store::find_by_id(c, row->user_id);
    if (!user || user->status != "pending_activation") return false;
    if (!token_store::mark_used(c, row->id, ctx.now_text()))
      return false;  // used meanwhile by another request
    user_store::set_status(c, user->id, "active", ctx.now_text());
    const std::string target = "user:" + std::to_string(user->id);
    audit(c, ctx, req, "account_activated", target, "{}", target);
    return true;
  });
  if (!activated) return http::problem(req, invalid_token());
  return json_response(200, [](json::Writer& w) {
    w.StartObject();
    write_string_field(w, "status", "active");
    w.EndObject();
  });
}

http::Response accepted() {
  return json_response(202, [](json::Writer& w) {
    w.StartObject();
    write_string_field(w, "status", "accepted");
    w.EndObject();
  });
}

http::Response resend(AuthContext& ctx, http::Request& req) {
  auto body = http::read_json_body(req);
  if (auto* r = std::get_if<http::Response>(&body)) return std::move(*r);
  core::FieldErrors errors;
  json::ObjectReader in(std::get<rapidjson::Document>(body), errors);
  const auto nit = in.required_string("nit", 20);
  const auto username = in.required_string("username", 60);
  if (!errors.empty()) return http::problem(req, http::validation_failed(std::move(errors)));
  ctx.db->write([&](db::Connection& c) {
    const auto provider = provider_store::find_by_nit(c, *nit);
    const auto user = provider ? user_store::find_provider_user(c, provider->id, *username) : std::nullopt;
    // Same answer either way: the response must not tell whether the account exists (AUTH-3).
    if (!user || user->status != "pending_activation" || !is_valid_email(user->email)) return;
    const std::string token = create_one_time_token(c, ctx, user->id, "activation", kActivationTtl);
    mail::Outbox::enqueue(c, activation_message(ctx.settings, *user, token), ctx.clock);
    const std::string target = "user:" + std::to_string(user->id);
    audit(c, ctx, req, "activation_resent", target);
  });
  if (ctx.outbox) ctx.outbox->wake();
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
  server.route(
      http::Method::post, base + "/activate", [&ctx](http::Request& r) { return activate(ctx, r); }, open);
  server.route(
      http::Method::post, base + "/resend", [&ctx](http::Request& r) { return resend(ctx, r); }, open);
}

}  // namespace portal::auth
