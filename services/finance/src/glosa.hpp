#pragma once
// FIN-5 (issue 19): glosas, loaded by the EPS's ERP as conciliations of invoice detail lines, queried by the
// provider as summaries and downloaded with the 50 columns of manual 003 §8.3. Pure: the load reading, the
// concept code's generation rule and the download's rows.
//
// Load body: {"conciliations":[{"number", "provider_nit", "provider_name", "branch", "notified_on",
//             "lines":[{invoice_prefix, invoice_suffix, debit_note, detail_id, glosa_value, concept_code,
//             ... the other columns by their field names (kGlosaColumns), rips_consecutivo, cuv}]}]}
#include <rapidjson/document.h>

#include <array>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "payment_sheet.hpp"
#include "portal/catalog/catalogs.hpp"
#include "portal/core/errors.hpp"

namespace portal::finance {

inline constexpr int kGlosaColumnCount = 50;
inline constexpr int kGlosaResponseBusinessDays = 15;  // Ley 1438 de 2011 art. 57, Res. 2284 de 2023

// One column of the download: its header (manual 003 §8.3 spelling), the load's JSON field ("" when the
// column is filled otherwise: conciliation fields, derived values, the response columns of FIN-6) and type.
struct GlosaColumn {
  const char* header;
  const char* field;
  Cell::Kind kind;
};
extern const std::array<GlosaColumn, kGlosaColumnCount> kGlosaColumns;
std::vector<std::string> glosa_headers();
// 0-based positions of the columns FIN-6 reads (AL, AM, AN, AO).
inline constexpr int kAcceptedColumn = 37;
inline constexpr int kSustainedColumn = 38;
inline constexpr int kCreditNoteColumn = 39;
inline constexpr int kResponseNotesColumn = 40;

enum class GlosaGeneration { res3047, res2284 };
std::string_view generation_code(GlosaGeneration g);  // "3047" | "2284"
// Res. 2284 codes for glosas notified on or after `res2284_from`, Res. 3047 Anexo 6 codes before (SPEC
// REG-2).
GlosaGeneration generation_for(std::chrono::year_month_day notified_on,
                               std::chrono::year_month_day res2284_from);
// "" when `code` is a glosa concept a line may carry under `generation`, else the reason (Spanish, English):
// 2284 a 6-character applicable code of the catalog that is not a response; 3047 three digits whose first is
// a family of the catalog and not a response (996-999).
std::optional<core::Text> check_concept_code(const catalog::Catalogs& catalogs, std::string_view code,
                                             GlosaGeneration generation);
// The last day to answer: 15 business days after the notification (Colombian holidays by law).
std::chrono::year_month_day response_deadline(std::chrono::year_month_day notified_on);

struct GlosaLine {
  std::string invoice_prefix;
  std::string invoice_suffix;
  std::string debit_note;
  std::string detail_id;  // Consecutivo_Detalle
  std::string concept_code;
  long long glosa_value = 0;
  std::optional<std::string> rips_consecutivo;  // REG-3: the RIPS service line
  std::optional<std::string> cuv;               // REG-3: the invoice's validation code
  std::vector<std::string> cells;               // kGlosaColumnCount values as loaded ("" for none)
};

struct Conciliation {
  long long number = 0;
  std::string provider_nit;
  std::string provider_name;
  std::string branch;
  std::string notified_on;  // YYYY-MM-DD
  GlosaGeneration generation = GlosaGeneration::res2284;
  std::string response_deadline;  // YYYY-MM-DD
  std::vector<GlosaLine> lines;
};

struct GlosaLoadRead {
  std::vector<Conciliation> accepted;
  std::size_t received = 0;
  std::size_t rejected = 0;
  core::FieldErrors errors;  // conciliations[i].lines[j].field
};
inline constexpr std::size_t kMaxGlosaLinesPerLoad = 200000;

// Each conciliation is accepted whole or refused with every error of its lines.
GlosaLoadRead read_glosa_load(const rapidjson::Value& root, const catalog::Catalogs& catalogs,
                              std::chrono::year_month_day res2284_from, core::FieldErrors& body_errors);

// The download row of a stored line: conciliation columns, Valor_glosa_mas_iva, the concept's description.
Row glosa_row(const Conciliation& conciliation, const GlosaLine& line, const catalog::Catalogs& catalogs);

struct GlosaSummary {
  long long conciliation = 0;
  std::string notified_on;
  std::string generation;
  std::string response_deadline;
  long long invoices = 0;
  long long debit_notes = 0;
};

}  // namespace portal::finance
