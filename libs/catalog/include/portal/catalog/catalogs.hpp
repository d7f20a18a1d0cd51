#pragma once
// The reference data of the portal (SPEC OPS-6), loaded once per process and immutable afterwards.
// Every service that validates holds one `std::shared_ptr<const Catalogs>` built at start-up:
//
//   auto catalogs = portal::catalog::Catalogs::from_environment();   // embedded data, or
//                                                                    // PORTAL_CATALOG_DIR overrides
//   if (auto problem = catalogs->check_diagnosis("O800", Sex::male, age)) ...
//
// The data files are compiled into the library (no files needed beside a binary). A directory
// written by `portalctl catalog import` overrides them file by file.
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "portal/catalog/catalog.hpp"
#include "portal/catalog/diagnosis.hpp"
#include "portal/core/errors.hpp"

namespace portal::catalog {

// Names served at GET /api/v1/catalogs/{name} (issue 3) plus departments, service_groups,
// service_types and priorities.
inline constexpr std::string_view kCie10 = "cie10";
inline constexpr std::string_view kCups = "cups";
inline constexpr std::string_view kDivipola = "divipola";
inline constexpr std::string_view kDepartments = "departments";
inline constexpr std::string_view kDocumentTypes = "document_types";
inline constexpr std::string_view kTriage = "triage";
inline constexpr std::string_view kAttentionOrigins = "attention_origins";
inline constexpr std::string_view kDestinations = "destinations";
inline constexpr std::string_view kPatientLocations = "patient_locations";
inline constexpr std::string_view kServices = "services";
inline constexpr std::string_view kReferralTypes = "referral_types";
inline constexpr std::string_view kAmbulanceTypes = "ambulance_types";
inline constexpr std::string_view kTransferTypes = "transfer_types";
// REF-2 (issue 16).
inline constexpr std::string_view kReferralSteps = "referral_steps";
inline constexpr std::string_view kClosureReasons = "closure_reasons";
inline constexpr std::string_view kArrivalConditions = "arrival_conditions";
inline constexpr std::string_view kRegionals = "regionals";
inline constexpr std::string_view kCallActions = "call_actions";
inline constexpr std::string_view kServiceGroups = "service_groups";
inline constexpr std::string_view kServiceTypes = "service_types";
inline constexpr std::string_view kPriorities = "priorities";
// Res. 2335 de 2023 Anexo Técnico No. 1 (issue 11; sources in docs/catalogs.md and docs/regulation.md).
inline constexpr std::string_view kAdmissionRoutes = "admission_routes";              // field 26
inline constexpr std::string_view kCareCauses = "care_causes";                        // field 23
inline constexpr std::string_view kConditionDestinations = "condition_destinations";  // field 32
inline constexpr std::string_view kCarePriorities = "care_priorities";                // field 33
inline constexpr std::string_view kCareTypes = "care_types";                          // field 34
inline constexpr std::string_view kRepsServiceGroups = "reps_service_groups";         // field 35
inline constexpr std::string_view kTechnologyModalities = "technology_modalities";    // field 36
inline constexpr std::string_view kTechnologyPurposes = "technology_purposes";        // field 40
inline constexpr std::string_view kSharedPaymentTypes = "shared_payment_types";       // field 45
inline constexpr std::string_view kPersonLevels = "person_levels";                    // field 46
// Glosa concepts and responses, Res. 2284 de 2023 and legacy Res. 3047 Anexo 6 (SPEC §13 REG-2; issue 19).
inline constexpr std::string_view kGlosaConcepts = "glosa_concepts";
// Not a served catalog: the CIE-10 sex/age limits table (cie10_limits.csv), importable like the others.
inline constexpr std::string_view kCie10Limits = "cie10_limits";

// A DIVIPOLA municipality with what the rules need (AUT-4 subsidy cities, INC-4 regionals).
struct Municipality {
  std::string code;  // 5 digits, leading zero kept: "08001"
  std::string name;
  std::string department_code;  // 2 digits
  std::string department_name;
  std::string regional;       // "" when the EPS has no regional there (SPEC §8)
  bool subsidy_city = false;  // Cartagena 13001 and Barranquilla 08001 (AUT-4)
};

// A CUPS entry keyed by code + classification (AUT-1).
struct Procedure {
  std::string code;
  std::string classification;  // "general" (the code without a dash) | "ambulatory" | "emergency" |
                               // "hospital" | "home"
  std::string description;
  std::string group;  // one of service_groups (manual 003 §7.1)
  bool pos = false;
  bool surgical = false;
  bool hospital = false;
  bool copay = false;  // may carry a copay (Acuerdo 260 de 2004 art. 7); AUT-2 pends those
};

class Catalogs {
 public:
  // Embedded data only. Throws std::runtime_error if the data does not validate (a build defect).
  static std::shared_ptr<const Catalogs> embedded();
  // Each file present in `dir` (named <catalog>.csv, as `portalctl catalog import --out` writes them)
  // replaces the embedded one. Throws std::runtime_error naming the file and line of the first
  // invalid row, or a broken cross reference, so a service refuses to start on bad data.
  static std::shared_ptr<const Catalogs> load(const std::optional<std::filesystem::path>& dir);
  // load(PORTAL_CATALOG_DIR) when that variable is set and non-empty, else embedded().
  static std::shared_ptr<const Catalogs> from_environment();

  // Every served catalog name, sorted.
  std::vector<std::string> names() const;
  const Catalog* get(std::string_view name) const;  // nullptr for an unknown name
  // Shortcuts; the code is normalised for the catalog first (normalize_code).
  const Item* find(std::string_view name, std::string_view code) const;
  std::optional<Page> search(std::string_view name, std::string_view query, int page = 1,
                             int per_page = kDefaultPerPage) const;  // nullopt: unknown catalog

  // ---- typed rules ---------------------------------------------------------------------------
  // URG-2/AUT-1: unknown_code, sex_mismatch or age_out_of_range. Newborn ("hijo de") records only
  // need the code to exist (manual 000): callers use find(kCie10, code) for those.
  std::optional<DiagnosisProblem> check_diagnosis(std::string_view code, Sex sex, Age age) const;
  // Existence only (unknown_code), for newborn ("hijo de") records.
  std::optional<DiagnosisProblem> check_diagnosis_exists(std::string_view code) const;
  std::span<const SexAgeRule> cie10_limits() const { return limits_; }

  std::optional<Municipality> municipality(std::string_view code) const;
  bool is_subsidy_city(std::string_view municipality_code) const;

  std::vector<Procedure> procedures(std::string_view cups_code) const;  // every classification
  std::optional<Procedure> procedure(std::string_view cups_code, std::string_view classification) const;

  // AUT-1: the services allowed for a patient location, and the check. Field names in the errors:
  // "patient_location", "service". Codes: unknown_location, unknown_service, service_not_in_location.
  std::vector<const Item*> services_for(std::string_view location) const;
  std::optional<core::FieldError> check_service(std::string_view location, std::string_view service) const;
  bool location_requires_bed(std::string_view location) const;

  // AFF-5 Tabla 4.1 (call_actions → procedures) and AFF-1 document type age hints are data here; the
  // rules over them live once, in services/affiliates (call_rules, affiliate_rules), tested there
  // against this embedded data.

  // Builds the registry from already-validated catalogs (used by the loader and by tests).
  Catalogs(std::map<std::string, Catalog, std::less<>> catalogs, std::vector<SexAgeRule> limits);

 private:
  std::map<std::string, Catalog, std::less<>> catalogs_;
  std::vector<SexAgeRule> limits_;
};

// The canonical form of a code in a catalog: CIE-10 upper-case without dots (3-character categories
// padded with X), DIVIPOLA left-padded to 5 digits, departments to 2, others trimmed.
std::string normalize_code(std::string_view catalog, std::string_view code);

}  // namespace portal::catalog
