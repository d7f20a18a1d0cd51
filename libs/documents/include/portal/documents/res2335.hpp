#pragma once
// SPEC §13 REG-1: Resolución 2335 de 2023, Anexo Técnico No. 1 — one 48-field data matrix shared by six
// procedures. This header holds the matrix once (number, label, which procedures carry the field) and
// one renderer for every procedure: a service builds a MatrixRecord (field number → value) and gets the
// PDF (render_report) or the numbered JSON (matrix_json). Procedure 2 (urgencies) is the first user;
// procedures 1, 3, 4, 5 and 6 are one more MatrixRecord each, not a new layout.
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "portal/core/clock.hpp"
#include "portal/documents/document.hpp"

namespace portal::catalog {
class Catalogs;
}

namespace portal::documents::res2335 {

enum class Procedure {
  data_update = 1,     // reporte de actualización de datos (was the 3047 Anexo 1 inconsistency report)
  emergency_care = 2,  // informe de la atención de urgencias (was Anexo 2)
  authorization_request = 3,  // solicitud de autorización (was Anexo 3)
  authorization = 4,          // autorización (was Anexo 4)
  referral = 5,               // referencia
  counter_referral = 6,       // contrarreferencia
};

// The matrix's sections, in the order the report prints them.
enum class Section { procedure, reporter, person, care, diagnoses, technologies, shared_payment };

struct MatrixField {
  int number = 0;          // 1..48, as numbered in the annex
  std::string_view label;  // Spanish label printed on the report
  Section section = Section::procedure;
  unsigned procedures = 0;  // bit (1 << n) set: procedure n carries the field
  double width = 1.0 / 3;   // share of a report row
  bool per_line = false;    // 38-44: one value per health technology line (procedures 3-6)
};

inline constexpr int kFieldCount = 48;

// The 48 fields in number order.
std::span<const MatrixField> matrix();
// nullptr outside 1..48.
const MatrixField* field(int number);
bool applies(int number, Procedure p);
// The field numbers procedure p carries, ascending.
std::vector<int> fields_of(Procedure p);
// "Informe de la atención de urgencias", ... (Spanish, as the report's title names it).
std::string_view procedure_title(Procedure p);
std::string_view section_title(Section s);

// One value of the matrix: `value` is what the matrix carries (a code, a date, a number); `display` is
// what the report prints ("38 - Enfermedad general"); empty display prints the value.
struct MatrixValue {
  std::string value;
  std::string display;
};

struct MatrixRecord {
  Procedure procedure = Procedure::emergency_care;
  std::map<int, MatrixValue> values;              // fields not per_line; absent = no value
  std::vector<std::map<int, MatrixValue>> lines;  // per_line fields (38-44), one map per technology
};

// What the services put in a MatrixValue, once for all procedures: a coded field's display
// "38 - Enfermedad general" (the code alone when catalog `name` does not hold it; "" for ""), and the
// matrix's date-time "YYYY-MM-DD HH:MM" in Bogotá time (fields 3, 29, ...).
std::string coded(const catalog::Catalogs& catalogs, std::string_view name, const std::string& code);
std::string matrix_date_time(core::Instant t);

// Field `number` of `record`, shown as `display` (the value itself when display is empty). An empty value
// leaves the field absent: the report prints it blank and the export writes null.
void set(MatrixRecord& record, int number, std::string value, std::string display = {});
// Field 1: the procedure's number, shown with its title ("2 - Informe de la atención de urgencias").
void set_procedure(MatrixRecord& record);
// Field 18's display: "11001 - Bogotá, D.C. (Bogotá, D.C.)" from DIVIPOLA; the code alone when the catalog
// does not hold it.
std::string coded_municipality(const catalog::Catalogs& catalogs, const std::string& code);
// Fields 28-31: the principal diagnosis and the first three related ones, each shown as the CIE-10 entry
// ("A099 - ...", the catalog's spelling of the code) or the code as stored when CIE-10 does not hold it.
void set_diagnoses(MatrixRecord& record, const catalog::Catalogs& catalogs, const std::string& principal,
                   const std::vector<std::string>& related);

// The numbered export (issue 11 item 5): {"resolution":"2335/2023","annex":"Anexo Técnico No. 1",
// "procedure":2,"fields":{"1":"2","2":"...",...},"lines":[{"38":...}]} — every field procedure p carries,
// by number, null when it has no value; fields the procedure does not carry are omitted, and "lines" is
// present only for procedures with per-line fields. Values set for fields the procedure does not carry
// are ignored.
std::string matrix_json(const MatrixRecord& record);

// The report PDF: the options' title block and footer, then each section with the procedure's fields
// as boxed "N. label" cells (values or blank), per-line fields as a table. `extra` rows are printed
// under the reporter section (e.g. the reporting entity's name and e-mail, which the matrix does not
// number). Throws DocumentError only on an internal PDF failure.
std::string render_report(const MatrixRecord& record, DocumentOptions options,
                          const std::vector<std::vector<Field>>& reporter_extra = {});

}  // namespace portal::documents::res2335
