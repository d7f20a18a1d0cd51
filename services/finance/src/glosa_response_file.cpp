#include "glosa_response_file.hpp"

#include <cmath>

#include "glosa.hpp"
#include "portfolio_file.hpp"

namespace portal::finance {

namespace xlsx = documents::xlsx;

namespace {

std::string trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
    s.remove_suffix(1);
  return std::string(s);
}

std::string cell_text(const xlsx::Row& row, std::uint32_t column) {
  const auto* c = row.at(column);
  if (!c) return "";
  if (c->type == xlsx::CellType::number) {
    if (std::isfinite(c->number) && c->number == std::floor(c->number) && std::fabs(c->number) < 1e15)
      return std::to_string(static_cast<long long>(c->number));
  }
  return trimmed(c->text);
}

// An amount in integer pesos: a number cell or digits; empty is 0; nullopt when it is neither.
std::optional<long long> amount(const xlsx::Row& row, std::uint32_t column) {
  const auto* c = row.at(column);
  if (!c) return 0;
  if (c->type == xlsx::CellType::number) {
    if (!std::isfinite(c->number) || c->number != std::floor(c->number) || std::fabs(c->number) > 1e15)
      return std::nullopt;
    return static_cast<long long>(c->number);
  }
  const std::string t = trimmed(c->text);
  if (t.empty()) return 0;
  if (t.find_first_not_of("0123456789") != std::string::npos || t.size() > 15) return std::nullopt;
  return std::stoll(t);
}

core::FieldError file_problem(std::string code, std::string es, std::string en) {
  return {"file", std::move(code), {std::move(es), std::move(en)}};
}

}  // namespace

std::optional<ResponseColumns> find_response_columns(const xlsx::Row& header, core::FieldErrors& errors) {
  ResponseColumns out;
  const auto before = errors.size();
  struct Need {
    const char* name;
    std::uint32_t* slot;
    int position;  // the manual's 0-based column, or -1 when only found by header
  };
  const Need needs[] = {
      {"Consecutivo_conciliacion", &out.conciliation, -1},
      {"Numero_factura", &out.invoice, -1},
      {"Consecutivo_Detalle", &out.detail, -1},
      {"Codigo_respuesta_glosa_IPS", &out.code, -1},
      {"Valor_aceptado_IPS", &out.accepted, kAcceptedColumn},
      {"Valor_sustentado_IPS", &out.sustained, kSustainedColumn},
      {"Numero_nota_credito_IPS", &out.credit_note, kCreditNoteColumn},
      {"Observaciones_IPS_respuesta_a_glosa", &out.notes, kResponseNotesColumn},
  };
  for (const auto& need : needs) {
    std::optional<std::uint32_t> found;
    for (const auto& c : header.cells)
      if (trimmed(c.text) == need.name) {
        found = c.column;
        break;
      }
    if (!found) {
      errors.push_back(file_problem("missing_column", std::string("Falta la columna ") + need.name,
                                    std::string("The column ") + need.name + " is missing"));
      continue;
    }
    if (need.position >= 0 && *found != static_cast<std::uint32_t>(need.position)) {
      const auto expected = xlsx::column_letters(static_cast<std::uint32_t>(need.position));
      const auto actual = xlsx::column_letters(*found);
      errors.push_back(file_problem(
          "column_out_of_place",
          std::string("La columna ") + need.name + " debe estar en " + expected + " y está en " + actual,
          std::string("The column ") + need.name + " must be in " + expected + ", it is in " + actual));
    }
    *need.slot = *found;
  }
  if (errors.size() != before) return std::nullopt;
  return out;
}

ResponseFileCheck check_glosa_response_file(std::string_view bytes) {
  ResponseFileCheck out;
  auto wb = xlsx::Workbook::open(bytes);
  if (wb->error()) {
    out.errors.push_back(file_error(*wb->error()));
    return out;
  }
  out.sheet = wb->sheet_names().empty() ? "" : wb->sheet_names().front();
  bool header = true;
  auto failed = wb->read_rows({}, [&](const xlsx::Row& row) {
    if (header) {
      header = false;
      out.columns = find_response_columns(row, out.errors);
      return out.columns.has_value();
    }
    ++out.rows;
    return true;
  });
  if (failed) {
    out.errors.push_back(file_error(*failed));
  } else if (header) {
    out.errors.push_back(
        file_problem("empty_file", "El archivo no tiene encabezado", "The file has no header row"));
  } else if (out.columns && out.rows == 0) {
    out.errors.push_back(
        file_problem("no_rows", "El archivo no tiene respuestas", "The file has no answer rows"));
  }
  if (!out.errors.empty()) out.columns.reset();
  return out;
}

std::optional<core::FieldError> read_glosa_response_rows(
    std::string_view bytes, const ResponseColumns& columns,
    const std::function<bool(const ResponseFileRow&)>& on_row) {
  auto wb = xlsx::Workbook::open(bytes);
  if (wb->error()) return file_error(*wb->error());
  bool header = true;
  auto failed = wb->read_rows({}, [&](const xlsx::Row& row) {
    if (header) {
      header = false;
      return true;
    }
    ResponseFileRow r;
    r.number = row.number;
    const std::string conciliation = cell_text(row, columns.conciliation);
    if (!conciliation.empty() && conciliation.find_first_not_of("0123456789") == std::string::npos &&
        conciliation.size() <= 15)
      r.conciliation = std::stoll(conciliation);
    r.invoice_number = cell_text(row, columns.invoice);
    r.detail_id = cell_text(row, columns.detail);
    r.response_code = cell_text(row, columns.code);
    for (char& ch : r.response_code) ch = static_cast<char>(ch >= 'a' && ch <= 'z' ? ch - 'a' + 'A' : ch);
    r.credit_note = cell_text(row, columns.credit_note);
    r.notes = cell_text(row, columns.notes);
    const auto accepted = amount(row, columns.accepted);
    const auto sustained = amount(row, columns.sustained);
    if (!accepted || !sustained)
      r.error =
          "Respuesta no registrada – Los valores aceptado y sustentado deben ser números enteros de pesos";
    else if (!r.conciliation || r.invoice_number.empty() || r.detail_id.empty())
      r.error = "Respuesta no registrada – Faltan la conciliación, la factura o el consecutivo del detalle";
    r.accepted = accepted.value_or(0);
    r.sustained = sustained.value_or(0);
    return on_row(r);
  });
  if (failed) return file_error(*failed);
  return std::nullopt;
}

}  // namespace portal::finance
