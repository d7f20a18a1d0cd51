#pragma once
// FIN-6 (issue 19): the provider's answered glosa workbook (the FIN-5 download with AL, AM and AO filled),
// read with libs/documents' streaming reader. Columns are found by their header (manual 003 §8.3 spelling);
// the answer columns must also be where the manual puts them: AL Valor_aceptado_IPS, AM Valor_sustentado_IPS,
// AN Numero_nota_credito_IPS, AO Observaciones_IPS_respuesta_a_glosa. Pure over the bytes.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "portal/core/errors.hpp"
#include "portal/documents/xlsx_reader.hpp"

namespace portal::finance {

// 0-based column of each header the upload needs.
struct ResponseColumns {
  std::uint32_t conciliation = 0, invoice = 0, detail = 0, code = 0, accepted = 0, sustained = 0,
                credit_note = 0, notes = 0;
};

// The header row's columns, or every problem with it (field "file": a missing header, or an answer column
// out of its manual position, named with both letters).
std::optional<ResponseColumns> find_response_columns(const documents::xlsx::Row& header,
                                                     core::FieldErrors& errors);

struct ResponseFileRow {
  std::uint32_t number = 0;  // the spreadsheet's row number
  std::optional<long long> conciliation;
  std::string invoice_number;
  std::string detail_id;
  std::string response_code;
  long long accepted = 0;
  long long sustained = 0;
  std::string credit_note;
  std::string notes;
  std::string error;  // a cell that cannot be read («Resultado del Cargue» text); empty when readable
};

struct ResponseFileCheck {
  std::string sheet;  // the sheet read (the first)
  std::size_t rows = 0;
  std::optional<ResponseColumns> columns;
  core::FieldErrors errors;  // field "file"
};

// The file-level checks of an upload: an .xlsx, a header row with the columns, at least one answer row.
ResponseFileCheck check_glosa_response_file(std::string_view bytes);

// Every row after the header, in order (rows with no cell at all are skipped); false from on_row stops.
std::optional<core::FieldError> read_glosa_response_rows(
    std::string_view bytes, const ResponseColumns& columns,
    const std::function<bool(const ResponseFileRow&)>& on_row);

}  // namespace portal::finance
