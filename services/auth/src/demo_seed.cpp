#include "demo_seed.hpp"

#include "client_store.hpp"
#include "contact_case_store.hpp"
#include "contact_rules.hpp"
#include "portal/security/password.hpp"
#include "provider_store.hpp"
#include "sql_values.hpp"
#include "survey_store.hpp"
#include "user_store.hpp"

namespace portal::auth {
namespace {

struct DemoPerson {
  const char* username;
  const char* roles;
  const char* permissions;
  const char* document;
  const char* first_name;
  const char* first_surname;
  const char* position;
  const char* email;
};

UserRecord demo_user(const DemoPerson& p, const std::string& user_type, const std::string& now) {
  UserRecord u;
  u.user_type = user_type;
  u.username = p.username;
  u.password_hash = security::hash_password(kDemoPassword);
  u.status = "active";
  u.roles = sql::split_codes(p.roles);
  u.permissions = sql::split_codes(p.permissions);
  u.document_type = "CC";
  u.document_number = p.document;
  u.first_name = p.first_name;
  u.first_surname = p.first_surname;
  u.position = p.position;
  u.area = user_type == "employee" ? "Operaciones EPS" : "Facturación";
  u.mobile = "3001234567";
  u.email = p.email;
  u.created_at = u.updated_at = now;
  return u;
}

long long demo_provider(db::Connection& c, const std::string& nit, const std::string& name,
                        const std::string& now, std::optional<std::string> email = std::nullopt) {
  return provider_store::insert_provider(c, ProviderRecord{0, nit, name, now, std::move(email)});
}

long long demo_branch(db::Connection& c, long long provider_id, const char* code, const char* name,
                      const char* dept, const char* city, const char* contact_document, const char* first,
                      const char* surname, const char* email) {
  const long long id = provider_store::insert_branch(
      c, BranchRecord{0, provider_id, code, name, dept, city, std::string{"Calle 1 # 2-3"}});
  ContactRecord contact;
  contact.branch_id = id;
  contact.document_number = contact_document;
  contact.first_name = first;
  contact.first_surname = surname;
  contact.position = "Coordinador(a) administrativo(a)";
  contact.email = email;
  contact.phone = "6053000000";
  contact.mobile = "3009876543";
  contact.address = "Calle 1 # 2-3";
  provider_store::insert_contact(c, contact);
  return id;
}

// AUTH-11/AUTH-12 demo rows, so the EPS admin's lists and aggregates are not empty: two contact cases (one
// answered) and a survey answer from each demo provider user on a few past days of the last three months.
void seed_contact_and_surveys(db::Connection& c, const core::Clock& clock, long long provider_id,
                              const std::vector<long long>& users, long long answered_by) {
  const ContactSettings mailboxes;
  const auto at = [&](int days_ago) { return clock.now() - std::chrono::days{days_ago}; };
  contact_case_store::ContactCaseRecord question;
  question.category = "user_attention";
  question.subject = "Solicitud de autorización sin respuesta";
  question.comment = "La solicitud 2026-0001 sigue pendiente después de tres días. ¿Pueden revisarla?";
  question.user_id = users.front();
  question.provider_id = provider_id;
  question.mailbox = mailboxes.user_attention_mailbox;
  question.created_at = core::to_rfc3339(at(2));
  contact_case_store::insert(c, question);
  contact_case_store::ContactCaseRecord support = question;
  support.category = "technical_support";
  support.subject = "No carga el Anexo 3";
  support.comment = "Al descargar el PDF de una solicitud el navegador muestra un error.";
  support.user_id = users.back();
  support.mailbox = mailboxes.technical_support_mailbox;
  support.created_at = core::to_rfc3339(at(20));
  contact_case_store::mark_answered(c, contact_case_store::insert(c, support), answered_by,
                                    core::to_rfc3339(at(19)));

  struct Answer {
    int days_ago;
    SurveyAnswer answer;
  };
  for (const auto& [days_ago, answer] :
       {Answer{3, {5, 4, 10, true}}, Answer{12, {4, 4, 8, true}}, Answer{35, {2, 3, 5, false}},
        Answer{48, {4, 5, 9, true}}, Answer{70, {3, 2, 6, false}}}) {
    for (std::size_t i = 0; i < users.size(); ++i) {
      survey_store::SurveyRecord r;
      r.user_id = users[i];
      r.provider_id = provider_id;
      r.answered_day = core::bogota_date_string(at(days_ago + static_cast<int>(i)));
      r.answer = answer;
      r.created_at = core::to_rfc3339(at(days_ago + static_cast<int>(i)));
      survey_store::insert(c, r);
    }
  }
}

// Ids are generated (explicit ones would leave PostgreSQL's identity sequences behind), so rows refer to
// each other through what the inserts return.
bool seed(db::Database& database, const core::Clock& clock, bool with_activity) {
  return database.write([&](db::Connection& c) {
    if (provider_store::find_by_nit(c, "900000001")) return false;
    const std::string now = core::to_rfc3339(clock.now());

    const long long ips =
        demo_provider(c, "900000001", "IPS Demo Salud S.A.S.", now, std::string{"urgencias@ipsdemo.example"});
    const long long baq = demo_branch(c, ips, "080010000101", "Sede Barranquilla", "08", "08001",
                                      "1001001001", "María", "Gómez", "maria.gomez@ipsdemo.example");
    demo_branch(c, ips, "130010000102", "Sede Cartagena", "13", "13001", "1001001002", "Carlos", "Pérez",
                "carlos.perez@ipsdemo.example");
    const long long clinic = demo_provider(c, "900000002", "Clínica Ejemplo del Caribe", now);
    const long long clinic_branch =
        demo_branch(c, clinic, "080010000201", "Sede Principal", "08", "08001", "1002002001", "Laura",
                    "Martínez", "laura.martinez@clinicaejemplo.example");
    // A provider without users, so self-registration (AUTH-2) can be tried in the demo.
    const long long fresh = demo_provider(c, "900000003", "Centro Médico Demo Registro", now);
    demo_branch(c, fresh, "470010000301", "Sede Santa Marta", "47", "47001", "1003003001", "Andrés",
                "Rodríguez", "andres.rodriguez@cmdemo.example");

    std::vector<long long> ips_users;
    for (const auto& p :
         {DemoPerson{"admin", "provider_admin", "", "1001001001", "María", "Gómez", "Coordinadora",
                     "admin@ipsdemo.example"},
          DemoPerson{"delegate", "provider_user", "urgencies authorizations", "1001001003", "Pedro",
                     "Ramírez", "Auxiliar de admisiones", "delegate@ipsdemo.example"}}) {
      auto u = demo_user(p, "provider", now);
      u.provider_id = ips;
      u.branch_id = baq;
      u.department_code = "08";
      u.municipality_code = "08001";
      ips_users.push_back(user_store::insert(c, u));
    }
    auto admin2 = demo_user({"admin2", "provider_admin", "", "1002002001", "Laura", "Martínez",
                             "Coordinadora", "admin2@clinicaejemplo.example"},
                            "provider", now);
    admin2.provider_id = clinic;
    admin2.branch_id = clinic_branch;
    user_store::insert(c, admin2);
    long long employee = 0;
    for (const auto& p : {DemoPerson{"agent", "agent", "", "2000000001", "Ana", "Torres",
                                     "Agente de contact center", "agent@eps.example"},
                          DemoPerson{"auditor", "auditor", "", "2000000002", "Jorge", "Castro",
                                     "Médico auditor", "auditor@eps.example"},
                          DemoPerson{"finance", "finance", "", "2000000003", "Diana", "López",
                                     "Analista financiera", "finance@eps.example"},
                          DemoPerson{"sysadmin", "admin", "", "2000000004", "Luis", "Herrera",
                                     "Administrador del portal", "sysadmin@eps.example"}}) {
      employee = user_store::insert(c, demo_user(p, "employee", now));
    }
    if (with_activity) seed_contact_and_surveys(c, clock, ips, ips_users, employee);  // sysadmin answered
    client_store::insert(c, client_store::ClientRecord{"demo-his",
                                                       "HIS de IPS Demo Salud",
                                                       security::hash_password("demo-his-secret-2026"),
                                                       ips,
                                                       std::string{"900000001"},
                                                       {"urgencies", "authorizations"},
                                                       true,
                                                       now});
    // Issue 18: the EPS's ERP, bound to no provider, loads payments (POST /api/v1/payments/imports).
    client_store::insert(c, client_store::ClientRecord{"demo-erp",
                                                       "ERP de la EPS (pagos)",
                                                       security::hash_password("demo-erp-secret-2026"),
                                                       std::nullopt,
                                                       std::nullopt,
                                                       {"payments"},
                                                       true,
                                                       now});
    // Issue 17 (INC-3): portal-inconsistencies writes the affiliates registry on its own authority (a service
    // token, not the auditor's): an EPS-bound client with the scope affiliates:write.
    client_store::insert(
        c, client_store::ClientRecord{"portal-inconsistencies",
                                      "Servicio de informes de inconsistencias",
                                      security::hash_password("demo-inconsistencies-secret-2026"),
                                      std::nullopt,
                                      std::nullopt,
                                      {"affiliates:write"},
                                      true,
                                      now});
    return true;
  });
}

}  // namespace

bool seed_demo_data(db::Database& database, const core::Clock& clock, bool with_activity) {
  try {
    return seed(database, clock, with_activity);
  } catch (const db::UniqueViolation&) {
    return false;  // another replica starting at the same time seeded it first (PostgreSQL)
  }
}

}  // namespace portal::auth
