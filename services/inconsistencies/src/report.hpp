#pragma once
// INC-1: an affiliate inconsistency report (manual 001 §4.1.3; Anexo 1 of Res. 3047 de 2008, procedure 1
// "reporte de actualización de datos de la persona" of Res. 2335 de 2023 from 1 April 2026).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "portal/core/clock.hpp"

namespace portal::inconsistencies {

// Set by the system from the affiliate lookup, never by the client (manual 001 §4.1.3.2 "Tipo
// Inconsistencia").
enum class ReportType { not_in_database, data_mismatch };

// The variables a report says are wrong ("Variable Presuntamente Incorrecta").
enum class Variable { document_and_birth_date, names, surnames };

// INC-3 / manual 001 §4.3.3.1.
enum class ReportStatus {
  pending,
  processed_pre_affiliated,  // not_in_database: the EPS enrolled the person (affiliate created)
  processed_not_affiliated,  // not_in_database: the person does not belong to the EPS
  processed_already_exists,  // not_in_database: the person is enrolled under another document
  processed_partial,         // data_mismatch: some of the variables corrected
  processed,                 // data_mismatch: every variable corrected
  annulled,                  // either: typing error, duplicate, wrong attachment, ...
};

std::string_view to_string(ReportType t);
std::string_view to_string(Variable v);
std::string_view to_string(ReportStatus s);
std::optional<ReportType> report_type_from_string(std::string_view s);
std::optional<Variable> variable_from_string(std::string_view s);
std::optional<ReportStatus> report_status_from_string(std::string_view s);
const std::vector<std::string_view>& variable_names();
const std::vector<std::string_view>& status_names();

// The manual's labels, with the insurer's name (PORTAL_PAYER_NAME) where the manual says MUTUAL.
std::string type_label(ReportType t, std::string_view insurer, bool english = false);
std::string status_label(ReportStatus s, std::string_view insurer, bool english = false);

// "DATOS SEGÚN DOCUMENTO DE IDENTIFICACIÓN (Físico)": what the person's current document says.
struct DocumentData {
  std::string first_surname;
  std::string second_surname;
  std::string first_name;
  std::string second_name;
  std::string document_type;
  std::string document_number;
  std::string birth_date;  // YYYY-MM-DD
};

// "DATOS DE CONTACTO DEL AFILIADO", plus Res. 2335 fields 19-22 (e-mail, alternative address for care,
// emergency contact).
struct Contact {
  std::string address;
  std::string phone;
  std::string mobile;
  std::string email;
  std::string department_code;
  std::string municipality_code;
  std::string alternative_address;      // field 20
  std::string emergency_contact_name;   // field 21
  std::string emergency_contact_phone;  // field 22
};

// "INFORMACIÓN DE LA PERSONA QUE REPORTA".
struct Reporter {
  std::string document_number;
  std::string name;
  std::string phone;
  std::string mobile;
  std::string position;
};

// What the provider sends.
struct ReportDraft {
  std::string affiliate_document_type;
  std::string affiliate_document_number;
  std::vector<Variable> variables;
  DocumentData document;
  Contact contact;
  Reporter reporter;
  std::string observation;
  // Members of `contact` the client sent (not-editable ones are refused when they differ).
  std::vector<std::string> contact_sent;
};

// The registry's view of the affiliate at filing time (from GET /api/v1/affiliates).
struct RegistryAffiliate {
  long long id = 0;
  std::string document_type;
  std::string document_number;
  std::string first_name;
  std::string second_name;
  std::string first_surname;
  std::string second_surname;
  std::string birth_date;
  std::string address;
  std::string phone;
  std::string mobile;
  std::string email;
  std::string municipality_code;
  std::string regional;  // from the municipality (catalog regionals)
};

struct Attachment {
  std::string kind;  // gif | jpeg | png | pdf | zip (FileKind)
  long long size = 0;
  std::string sha256;       // lower-case hex
  std::string stored_name;  // made by the server: <sha256-prefix>-<random>.<ext>
};

// One processing step of the EPS (INC-3): who, when, the move and what was done in the registry.
struct ProcessingStep {
  long long id = 0;
  ReportStatus from = ReportStatus::pending;
  ReportStatus to = ReportStatus::pending;
  std::vector<Variable> corrected;  // data_mismatch: the variables this step corrected
  std::string registry_action;      // none | affiliate_created | affiliate_corrected
  std::optional<long long> affiliate_id;
  std::string note;
  std::string processed_by;
  std::string processed_at;  // RFC 3339 UTC
};

struct Report {
  long long id = 0;
  std::string number;  // "INC-<year>-<consecutive>", assigned by the system
  ReportType type = ReportType::not_in_database;
  ReportStatus status = ReportStatus::pending;
  core::Instant filed_at{};
  std::string filed_date;  // Bogotá YYYY-MM-DD (INC-4 date range)
  std::string provider_nit;
  std::string provider_name;
  std::string habilitation_code;
  std::string provider_municipality_code;
  std::string provider_municipality_name;
  std::string regional;  // the affiliate's regional (INC-4), "" when none
  ReportDraft draft;
  std::optional<RegistryAffiliate> registry;  // data_mismatch only
  Attachment attachment;
  std::vector<ProcessingStep> steps;
  std::string filed_by;
  long long version = 1;
};

}  // namespace portal::inconsistencies
