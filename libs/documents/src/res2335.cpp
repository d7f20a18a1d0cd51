// SPEC §13 REG-1: the Res. 2335 de 2023 Anexo Técnico No. 1 matrix, and the one report layout and the one
// numbered export every procedure shares. Field labels follow the public transcription of the annex the
// spec gives (docs/regulation.md); the order and numbering are the annex's.
#include "portal/documents/res2335.hpp"

#include <array>
#include <chrono>
#include <cstdio>

#include "portal/catalog/catalogs.hpp"
#include "portal/json/json.hpp"

namespace portal::documents::res2335 {
namespace {

constexpr unsigned p(std::initializer_list<int> procedures) {
  unsigned mask = 0;
  for (int n : procedures) mask |= 1U << n;
  return mask;
}

constexpr unsigned kAll = (1U << 1) | (1U << 2) | (1U << 3) | (1U << 4) | (1U << 5) | (1U << 6);
constexpr double kQuarter = 0.25;
constexpr double kThird = 1.0 / 3;
constexpr double kHalf = 0.5;
constexpr double kWhole = 1.0;

using S = Section;

// SPEC §13 table, field by field. Widths keep every "N. label" on one line of its cell (labels are one
// line in DocumentBuilder): a label of about 45 characters needs a third of the row.
const std::array<MatrixField, kFieldCount> kMatrix = {{
    {1, "Procedimiento al que corresponde la información", S::procedure, kAll, 0.4},
    {2, "Consecutivo del procedimiento", S::procedure, kAll, 0.3},
    {3, "Fecha y hora", S::procedure, kAll, 0.3},
    {4, "Número de la solicitud de autorización o de la referencia", S::procedure, p({4, 5, 6}), kHalf},
    {5, "Fecha y hora de la solicitud de autorización", S::procedure, p({4}), kHalf},
    {6, "Número de identificación del obligado a reportar", S::reporter, kAll, 0.4},
    {7, "Código del prestador de servicios de salud u obligado a reportar", S::reporter, kAll, 0.6},
    {8, "Código de la entidad responsable del pago", S::reporter, kAll, kWhole},
    {9, "Primer apellido", S::person, kAll, kQuarter},
    {10, "Segundo apellido", S::person, kAll, kQuarter},
    {11, "Primer nombre", S::person, kAll, kQuarter},
    {12, "Segundo nombre", S::person, kAll, kQuarter},
    {13, "Tipo de documento de identificación", S::person, kAll, 0.35},
    {14, "Número de documento de identificación", S::person, kAll, 0.35},
    {15, "Fecha de nacimiento", S::person, kAll, 0.3},
    {16, "Dirección de residencia", S::person, kAll, kHalf},
    {17, "Teléfono", S::person, kAll, 0.2},
    {18, "Municipio de residencia habitual", S::person, kAll, 0.3},
    {19, "Correo electrónico", S::person, p({1, 3, 4, 5, 6}), kHalf},
    {20, "Dirección alternativa para la atención", S::person, kAll, kHalf},
    {21, "Nombre del contacto de emergencia", S::person, p({1, 5, 6}), kHalf},
    {22, "Teléfono del contacto de emergencia", S::person, p({1, 5, 6}), kHalf},
    {23, "Causa que motiva la atención", S::care, p({2, 3, 5}), kHalf},
    {24, "Clasificación triage", S::care, p({2}), kHalf},
    {25, "Fecha y hora de ingreso", S::care, p({2}), kThird},
    {26, "Vía de ingreso al servicio de salud", S::care, p({2}), kThird},
    {27, "Código del prestador que remite", S::care, p({2, 5, 6}), kThird},
    {28, "Diagnóstico principal", S::diagnoses, p({2, 3, 5, 6}), kWhole},
    {29, "Diagnóstico relacionado 1", S::diagnoses, p({2, 3, 5, 6}), kWhole},
    {30, "Diagnóstico relacionado 2", S::diagnoses, p({2, 3, 5, 6}), kWhole},
    {31, "Diagnóstico relacionado 3", S::diagnoses, p({2, 3, 5, 6}), kWhole},
    {32, "Condición y destino de la persona", S::care, p({2, 5, 6}), kWhole},
    {33, "Prioridad de la atención", S::care, p({3, 5, 6}), kHalf},
    {34, "Tipo de atención solicitada", S::care, p({3, 5, 6}), kHalf},
    {35, "Grupo de servicios", S::technologies, p({3, 4, 5, 6}), kHalf},
    {36, "Modalidad de realización de la tecnología en salud", S::technologies, p({3, 4, 5, 6}), kHalf},
    {37, "Código del servicio para el que se solicita la referencia", S::technologies, p({5, 6}), kWhole},
    {38, "Código CUPS del procedimiento", S::technologies, p({3, 4, 5, 6}), kThird, true},
    {39, "Cantidad del procedimiento", S::technologies, p({3, 4, 5, 6}), kThird, true},
    {40, "Finalidad de la tecnología en salud", S::technologies, p({3, 4}), kThird, true},
    {41, "Código del medicamento (IUM o CUM)", S::technologies, p({3, 4}), kThird, true},
    {42, "Cantidad del medicamento", S::technologies, p({3, 4}), kThird, true},
    {43, "Código de otros servicios o dispositivos médicos", S::technologies, p({3, 4}), kThird, true},
    {44, "Cantidad de otros servicios o dispositivos médicos", S::technologies, p({3, 4}), kThird, true},
    {45, "Tipo de pago compartido", S::shared_payment, p({4}), kHalf},
    {46, "Nivel de la persona", S::shared_payment, p({4}), kHalf},
    {47, "Valor del pago compartido en pesos", S::shared_payment, p({4}), kHalf},
    {48, "Tope máximo de copago", S::shared_payment, p({4}), kHalf},
}};

constexpr std::array<Section, 7> kSections = {S::procedure, S::reporter,     S::person,        S::care,
                                              S::diagnoses, S::technologies, S::shared_payment};

std::string cell_label(const MatrixField& f) {
  return std::to_string(f.number) + ". " + std::string(f.label);
}

std::string shown(const MatrixValue& v) { return v.display.empty() ? v.value : v.display; }

const MatrixValue* value_of(const std::map<int, MatrixValue>& values, int number) {
  const auto it = values.find(number);
  return it == values.end() ? nullptr : &it->second;
}

// The fields of one section as rows of cells, each row filled up to the page width.
void write_section_fields(DocumentBuilder& pdf, const MatrixRecord& record, Section section) {
  std::vector<Field> row;
  double used = 0;
  const auto flush = [&] {
    if (!row.empty()) pdf.row(row);
    row.clear();
    used = 0;
  };
  for (const MatrixField& f : kMatrix) {
    if (f.section != section || f.per_line || !applies(f.number, record.procedure)) continue;
    if (used + f.width > 1.0001) flush();
    const MatrixValue* v = value_of(record.values, f.number);
    row.push_back(Field::text(cell_label(f), v ? shown(*v) : std::string{}, f.width));
    used += f.width;
  }
  flush();
}

// Per-line fields (38-44) as a table: one column per field the procedure carries, one row per line.
void write_lines(DocumentBuilder& pdf, const MatrixRecord& record) {
  std::vector<Column> columns;
  std::vector<int> numbers;
  for (const MatrixField& f : kMatrix) {
    if (!f.per_line || !applies(f.number, record.procedure)) continue;
    numbers.push_back(f.number);
    columns.push_back({cell_label(f), 1.0});
  }
  if (numbers.empty()) return;
  for (auto& c : columns) c.fraction = 1.0 / static_cast<double>(columns.size());
  std::vector<std::vector<std::string>> rows;
  for (const auto& line : record.lines) {
    std::vector<std::string> cells;
    for (int n : numbers) {
      const MatrixValue* v = value_of(line, n);
      cells.push_back(v ? shown(*v) : std::string{});
    }
    rows.push_back(std::move(cells));
  }
  pdf.table(columns, rows);
}

bool section_has_fields(Section s, Procedure procedure) {
  for (const MatrixField& f : kMatrix)
    if (f.section == s && applies(f.number, procedure)) return true;
  return false;
}

}  // namespace

std::span<const MatrixField> matrix() { return kMatrix; }

const MatrixField* field(int number) {
  if (number < 1 || number > kFieldCount) return nullptr;
  return &kMatrix[static_cast<std::size_t>(number - 1)];
}

bool applies(int number, Procedure procedure) {
  const MatrixField* f = field(number);
  return f != nullptr && (f->procedures & (1U << static_cast<int>(procedure))) != 0;
}

std::vector<int> fields_of(Procedure procedure) {
  std::vector<int> out;
  for (const MatrixField& f : kMatrix)
    if (applies(f.number, procedure)) out.push_back(f.number);
  return out;
}

std::string_view procedure_title(Procedure procedure) {
  switch (procedure) {
    case Procedure::data_update:
      return "Reporte de actualización de datos";
    case Procedure::emergency_care:
      return "Informe de la atención de urgencias";
    case Procedure::authorization_request:
      return "Solicitud de autorización de servicios y tecnologías en salud";
    case Procedure::authorization:
      return "Autorización de servicios y tecnologías en salud";
    case Procedure::referral:
      return "Referencia de pacientes";
    case Procedure::counter_referral:
      return "Contrarreferencia de pacientes";
  }
  return "";
}

std::string_view section_title(Section s) {
  switch (s) {
    case S::procedure:
      return "PROCEDIMIENTO";
    case S::reporter:
      return "OBLIGADO A REPORTAR Y ENTIDAD RESPONSABLE DEL PAGO";
    case S::person:
      return "DATOS DE LA PERSONA";
    case S::care:
      return "DATOS DE LA ATENCIÓN";
    case S::diagnoses:
      return "DIAGNÓSTICOS (CIE-10)";
    case S::technologies:
      return "SERVICIOS Y TECNOLOGÍAS EN SALUD";
    case S::shared_payment:
      return "PAGOS COMPARTIDOS";
  }
  return "";
}

std::string coded(const catalog::Catalogs& catalogs, std::string_view name, const std::string& code) {
  if (code.empty()) return {};
  const catalog::Item* item = catalogs.find(name, code);
  return item ? code + " - " + item->description : code;
}

std::string matrix_date_time(core::Instant t) {
  const auto local = std::chrono::floor<std::chrono::minutes>(t + core::kBogotaOffset);
  const auto day = std::chrono::floor<std::chrono::days>(local);
  const std::chrono::hh_mm_ss time{local - day};
  char buf[8];
  std::snprintf(buf, sizeof buf, " %02d:%02d", static_cast<int>(time.hours().count()),
                static_cast<int>(time.minutes().count()));
  return core::format_date(std::chrono::year_month_day{day}) + buf;
}

void set(MatrixRecord& record, int number, std::string value, std::string display) {
  if (value.empty()) return;
  record.values[number] = MatrixValue{std::move(value), std::move(display)};
}

void set_procedure(MatrixRecord& record) {
  const std::string number = std::to_string(static_cast<int>(record.procedure));
  set(record, 1, number, number + " - " + std::string(procedure_title(record.procedure)));
}

std::string coded_municipality(const catalog::Catalogs& catalogs, const std::string& code) {
  const auto m = catalogs.municipality(code);
  return m ? code + " - " + m->name + " (" + m->department_name + ")" : code;
}

void set_diagnoses(MatrixRecord& record, const catalog::Catalogs& catalogs, const std::string& principal,
                   const std::vector<std::string>& related) {
  const auto one = [&](int number, const std::string& code) {
    const catalog::Item* item = catalogs.find(catalog::kCie10, code);
    set(record, number, code, item ? item->code + " - " + item->description : code);
  };
  one(28, principal);
  for (std::size_t i = 0; i < related.size() && i < 3; ++i) one(29 + static_cast<int>(i), related[i]);
}

std::string matrix_json(const MatrixRecord& record) {
  rapidjson::StringBuffer buffer;
  json::Writer w(buffer);
  w.StartObject();
  json::write_key(w, "resolution");
  json::write_string(w, "2335/2023");
  json::write_key(w, "annex");
  json::write_string(w, "Anexo Técnico No. 1");
  json::write_key(w, "procedure");
  w.Int(static_cast<int>(record.procedure));
  json::write_key(w, "fields");
  w.StartObject();
  bool has_lines = false;
  for (const MatrixField& f : kMatrix) {
    if (!applies(f.number, record.procedure)) continue;
    if (f.per_line) {
      has_lines = true;
      continue;
    }
    json::write_key(w, std::to_string(f.number));
    if (const MatrixValue* v = value_of(record.values, f.number)) {
      json::write_string(w, v->value);
    } else {
      w.Null();
    }
  }
  w.EndObject();
  if (has_lines) {
    json::write_key(w, "lines");
    w.StartArray();
    for (const auto& line : record.lines) {
      w.StartObject();
      for (const MatrixField& f : kMatrix) {
        if (!f.per_line || !applies(f.number, record.procedure)) continue;
        json::write_key(w, std::to_string(f.number));
        if (const MatrixValue* v = value_of(line, f.number)) {
          json::write_string(w, v->value);
        } else {
          w.Null();
        }
      }
      w.EndObject();
    }
    w.EndArray();
  }
  w.EndObject();
  return {buffer.GetString(), buffer.GetSize()};
}

std::string render_report(const MatrixRecord& record, DocumentOptions options,
                          const std::vector<std::vector<Field>>& reporter_extra) {
  DocumentBuilder pdf(std::move(options));
  for (Section s : kSections) {
    if (!section_has_fields(s, record.procedure)) continue;
    pdf.section(std::string(section_title(s)));
    if (s == S::reporter)
      for (const auto& row : reporter_extra) pdf.row(row);
    write_section_fields(pdf, record, s);
    if (s == S::technologies) write_lines(pdf, record);
  }
  return pdf.finish();
}

}  // namespace portal::documents::res2335
