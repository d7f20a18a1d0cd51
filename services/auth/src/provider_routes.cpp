// AUTH-1 provider registry, loaded by EPS administrators: providers, branches (habilitation codes,
// DIVIPOLA) and the contacts self-registration looks up.
#include "auth_http.hpp"
#include "provider_rules.hpp"
#include "provider_store.hpp"
#include "routes.hpp"

namespace portal::auth {
namespace {

std::optional<http::Response> require_eps_admin(const http::Request& req) {
  if (auto denied = http::require_any_role(req, {"admin"})) return denied;
  if (!req.principal->is_employee()) return http::problem(req, http::forbidden());
  return std::nullopt;
}

ProviderDraft read_provider(const rapidjson::Value& doc, core::FieldErrors& errors) {
  json::ObjectReader in(doc, errors);
  ProviderDraft d;
  d.nit = in.optional_string("nit", 20);
  d.legal_name = in.optional_string("legal_name", 200);
  d.email = in.optional_string("email", 254);
  if (const auto* branches = in.optional_array("branches")) {
    d.branches.emplace();
    for (rapidjson::SizeType i = 0; i < branches->Size(); ++i) {
      const std::string at = "branches[" + std::to_string(i) + "]";
      const auto& item = (*branches)[i];
      BranchDraft b;
      if (!item.IsObject()) {
        errors.push_back(
            core::FieldError{at, "invalid_type", json::invalid_type_message("un objeto", "an object")});
        d.branches->push_back(b);
        continue;
      }
      json::ObjectReader br(item, errors, at);
      b.habilitation_code = br.optional_string("habilitation_code", 20);
      b.name = br.optional_string("name", 200);
      b.department_code = br.optional_string("department_code", 10);
      b.municipality_code = br.optional_string("municipality_code", 10);
      b.address = br.optional_string("address", 300);
      if (const auto* contacts = br.optional_array("contacts")) {
        for (rapidjson::SizeType j = 0; j < contacts->Size(); ++j) {
          const std::string cat = at + ".contacts[" + std::to_string(j) + "]";
          if (!(*contacts)[j].IsObject()) {
            errors.push_back(
                core::FieldError{cat, "invalid_type", json::invalid_type_message("un objeto", "an object")});
            continue;
          }
          // read_person names fields without a prefix; re-prefix the errors it adds.
          core::FieldErrors contact_errors;
          b.contacts.push_back(read_person((*contacts)[j], contact_errors));
          for (auto& e : contact_errors) {
            e.field = cat + "." + e.field;
            errors.push_back(std::move(e));
          }
        }
      }
      d.branches->push_back(std::move(b));
    }
  }
  return d;
}

// A provider as the API shows it, read in one go so that its JSON is written without the database (a
// create's 2xx answer is built after its change, from the value alone).
struct ProviderDetail {
  ProviderRecord provider;
  bool registered = false;
  bool with_contacts = false;
  std::vector<std::pair<BranchRecord, std::vector<ContactRecord>>> branches;  // contacts only with_contacts
};

ProviderDetail load_detail(db::Connection& c, const ProviderRecord& p, bool with_contacts) {
  ProviderDetail d{p, provider_store::has_admin(c, p.id), with_contacts, {}};
  for (auto& b : provider_store::branches(c, p.id)) {
    auto contacts = with_contacts ? provider_store::contacts(c, b.id) : std::vector<ContactRecord>{};
    d.branches.emplace_back(std::move(b), std::move(contacts));
  }
  return d;
}

void write_provider(json::Writer& w, const ProviderDetail& d) {
  const auto& p = d.provider;
  w.StartObject();
  write_string_field(w, "nit", p.nit);
  write_string_field(w, "legal_name", p.legal_name);
  write_optional_string(w, "email", p.email);
  write_string_field(w, "created_at", p.created_at);
  json::write_key(w, "registered");
  w.Bool(d.registered);
  json::write_key(w, "branches");
  w.StartArray();
  for (const auto& [b, contacts] : d.branches) {
    w.StartObject();
    write_string_field(w, "habilitation_code", b.habilitation_code);
    write_string_field(w, "name", b.name);
    write_string_field(w, "department_code", b.department_code);
    write_string_field(w, "municipality_code", b.municipality_code);
    write_optional_string(w, "address", b.address);
    if (d.with_contacts) {
      json::write_key(w, "contacts");
      w.StartArray();
      for (const auto& c : contacts) {
        w.StartObject();
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
      w.EndArray();
    }
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

http::Response list_providers(AuthContext& ctx, http::Request& req) {
  if (auto denied = require_eps_admin(req)) return std::move(*denied);
  auto page = read_page(req);
  if (auto* r = std::get_if<http::Response>(&page)) return std::move(*r);
  const auto& p = std::get<Page>(page);
  const auto [details, total] = ctx.db->read([&](db::Connection& c) {
    std::vector<ProviderDetail> out;
    for (const auto& provider : provider_store::list(c, p)) out.push_back(load_detail(c, provider, false));
    return std::pair{std::move(out), provider_store::count(c)};
  });
  return http::list_response(req, p, total, [&](json::Writer& w) {
    for (const auto& d : details) write_provider(w, d);
  });
}

// Issue 4: the provider's legal name and branches are needed to file and print emergency notifications
// (URG-1, Anexo 2), so besides the EPS admin every employee may read any provider, and a provider's own
// users (and integrator clients bound to it) their own. Another provider's NIT is 404 like an unknown
// one: tenant isolation must not reveal which NITs exist. Integrator clients not bound to a provider
// act for the EPS and read any. Branch contacts are personal data (Ley 1581 de 2012) and only the EPS
// admin, who maintains the registry, gets them.
enum class ProviderView { denied, hidden, branches, with_contacts };

ProviderView provider_view(const security::Principal& p, const std::string& nit) {
  if (p.is_employee()) return p.has_role("admin") ? ProviderView::with_contacts : ProviderView::branches;
  if (p.is_provider()) return p.provider_nit == nit ? ProviderView::branches : ProviderView::hidden;
  if (p.is_client())
    return !p.provider_nit || *p.provider_nit == nit ? ProviderView::branches : ProviderView::hidden;
  return ProviderView::denied;
}

http::Response get_provider(AuthContext& ctx, http::Request& req) {
  const std::string nit = req.param("nit").value_or("");
  const auto view = provider_view(*req.principal, nit);
  if (view == ProviderView::denied) return http::problem(req, http::forbidden());
  if (view == ProviderView::hidden) return http::problem(req, provider_not_found());
  const auto detail = ctx.db->read([&](db::Connection& c) -> std::optional<ProviderDetail> {
    const auto provider = provider_store::find_by_nit(c, nit);
    if (!provider) return std::nullopt;
    return load_detail(c, *provider, view == ProviderView::with_contacts);
  });
  if (!detail) return http::problem(req, provider_not_found());
  return json_response(200, [&](json::Writer& w) { write_provider(w, *detail); });
}

http::Response create_provider(AuthContext& ctx, http::Request& req, http::IdempotentWrite& keyed) {
  if (auto denied = require_eps_admin(req)) return std::move(*denied);
  auto body = http::read_json_body(req);
  if (auto* r = std::get_if<http::Response>(&body)) return std::move(*r);
  core::FieldErrors errors;
  const auto draft = read_provider(std::get<rapidjson::Document>(body), errors);
  auto rule_errors = validate_provider(draft);
  errors.insert(errors.end(), rule_errors.begin(), rule_errors.end());
  if (!errors.empty()) return http::problem(req, http::validation_failed(std::move(errors)));

  // AUTH-1: NITs and habilitation codes are unique. Two creations at once on two replicas both pass this
  // check; the unique keys then refuse the later one, and commit_create() answers it with this check.
  const auto conflict = [&](db::Connection& c) -> std::optional<http::Problem> {
    if (provider_store::find_by_nit(c, *draft.nit)) {
      return http::conflict("provider_exists", {"Ya existe un prestador con ese NIT.",
                                                "A provider with that NIT already exists."});
    }
    for (const auto& b : *draft.branches) {
      if (provider_store::habilitation_code_taken(c, *b.habilitation_code)) {
        return http::conflict(
            "habilitation_code_taken",
            {"El código de habilitación " + *b.habilitation_code + " ya pertenece a otro prestador.",
             "Habilitation code " + *b.habilitation_code + " already belongs to another provider."});
      }
    }
    return std::nullopt;
  };
  return commit_create<ProviderDetail>(
      ctx, req, keyed,
      [&](db::Connection& c) {
        if (auto refused = conflict(c)) throw Refused{*refused};
        ProviderRecord p{0, *draft.nit, *draft.legal_name, ctx.now_text(), std::nullopt};
        if (draft.email && !draft.email->empty()) p.email = *draft.email;
        p.id = provider_store::insert_provider(c, p);
        for (const auto& b : *draft.branches) {
          const long long branch_id = provider_store::insert_branch(
              c, BranchRecord{0, p.id, *b.habilitation_code, *b.name, *b.department_code,
                              *b.municipality_code, b.address});
          for (const auto& person : b.contacts) {
            ContactRecord contact;
            contact.branch_id = branch_id;
            contact.document_type = *person.document_type;
            contact.document_number = *person.document_number;
            contact.first_name = *person.first_name;
            contact.second_name = person.second_name;
            contact.first_surname = *person.first_surname;
            contact.second_surname = person.second_surname;
            contact.position = *person.position;
            contact.email = person.email;
            contact.phone = person.phone;
            contact.mobile = person.mobile;
            contact.address = person.address;
            provider_store::insert_contact(c, contact);
          }
        }
        audit(c, ctx, req, "provider_created", "provider:" + p.nit);
        return load_detail(c, p, true);
      },
      [](const ProviderDetail& created) {
        auto r = json_response(201, [&](json::Writer& w) { write_provider(w, created); });
        r.with_header("Location", std::string{kApi} + "/providers/" + created.provider.nit);
        return r;
      },
      conflict);
}

}  // namespace

void register_provider_routes(http::Server& server, AuthContext& ctx) {
  const std::string base = std::string{kApi} + "/providers";
  server.route(http::Method::get, base, [&ctx](http::Request& r) { return list_providers(ctx, r); });
  server.route(http::Method::post, base, [&ctx](http::Request& r) {
    return idempotent(ctx, r, [&](http::IdempotentWrite& keyed) { return create_provider(ctx, r, keyed); });
  });
  server.route(http::Method::get, base + "/:nit", [&ctx](http::Request& r) { return get_provider(ctx, r); });
}

}  // namespace portal::auth
