// INC-1 validation (type from the lookup, editable and required fields per type, every error at once) and
// the INC-3 state table per type.
#include "report_rules.hpp"

#include <algorithm>
#include <catch2/catch.hpp>

namespace portal::inconsistencies {
namespace {

using namespace std::chrono;
constexpr year_month_day kToday{year{2026}, month{5}, day{4}};

const catalog::Catalogs& catalogs() {
  static const auto c = catalog::Catalogs::embedded();
  return *c;
}

ReportDraft full_draft() {
  ReportDraft d;
  d.affiliate_document_type = "CC";
  d.affiliate_document_number = "1234567";
  d.document = {"Peñalosa", "Ruíz", "José", "Ángel", "CC", "1234567", "1990-02-03"};
  d.contact.municipality_code = "08001";
  d.contact.address = "Calle 1 # 2-3";
  d.contact.phone = "6051234";
  d.reporter = {"1001001001", "María Gómez", "3001234567", "", "Coordinadora"};
  return d;
}

RegistryAffiliate registry() {
  RegistryAffiliate r;
  r.id = 7;
  r.document_type = "CC";
  r.document_number = "1234567";
  r.first_name = "Jose";
  r.first_surname = "Penalosa";
  r.birth_date = "1990-02-03";
  r.address = "Cra 5 # 6-7";
  r.email = "jose@example.com";
  r.municipality_code = "13001";
  return r;
}

std::vector<std::string> fields(const core::FieldErrors& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.field + ":" + e.code);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("INC-1 the type is set by the lookup", "[unit]") {
  CHECK(type_for_lookup(false) == ReportType::not_in_database);
  CHECK(type_for_lookup(true) == ReportType::data_mismatch);
}

TEST_CASE("INC-1 not_in_database selects every variable and keeps the contact sent", "[unit]") {
  auto sent = full_draft();
  sent.variables = {Variable::names};
  const auto d = effective_draft(sent, ReportType::not_in_database, nullptr);
  CHECK(d.variables.size() == 3);
  CHECK(d.contact.address == "Calle 1 # 2-3");
  CHECK(d.contact.department_code == "08");
  CHECK(validate_report(sent, ReportType::not_in_database, nullptr, catalogs(), kToday).empty());
}

TEST_CASE("INC-1 data_mismatch takes address, e-mail and place from the registry", "[unit]") {
  auto sent = full_draft();
  sent.variables = {Variable::surnames};
  sent.contact_sent = {"phone"};
  const auto r = registry();
  const auto d = effective_draft(sent, ReportType::data_mismatch, &r);
  CHECK(d.contact.address == "Cra 5 # 6-7");
  CHECK(d.contact.email == "jose@example.com");
  CHECK(d.contact.municipality_code == "13001");
  CHECK(d.contact.department_code == "13");
  CHECK(d.contact.phone == "6051234");  // always editable
  CHECK(d.document.first_surname == "Peñalosa");
  CHECK(d.document.first_name.empty());  // names not chosen: not the report's
  CHECK(d.document.document_number.empty());
  CHECK(validate_report(sent, ReportType::data_mismatch, &r, catalogs(), kToday).empty());
}

TEST_CASE("INC-1 every error at once, per type", "[unit]") {
  const auto r = registry();
  struct Row {
    const char* what;
    ReportType type;
    std::function<void(ReportDraft&)> change;
    std::vector<std::string> expected;
  };
  const std::vector<Row> rows{
      {"mismatch without variables", ReportType::data_mismatch, [](ReportDraft&) {}, {"variables:required"}},
      {"mismatch repeats a variable",
       ReportType::data_mismatch,
       [](ReportDraft& d) {
         d.variables = {Variable::names, Variable::names};
       },
       {"variables:duplicate_variable"}},
      {"per chosen variable: names and document",
       ReportType::data_mismatch,
       [](ReportDraft& d) {
         d.variables = {Variable::names, Variable::document_and_birth_date};
         d.document = {};
       },
       {"document_data.birth_date:required", "document_data.document_number:required",
        "document_data.document_type:required", "document_data.first_name:required"}},
      {"surnames only needs the first surname",
       ReportType::data_mismatch,
       [](ReportDraft& d) {
         d.variables = {Variable::surnames};
         d.document = {};
       },
       {"document_data.first_surname:required"}},
      {"registry fields are not editable",
       ReportType::data_mismatch,
       [](ReportDraft& d) {
         d.variables = {Variable::names};
         d.contact_sent = {"address", "email", "municipality_code", "phone", "mobile"};
         d.contact.email = "JOSE@example.com";  // same, other case: fine
         d.contact.mobile = "3001112233";
       },
       {"contact.address:not_editable", "contact.municipality_code:not_editable"}},
      {"not in database: everything, every error",
       ReportType::not_in_database,
       [](ReportDraft& d) {
         d.document = {"", "", "", "", "XX", "12-34", "2030-01-01"};
         d.contact = {};
         d.contact.email = "not-an-email";
         d.contact.phone = "12";
         d.contact.emergency_contact_phone = "3001234567";
         d.reporter = {};
       },
       {"contact.email:invalid_email", "contact.emergency_contact_name:required",
        "contact.municipality_code:required", "contact.phone:invalid_phone",
        "document_data.birth_date:in_future", "document_data.document_number:invalid_format",
        "document_data.document_type:unknown_document_type", "document_data.first_name:required",
        "document_data.first_surname:required", "reporter.document_number:required", "reporter.name:required",
        "reporter.phone:required", "reporter.position:required"}},
      {"not in database: place must exist and agree",
       ReportType::not_in_database,
       [](ReportDraft& d) {
         d.contact.municipality_code = "08001";
         d.contact.department_code = "13";
       },
       {"contact.department_code:department_mismatch"}},
      {"unknown municipality",
       ReportType::not_in_database,
       [](ReportDraft& d) { d.contact.municipality_code = "99999"; },
       {"contact.municipality_code:unknown_municipality"}},
      {"birth date before 1900",
       ReportType::not_in_database,
       [](ReportDraft& d) { d.document.birth_date = "1899-12-31"; },
       {"document_data.birth_date:out_of_range"}},
      {"reporter phone letters",
       ReportType::not_in_database,
       [](ReportDraft& d) { d.reporter.phone = "abc"; },
       {"reporter.phone:invalid_phone"}},
  };
  for (const auto& row : rows) {
    CAPTURE(row.what);
    auto d = full_draft();
    row.change(d);
    CHECK(fields(validate_report(d, row.type, row.type == ReportType::data_mismatch ? &r : nullptr,
                                 catalogs(), kToday)) == row.expected);
  }
}

TEST_CASE("INC-3 state table per type", "[unit]") {
  using S = ReportStatus;
  const std::vector<S> all{S::pending,
                           S::processed_pre_affiliated,
                           S::processed_not_affiliated,
                           S::processed_already_exists,
                           S::processed_partial,
                           S::processed,
                           S::annulled};
  struct Row {
    ReportType type;
    S from;
    std::vector<S> to;
  };
  const std::vector<Row> rows{
      {ReportType::not_in_database,
       S::pending,
       {S::processed_pre_affiliated, S::processed_not_affiliated, S::processed_already_exists, S::annulled}},
      {ReportType::not_in_database, S::processed_pre_affiliated, {}},
      {ReportType::not_in_database, S::processed_not_affiliated, {}},
      {ReportType::not_in_database, S::processed_already_exists, {}},
      {ReportType::not_in_database, S::annulled, {}},
      {ReportType::data_mismatch, S::pending, {S::processed_partial, S::processed, S::annulled}},
      {ReportType::data_mismatch, S::processed_partial, {S::processed_partial, S::processed, S::annulled}},
      {ReportType::data_mismatch, S::processed, {}},
      {ReportType::data_mismatch, S::annulled, {}},
  };
  for (const auto& row : rows) {
    for (auto to : all) {
      CAPTURE(to_string(row.type), to_string(row.from), to_string(to));
      const bool expected = std::find(row.to.begin(), row.to.end(), to) != row.to.end();
      CHECK(move_allowed(row.type, row.from, to) == expected);
    }
  }
}

TEST_CASE("INC-3 processing requests and what they do to the registry", "[unit]") {
  Report report;
  report.type = ReportType::data_mismatch;
  report.draft.variables = {Variable::document_and_birth_date, Variable::names, Variable::surnames};
  ProcessingRequest partial{ReportStatus::processed_partial, {Variable::names}, "", "", ""};
  CHECK(validate_processing(report, partial).empty());
  auto plan = plan_processing(report, partial);
  CHECK(plan.action == RegistryAction::correct_affiliate);
  CHECK(plan.corrected == std::vector<Variable>{Variable::names});
  CHECK_FALSE(plan.registry_consistent);

  report.steps.push_back(
      {1, ReportStatus::pending, ReportStatus::processed_partial, {Variable::names}, "", {}, "", "", ""});
  CHECK(fields(validate_processing(report, partial)) ==
        std::vector<std::string>{"corrected_variables:not_pending"});
  ProcessingRequest rest{
      ReportStatus::processed_partial, {Variable::document_and_birth_date, Variable::surnames}, "", "", ""};
  CHECK(fields(validate_processing(report, rest)) ==
        std::vector<std::string>{"corrected_variables:all_variables"});
  ProcessingRequest done{ReportStatus::processed, {}, "", "", ""};
  plan = plan_processing(report, done);
  CHECK(plan.corrected == std::vector<Variable>{Variable::document_and_birth_date, Variable::surnames});
  CHECK(plan.registry_consistent);

  Report missing;
  ProcessingRequest create{ReportStatus::processed_pre_affiliated, {}, "", "X", ""};
  CHECK(fields(validate_processing(missing, create)) ==
        std::vector<std::string>{"affiliate.regime:required", "affiliate.sex:invalid_value"});
  CHECK(
      plan_processing(missing, {ReportStatus::processed_pre_affiliated, {}, "", "F", "subsidized"}).action ==
      RegistryAction::create_affiliate);
  CHECK(fields(validate_processing(missing, {ReportStatus::annulled, {}, "", "", ""})) ==
        std::vector<std::string>{"note:required"});
  CHECK(plan_processing(missing, {ReportStatus::processed_not_affiliated, {}, "", "", ""}).action ==
        RegistryAction::none);
}

TEST_CASE("INC-3 type labels follow the manual with the insurer's name", "[unit]") {
  CHECK(type_label(ReportType::not_in_database, "MUTUAL SER") ==
        "Usuario no existe en Base de Datos de MUTUAL SER");
  CHECK(type_label(ReportType::data_mismatch, "X") ==
        "Datos del Usuario NO Corresponden con el Documento Vigente");
  CHECK(status_label(ReportStatus::processed_not_affiliated, "EPS Demo") ==
        "Procesado - no pertenece a EPS Demo");
}

}  // namespace portal::inconsistencies
