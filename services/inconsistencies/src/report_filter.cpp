#include "report_filter.hpp"

#include <algorithm>
#include <cctype>

namespace portal::inconsistencies {
namespace {

std::optional<std::string> param(const QueryParams& q, std::string_view name) {
  const auto it = q.find(name);
  if (it == q.end()) return std::nullopt;
  std::string v = it->second;
  while (!v.empty() && v.back() == ' ') v.pop_back();
  while (!v.empty() && v.front() == ' ') v.erase(v.begin());
  if (v.empty()) return std::nullopt;
  return v;
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

core::FieldError invalid(std::string field, core::Text message) {
  return {std::move(field), "invalid_value", std::move(message)};
}

}  // namespace

bool ReportFilter::any() const {
  return number || date_from || provider_nit || provider_name || location_code || location_name || status ||
         type || document_number || regional;
}

std::string fold(std::string_view text) {
  static const std::pair<std::string_view, char> kAccents[] = {
      {"á", 'a'}, {"é", 'e'}, {"í", 'i'}, {"ó", 'o'}, {"ú", 'u'}, {"ü", 'u'}, {"ñ", 'n'},
      {"Á", 'a'}, {"É", 'e'}, {"Í", 'i'}, {"Ó", 'o'}, {"Ú", 'u'}, {"Ü", 'u'}, {"Ñ", 'n'}};
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    bool replaced = false;
    for (const auto& [accented, plain] : kAccents) {
      if (text.substr(i, accented.size()) == accented) {
        out += plain;
        i += accented.size();
        replaced = true;
        break;
      }
    }
    if (replaced) continue;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(text[i])));
    ++i;
  }
  return out;
}

ReportFilter read_filter(const QueryParams& q, const catalog::Catalogs& catalogs, core::FieldErrors& errors) {
  ReportFilter f;
  if (auto v = param(q, "number")) {
    if (all_digits(*v) && v->size() <= 15) {
      f.number = std::stoll(*v);
    } else {
      errors.push_back(invalid("number", {"El número de informe es un entero positivo.",
                                          "The report number is a positive integer."}));
    }
  }
  for (auto [name, out] : {std::pair<const char*, std::optional<std::string>*>{"date_from", &f.date_from},
                           {"date_to", &f.date_to}}) {
    if (auto v = param(q, name)) {
      if (core::parse_date(*v)) {
        *out = *v;
      } else {
        errors.push_back(
            {name, "invalid_date", {"Fecha inválida: use AAAA-MM-DD.", "Invalid date: use YYYY-MM-DD."}});
      }
    }
  }
  if (f.date_to && !f.date_from && !param(q, "date_from"))
    errors.push_back({"date_from",
                      "required",
                      {"La fecha final exige la fecha inicial.", "An end date needs a start date."}});
  if (f.date_from && !f.date_to) f.date_to = f.date_from;  // manual: only the start date = that day
  if (f.date_from && f.date_to && *f.date_to < *f.date_from)
    errors.push_back(
        {"date_to",
         "range_inverted",
         {"La fecha final es anterior a la inicial.", "The end date is before the start date."}});
  if (auto v = param(q, "provider")) {
    if (all_digits(*v)) {
      f.provider_nit = *v;
    } else {
      f.provider_name = fold(*v);
    }
  }
  if (auto v = param(q, "provider_location")) {
    if (all_digits(*v)) {
      if (v->size() == 2 || v->size() == 5) {
        f.location_code = *v;
      } else {
        errors.push_back(
            invalid("provider_location", {"Código DANE de 2 (departamento) o 5 dígitos (municipio).",
                                          "A DANE code of 2 (department) or 5 digits (municipality)."}));
      }
    } else {
      f.location_name = fold(*v);
    }
  }
  if (auto v = param(q, "status")) {
    f.status = report_status_from_string(*v);
    if (!f.status) errors.push_back(invalid("status", {"Estado desconocido.", "Unknown status."}));
  }
  if (auto v = param(q, "type")) {
    f.type = report_type_from_string(*v);
    if (!f.type)
      errors.push_back(invalid("type", {"Tipo desconocido: not_in_database o data_mismatch.",
                                        "Unknown type: not_in_database or data_mismatch."}));
  }
  f.document_type = param(q, "document_type");
  f.document_number = param(q, "document_number");
  if (f.document_type.has_value() != f.document_number.has_value())
    errors.push_back({f.document_type ? "document_number" : "document_type",
                      "required",
                      {"El documento del afiliado se busca con tipo y número.",
                       "The affiliate's document is searched by type and number."}});
  if (auto v = param(q, "regional")) {
    if (catalogs.find(catalog::kRegionals, *v) != nullptr) {
      f.regional = *v;
    } else {
      errors.push_back(invalid("regional", {"Regional desconocida (catálogo regionals).",
                                            "Unknown regional (catalog regionals)."}));
    }
  }
  return f;
}

}  // namespace portal::inconsistencies
