#include "csv_row.hpp"

#include <algorithm>
#include <cctype>

#include "affiliate_rules.hpp"

namespace portal::affiliates {
namespace {

core::FieldError line_error(std::string code, core::Text message) {
  return core::FieldError{"line", std::move(code), std::move(message)};
}

std::string trimmed(std::string_view s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(" \t");
  return std::string{s.substr(b, e - b + 1)};
}

}  // namespace

CsvFields parse_csv_line(std::string_view line) {
  CsvFields out;
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  std::string field;
  std::size_t i = 0;
  while (true) {
    field.clear();
    if (i < line.size() && line[i] == '"') {
      ++i;
      bool closed = false;
      while (i < line.size()) {
        if (line[i] == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {
            field += '"';
            i += 2;
            continue;
          }
          closed = true;
          ++i;
          break;
        }
        field += line[i++];
      }
      if (!closed) {
        out.error = line_error("unterminated_quote",
                               {"La línea tiene comillas sin cerrar.", "The line has an unclosed quote."});
        return out;
      }
      if (i < line.size() && line[i] != ',') {
        out.error = line_error("text_after_quote", {"Hay texto después de unas comillas de cierre.",
                                                    "There is text after a closing quote."});
        return out;
      }
    } else {
      const auto comma = line.find(',', i);
      const auto end = comma == std::string_view::npos ? line.size() : comma;
      field.assign(line.substr(i, end - i));
      if (field.find('"') != std::string::npos) {
        out.error = line_error("unexpected_quote", {"Hay comillas dentro de un campo sin comillas.",
                                                    "There is a quote inside an unquoted field."});
        return out;
      }
      i = end;
    }
    out.fields.push_back(field);
    if (i >= line.size()) break;
    ++i;                     // the comma
    if (i == line.size()) {  // a trailing comma is one more empty field
      out.fields.emplace_back();
      break;
    }
  }
  return out;
}

CsvHeader read_csv_header(std::string_view header_line) {
  CsvHeader out;
  if (header_line.size() >= 3 && header_line.substr(0, 3) == "\xEF\xBB\xBF") header_line.remove_prefix(3);
  auto parsed = parse_csv_line(header_line);
  if (parsed.error) {
    out.errors.push_back(*parsed.error);
    return out;
  }
  out.layout.width = parsed.fields.size();
  for (std::size_t i = 0; i < parsed.fields.size(); ++i) {
    auto name = trimmed(parsed.fields[i]);
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    if (std::find(kCsvColumns.begin(), kCsvColumns.end(), name) != kCsvColumns.end())
      out.layout.index.emplace(name, i);
  }
  for (auto column : kRequiredCsvColumns) {
    if (!out.layout.index.count(column)) {
      out.errors.push_back(core::FieldError{std::string{column},
                                            "missing_column",
                                            {"Falta la columna " + std::string{column} + " en el encabezado.",
                                             "The header lacks the column " + std::string{column} + "."}});
    }
  }
  return out;
}

CsvAffiliate affiliate_from_csv(const CsvLayout& layout, const std::vector<std::string>& fields) {
  CsvAffiliate out;
  if (fields.size() != layout.width) {
    out.errors.push_back(
        line_error("column_count", {"La línea tiene " + std::to_string(fields.size()) +
                                        " columnas y el encabezado " + std::to_string(layout.width) + ".",
                                    "The line has " + std::to_string(fields.size()) +
                                        " columns and the header " + std::to_string(layout.width) + "."}));
    return out;
  }
  auto get = [&](std::string_view column) -> std::string {
    auto it = layout.index.find(column);
    return it == layout.index.end() ? std::string{} : trimmed(fields[it->second]);
  };
  auto optional = [&](std::string_view column) -> std::optional<std::string> {
    auto v = get(column);
    if (v.empty()) return std::nullopt;
    return v;
  };
  auto& a = out.affiliate;
  a.document_type = optional("document_type");
  a.document_number = optional("document_number");
  a.first_name = normalize_spaces(get("first_name"));
  a.second_name = optional("second_name");
  a.first_surname = normalize_spaces(get("first_surname"));
  a.second_surname = optional("second_surname");
  a.birth_date = get("birth_date");
  a.sex = get("sex");
  a.regime = get("regime");
  a.affiliation_status = get("affiliation_status");
  a.data_quality = get("data_quality");
  if (a.data_quality.empty()) a.data_quality = "ok";
  a.municipality_code = get("municipality_code");
  a.address = optional("address");
  a.phone = optional("phone");
  a.mobile = optional("mobile");
  a.email = optional("email");
  a.newborn_of_type = optional("newborn_of_type");
  a.newborn_of_number = optional("newborn_of_number");
  if (auto child = optional("child_number")) {
    const bool digits = child->size() <= 3 && std::all_of(child->begin(), child->end(),
                                                          [](unsigned char c) { return std::isdigit(c); });
    if (digits) {
      a.child_number = std::stoll(*child);
    } else {
      out.errors.push_back(core::FieldError{
          "child_number",
          "not_numeric",
          {"El número de hijo debe ser un número entero.", "The child number must be an integer."}});
    }
  }
  return out;
}

}  // namespace portal::affiliates
