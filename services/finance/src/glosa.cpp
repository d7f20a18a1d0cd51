#include "glosa.hpp"

#include <algorithm>
#include <set>

#include "portal/core/business_days.hpp"
#include "portal/core/clock.hpp"
#include "portal/json/json.hpp"

namespace portal::finance {

namespace {
using K = Cell::Kind;
constexpr long long kMaxMoney = 999'999'999'999'999;
}  // namespace

const std::array<GlosaColumn, kGlosaColumnCount> kGlosaColumns = {{
    {"Nit", "", K::text},  // 1 A: the conciliation's provider
    {"Razon_Social", "", K::text},
    {"Sucursal", "", K::text},
    {"Numero_Radicacion", "filing_number", K::text},
    {"Fecha_radicacion", "filed_on", K::date},
    {"Numero_factura", "invoice_number", K::text},
    {"Valor_factura", "invoice_value", K::money},
    {"Fecha_glosa_inicial", "initial_glosa_on", K::date},
    {"Numero_nota_debito", "debit_note", K::text},
    {"Valor_total_nota_debito", "debit_note_value", K::money},  // 10 J
    {"Tipo_ID_usuario", "user_id_type", K::text},
    {"Numero_ID_usuario", "user_id_number", K::text},
    {"Nombre_usuario", "user_name", K::text},
    {"Fecha_atencion", "attention_on", K::date},
    {"Codigo_servicio", "service_code", K::text},
    {"Descripcion_servicio", "service_description", K::text},
    {"Cantidad_facturada_IPS", "billed_quantity", K::money},
    {"Valor_unitario_IPS", "unit_value", K::money},
    {"Valor_facturado_IPS", "billed_value", K::money},
    {"Valor_liquidacion", "settled_value", K::money},  // 20 T
    {"Valor_glosa_aplicada", "glosa_value", K::money},
    {"Valor_IVA_nota_debito", "debit_note_iva", K::money},
    {"Valor_glosa_mas_iva", "", K::money},  // derived: glosa + IVA
    {"Codigo_general_glosa", "concept_code", K::text},
    {"Descripcion_general_glosa", "concept_description", K::text},  // the catalog's when not loaded
    {"Codigo_especifico_glosa", "specific_code", K::text},
    {"Descripcion_glosa_inicial", "initial_description", K::text},
    {"Observaciones_glosa_aplicada", "glosa_notes", K::text},
    {"Descripcion_Costo_Servicio", "cost_description", K::text},
    {"Ambito_Atencion", "care_scope", K::text},  // 30 AD
    {"Consecutivo_Concepto_Glosa", "concept_consecutive", K::text},
    {"Tipo_Atencion", "care_type", K::text},
    {"Consecutivo_Detalle", "detail_id", K::text},
    {"Numero_Unico_OPS", "ops_number", K::text},
    {"Fecha_respuesta_a_glosa_IPS", "", K::date},  // 35-41: the provider's answer (FIN-6)
    {"Codigo_respuesta_glosa_IPS", "", K::text},
    {"Descripcion_respuesta_glosa_IPS", "", K::text},
    {"Valor_aceptado_IPS", "", K::money},  // 38 AL
    {"Valor_sustentado_IPS", "", K::money},
    {"Numero_nota_credito_IPS", "", K::text},  // 40 AN
    {"Observaciones_IPS_respuesta_a_glosa", "", K::text},
    {"Fecha_respuesta_a_objeccion_a_glosa_EPS", "", K::date},  // 42-47: the EPS's decision
    {"Valor_glosa_levantado_EPS", "", K::money},
    {"Valor_glosa_ratificado_EPS", "", K::money},
    {"Valor_glosa_no_objetado_IPS", "", K::money},
    {"Numero_nota_credito_EPS", "", K::text},
    {"Observaciones_respuesta_a_objeccion_a_glosa_a_EPS", "", K::text},
    {"Consecutivo_Registro_Unico_Usuario_U10", "u10_consecutive", K::text},
    {"Fecha_Notificacion_Glosa", "", K::date},
    {"Consecutivo_conciliacion", "", K::text},  // 50 AX
}};

std::vector<std::string> glosa_headers() {
  std::vector<std::string> out;
  for (const auto& c : kGlosaColumns) out.emplace_back(c.header);
  return out;
}

std::string_view generation_code(GlosaGeneration g) {
  return g == GlosaGeneration::res2284 ? "2284" : "3047";
}

GlosaGeneration generation_for(std::chrono::year_month_day notified_on,
                               std::chrono::year_month_day res2284_from) {
  return std::chrono::sys_days{notified_on} >= std::chrono::sys_days{res2284_from} ? GlosaGeneration::res2284
                                                                                   : GlosaGeneration::res3047;
}

std::optional<core::Text> check_concept_code(const catalog::Catalogs& catalogs, std::string_view code,
                                             GlosaGeneration generation) {
  if (generation == GlosaGeneration::res2284) {
    const auto* item = code.size() == 6 ? catalogs.find(catalog::kGlosaConcepts, code) : nullptr;
    if (!item || item->text("generation") != "2284" || item->text("level") != "applicable")
      return core::Text{
          "«" + std::string(code) +
              "» no es un código de glosa de la Res. 2284 de 2023 (6 caracteres, p. ej. FA0701)",
          "«" + std::string(code) + "» is not a Res. 2284 de 2023 glosa code (6 characters, e.g. FA0701)"};
    return std::nullopt;
  }
  const bool digits =
      code.size() == 3 && std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; });
  const auto* family = digits ? catalogs.find(catalog::kGlosaConcepts, code.substr(0, 1)) : nullptr;
  if (!family || family->text("generation") != "3047" || family->text("level") != "family")
    return core::Text{
        "«" + std::string(code) + "» no es un código de glosa del Anexo 6 de la Res. 3047 (3 dígitos)",
        "«" + std::string(code) + "» is not a Res. 3047 Anexo 6 glosa code (3 digits)"};
  return std::nullopt;
}

std::chrono::year_month_day response_deadline(std::chrono::year_month_day notified_on) {
  return core::add_business_days(notified_on, kGlosaResponseBusinessDays);
}

namespace {

// Reads one line's columns into cells; the key fields are checked as required.
std::optional<GlosaLine> read_line(const rapidjson::Value& value, const std::string& prefix,
                                   const catalog::Catalogs& catalogs, GlosaGeneration generation,
                                   core::FieldErrors& errors) {
  if (!value.IsObject()) {
    errors.push_back({prefix, "invalid_type", json::invalid_type_message("un objeto", "an object")});
    return std::nullopt;
  }
  const auto before = errors.size();
  json::ObjectReader in(value, errors, prefix);
  GlosaLine line;
  line.cells.assign(kGlosaColumnCount, "");
  line.invoice_prefix = in.optional_string("invoice_prefix", 4).value_or("");
  auto suffix = in.required_string("invoice_suffix", 20);
  auto debit = in.required_string("debit_note", 30);
  auto detail = in.required_string("detail_id", 30);
  auto glosa = in.required_int("glosa_value", 0, kMaxMoney);
  auto code = in.required_string("concept_code", 6);
  line.rips_consecutivo = in.optional_string("rips_consecutivo", 20);
  line.cuv = in.optional_string("cuv", 100);
  for (int i = 0; i < kGlosaColumnCount; ++i) {
    const auto& col = kGlosaColumns[static_cast<std::size_t>(i)];
    const std::string_view field = col.field;
    if (field.empty() || field == "invoice_suffix" || field == "debit_note" || field == "detail_id" ||
        field == "glosa_value" || field == "concept_code")
      continue;
    if (col.kind == K::money) {
      if (auto v = in.optional_int(field, 0, kMaxMoney))
        line.cells[static_cast<std::size_t>(i)] = std::to_string(*v);
    } else if (auto v = in.optional_string(field, col.kind == K::date ? 10 : 500)) {
      if (col.kind == K::date && !core::parse_date(*v))
        in.add_error(field, "invalid_date", {"Fecha AAAA-MM-DD", "A YYYY-MM-DD date"});
      line.cells[static_cast<std::size_t>(i)] = *v;
    }
  }
  if (code) {
    if (auto reason = check_concept_code(catalogs, *code, generation))
      in.add_error("concept_code", "unknown_glosa_concept", *reason);
  }
  if (errors.size() != before) return std::nullopt;
  line.invoice_suffix = *suffix;
  line.debit_note = *debit;
  line.detail_id = *detail;
  line.glosa_value = *glosa;
  line.concept_code = *code;
  auto& c = line.cells;
  if (c[5].empty()) c[5] = line.invoice_prefix + line.invoice_suffix;
  c[8] = line.debit_note;
  c[20] = std::to_string(line.glosa_value);
  c[23] = line.concept_code;
  c[32] = line.detail_id;
  return line;
}

}  // namespace

GlosaLoadRead read_glosa_load(const rapidjson::Value& root, const catalog::Catalogs& catalogs,
                              std::chrono::year_month_day res2284_from, core::FieldErrors& body_errors) {
  GlosaLoadRead out;
  json::ObjectReader body(root, body_errors);
  const rapidjson::Value* list = body.required_array("conciliations");
  if (!list) return out;
  std::size_t total_lines = 0;
  for (const auto& c : list->GetArray())
    if (c.IsObject() && c.HasMember("lines") && c["lines"].IsArray()) total_lines += c["lines"].Size();
  if (total_lines > kMaxGlosaLinesPerLoad) {
    body.add_error("conciliations", "too_many",
                   {"Máximo " + std::to_string(kMaxGlosaLinesPerLoad) + " líneas de glosa por carga",
                    "At most " + std::to_string(kMaxGlosaLinesPerLoad) + " glosa lines per load"});
    return out;
  }
  std::set<long long> numbers;
  out.received = list->Size();
  for (rapidjson::SizeType i = 0; i < list->Size(); ++i) {
    const std::string prefix = "conciliations[" + std::to_string(i) + "]";
    core::FieldErrors errors;
    const auto& value = (*list)[i];
    if (!value.IsObject()) {
      errors.push_back({prefix, "invalid_type", json::invalid_type_message("un objeto", "an object")});
    } else {
      json::ObjectReader in(value, errors, prefix);
      Conciliation c;
      auto number = in.required_int("number", 1, 999'999'999'999);
      auto nit = in.required_string("provider_nit", 15);
      if (nit && nit->find_first_not_of("0123456789") != std::string::npos)
        in.add_error("provider_nit", "not_numeric", {"Solo dígitos", "Digits only"});
      c.provider_name = in.optional_string("provider_name", 200).value_or("");
      c.branch = in.optional_string("branch", 200).value_or("");
      auto notified = in.required_string("notified_on", 10);
      std::optional<std::chrono::year_month_day> day;
      if (notified) {
        day = core::parse_date(*notified);
        if (!day) in.add_error("notified_on", "invalid_date", {"Fecha AAAA-MM-DD", "A YYYY-MM-DD date"});
      }
      if (number && !numbers.insert(*number).second)
        in.add_error(
            "number", "duplicate_in_load",
            {"La conciliación está dos veces en la carga", "The conciliation appears twice in the load"});
      const rapidjson::Value* lines = in.required_array("lines");
      if (lines && lines->Empty())
        in.add_error("lines", "empty", {"La conciliación no tiene líneas", "The conciliation has no lines"});
      if (day) {
        c.generation = generation_for(*day, res2284_from);
        c.notified_on = *notified;
        c.response_deadline = core::format_date(response_deadline(*day));
      }
      std::set<std::string> details;
      if (lines && day) {
        for (rapidjson::SizeType j = 0; j < lines->Size(); ++j) {
          const std::string line_prefix = prefix + ".lines[" + std::to_string(j) + "]";
          auto line = read_line((*lines)[j], line_prefix, catalogs, c.generation, errors);
          if (!line) continue;
          if (!details.insert(line->invoice_prefix + "|" + line->invoice_suffix + "|" + line->detail_id)
                   .second) {
            errors.push_back(
                {line_prefix + ".detail_id",
                 "duplicate_in_load",
                 {"El detalle de la factura está dos veces", "The invoice detail appears twice"}});
            continue;
          }
          c.lines.push_back(std::move(*line));
        }
      }
      if (errors.empty()) {
        c.number = *number;
        c.provider_nit = *nit;
        out.accepted.push_back(std::move(c));
        continue;
      }
    }
    ++out.rejected;
    for (auto& e : errors) out.errors.push_back(std::move(e));
  }
  return out;
}

Row glosa_row(const Conciliation& conciliation, const GlosaLine& line, const catalog::Catalogs& catalogs) {
  std::vector<std::string> v = line.cells;
  v.resize(kGlosaColumnCount);
  v[0] = conciliation.provider_nit;
  v[1] = conciliation.provider_name;
  v[2] = conciliation.branch;
  const long long iva = v[21].empty() ? 0 : std::stoll(v[21]);
  v[22] = std::to_string(line.glosa_value + iva);
  if (v[24].empty()) {
    if (const auto* item = catalogs.find(catalog::kGlosaConcepts, line.concept_code))
      v[24] = item->description;
  }
  v[48] = conciliation.notified_on;
  v[49] = std::to_string(conciliation.number);
  Row row;
  row.reserve(kGlosaColumnCount);
  for (int i = 0; i < kGlosaColumnCount; ++i) {
    Cell cell;
    cell.kind = kGlosaColumns[static_cast<std::size_t>(i)].kind;
    auto& text = v[static_cast<std::size_t>(i)];
    if (cell.kind == K::money) {
      if (text.empty()) {
        cell.kind = K::text;
      } else {
        cell.money = std::stoll(text);
      }
    } else {
      cell.text = std::move(text);
    }
    row.push_back(std::move(cell));
  }
  return row;
}

}  // namespace portal::finance
