#include "glosa_response_rules.hpp"

#include <map>
#include <set>

namespace portal::finance {

namespace {

RowOutcome refused(std::string code, std::string message) {
  return {RowStatus::refused, std::move(code), std::move(message), ""};
}

// What the response family requires of the accepted value: 'f' the full value, 'z' nothing, 'p' part.
char required_acceptance(std::string_view family) {
  if (family == "RE97" || family == "997") return 'f';
  if (family == "RE98" || family == "998") return 'p';
  return 'z';  // RE95, RE96, RE99, 996, 999
}

bool valid_code(std::string_view code, GlosaGeneration generation) {
  static const std::set<std::string, std::less<>> k2284 = {"RE9501", "RE9502", "RE9601", "RE9602",
                                                           "RE9701", "RE9702", "RE9801", "RE9901"};
  static const std::set<std::string, std::less<>> k3047 = {"996", "997", "998", "999"};
  return generation == GlosaGeneration::res2284 ? k2284.contains(code) : k3047.contains(code);
}

}  // namespace

RowOutcome check_response_row(const ResponseRow& row, const AnsweredLine* line,
                              std::chrono::year_month_day today) {
  if (!line)
    return refused("unknown_line",
                   "Respuesta no registrada – El registro no corresponde a una glosa del prestador");
  if (line->already_answered) return refused("already_answered", kAlreadyAnsweredText);
  if (row.accepted < 0 || row.sustained < 0)
    return refused("negative_value",
                   "Respuesta no registrada – Los valores aceptado y sustentado no pueden ser negativos");
  if (row.accepted + row.sustained > line->glosa_value) return refused("over_glosa_value", kOverValueText);
  const bool g2284 = line->generation == GlosaGeneration::res2284;
  std::string code = row.response_code;
  if (code.empty()) {
    if (row.accepted == line->glosa_value)
      code = g2284 ? "RE9702" : "997";
    else if (row.accepted == 0)
      code = g2284 ? "RE9901" : "999";
    else
      code = g2284 ? "RE9801" : "998";
  }
  if (!valid_code(code, line->generation))
    return refused("invalid_response_code",
                   "Respuesta no registrada – El código de respuesta «" + code +
                       "» no es válido para una glosa de la " +
                       (g2284 ? "Res. 2284 de 2023 (RE9501 a RE9901)" : "Res. 3047 de 2008 (996 a 999)"));
  const std::string_view family = g2284 ? std::string_view(code).substr(0, 4) : std::string_view(code);
  switch (required_acceptance(family)) {
    case 'f':
      if (row.accepted != line->glosa_value)
        return refused("inconsistent_values",
                       "Respuesta no registrada – El código " + code +
                           " acepta la glosa totalmente: el valor aceptado debe ser igual al "
                           "valor de la glosa");
      break;
    case 'p':
      if (row.accepted <= 0 || row.accepted >= line->glosa_value)
        return refused("inconsistent_values",
                       "Respuesta no registrada – El código " + code +
                           " acepta la glosa parcialmente: el valor aceptado debe ser mayor "
                           "que cero y menor que el valor de la glosa");
      break;
    default:
      if (row.accepted != 0)
        return refused("inconsistent_values",
                       "Respuesta no registrada – El código " + code +
                           " no acepta valor de la glosa: el valor aceptado debe ser cero");
  }
  if (std::chrono::sys_days{today} > std::chrono::sys_days{line->deadline})
    return {RowStatus::loaded_late, "late", kLateText, code};
  return {RowStatus::loaded, "ok", kLoadedText, code};
}

void apply_invoice_rule(const std::vector<ResponseRow>& rows, std::vector<RowOutcome>& outcomes,
                        const std::function<long long(const std::string&)>& unanswered_details) {
  std::map<std::string, bool> invoice_fails;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    auto [it, inserted] = invoice_fails.try_emplace(rows[i].invoice_key, false);
    if (inserted) it->second = unanswered_details(rows[i].invoice_key) > 0;
    if (outcomes[i].status == RowStatus::refused) it->second = true;
  }
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (outcomes[i].status == RowStatus::refused || !invoice_fails[rows[i].invoice_key]) continue;
    outcomes[i] = refused("incomplete_invoice", kIncompleteInvoiceText);
  }
}

long long credit_note_amount(const std::vector<ResponseRow>& rows, const std::vector<RowOutcome>& outcomes) {
  long long total = 0;
  for (std::size_t i = 0; i < rows.size(); ++i)
    if (outcomes[i].status != RowStatus::refused) total += rows[i].accepted;
  return total;
}

}  // namespace portal::finance
