#pragma once
// FIN-6 (issue 19): the per-row rules of a glosa response upload (manual 003 §8.4, SPEC FIN-6, REG-2), pure.
// Each row of the provider's workbook answers one stored glosa line; its outcome is the text written to the
// added column «Resultado del Cargue». The row rules, in order:
//   - the line must exist for the provider and not be answered already;
//   - the response code must be a provider response of the glosa's generation: RE9501..RE9901 (6-character
//     forms of RE95-RE99) under Res. 2284, 996-999 under Res. 3047; when the row leaves it empty it is
//     derived from the values (all accepted → RE9702/997, nothing → RE9901/999, part → RE9801/998);
//   - accepted + sustained may not exceed Valor_glosa_aplicada;
//   - the values must agree with the code: RE97/997 the full value accepted, RE99/999, RE96/996 and RE95
//     nothing accepted, RE98/998 part of it;
//   - past the deadline the answer is loaded but flagged.
// Then, per invoice: every stored detail of an invoice must be answered in the same file, and the rows of an
// invoice fail together.
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "glosa.hpp"

namespace portal::finance {

// The stored line a row answers, as the rules need it.
struct AnsweredLine {
  long long glosa_value = 0;
  GlosaGeneration generation = GlosaGeneration::res2284;
  std::chrono::year_month_day deadline;
  bool already_answered = false;
};

struct ResponseRow {
  std::string invoice_key;    // prefix|suffix: the rows of one invoice
  std::string response_code;  // "" when the provider left it empty
  long long accepted = 0;
  long long sustained = 0;
};

enum class RowStatus { loaded, loaded_late, refused };

struct RowOutcome {
  RowStatus status = RowStatus::loaded;
  std::string code;           // stable reason for metrics: ok, late, unknown_line, already_answered, ...
  std::string message;        // «Resultado del Cargue» (the manual's Spanish texts)
  std::string response_code;  // the code stored (derived when the row had none)
};

inline constexpr const char* kLoadedText = "Respuesta registrada";
inline constexpr const char* kIncompleteInvoiceText =
    "Respuesta no registrada – El registro no cuenta con respuesta para completar factura";
inline constexpr const char* kAlreadyAnsweredText =
    "Respuesta no registrada – El registro ya cuenta con una respuesta registrada previamente";
inline constexpr const char* kLateText =
    "Respuesta registrada – La fecha límite para dar respuesta a esta glosa fue superada, de todas maneras, "
    "la "
    "respuesta fue cargada al sistema de la EPS";
inline constexpr const char* kOverValueText =
    "Respuesta no registrada – La sumatoria del valor aceptado y el valor sustentado, supera el valor de la "
    "glosa";

// One row against its stored line (nullptr: no such glosa line of the provider), answered on `today`.
RowOutcome check_response_row(const ResponseRow& row, const AnsweredLine* line,
                              std::chrono::year_month_day today);

// The invoice rule over a whole file: `outcomes[i]` belongs to `rows[i]`; `unanswered_details(invoice_key)`
// is the number of the invoice's stored, not yet answered details that no row of the file answers. Every row
// of an invoice with such a detail, or with a refused row, is refused (the refused row keeps its own text).
void apply_invoice_rule(const std::vector<ResponseRow>& rows, std::vector<RowOutcome>& outcomes,
                        const std::function<long long(const std::string&)>& unanswered_details);

// REG-3: the credit note the provider must issue for what it accepted (the loaded rows' accepted values).
long long credit_note_amount(const std::vector<ResponseRow>& rows, const std::vector<RowOutcome>& outcomes);

}  // namespace portal::finance
