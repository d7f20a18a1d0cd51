#include "report.hpp"

#include <array>
#include <utility>

namespace portal::inconsistencies {
namespace {

constexpr std::array<std::pair<ReportType, std::string_view>, 2> kTypes{{
    {ReportType::not_in_database, "not_in_database"},
    {ReportType::data_mismatch, "data_mismatch"},
}};
constexpr std::array<std::pair<Variable, std::string_view>, 3> kVariables{{
    {Variable::document_and_birth_date, "document_and_birth_date"},
    {Variable::names, "names"},
    {Variable::surnames, "surnames"},
}};
constexpr std::array<std::pair<ReportStatus, std::string_view>, 7> kStatuses{{
    {ReportStatus::pending, "pending"},
    {ReportStatus::processed_pre_affiliated, "processed_pre_affiliated"},
    {ReportStatus::processed_not_affiliated, "processed_not_affiliated"},
    {ReportStatus::processed_already_exists, "processed_already_exists"},
    {ReportStatus::processed_partial, "processed_partial"},
    {ReportStatus::processed, "processed"},
    {ReportStatus::annulled, "annulled"},
}};

template <class Table, class E>
std::string_view name_of(const Table& table, E value) {
  for (const auto& [v, n] : table) {
    if (v == value) return n;
  }
  return "";
}

template <class E, class Table>
std::optional<E> value_of(const Table& table, std::string_view name) {
  for (const auto& [v, n] : table) {
    if (n == name) return v;
  }
  return std::nullopt;
}

}  // namespace

std::string_view to_string(ReportType t) { return name_of(kTypes, t); }
std::string_view to_string(Variable v) { return name_of(kVariables, v); }
std::string_view to_string(ReportStatus s) { return name_of(kStatuses, s); }
std::optional<ReportType> report_type_from_string(std::string_view s) {
  return value_of<ReportType>(kTypes, s);
}
std::optional<Variable> variable_from_string(std::string_view s) { return value_of<Variable>(kVariables, s); }
std::optional<ReportStatus> report_status_from_string(std::string_view s) {
  return value_of<ReportStatus>(kStatuses, s);
}

const std::vector<std::string_view>& variable_names() {
  static const std::vector<std::string_view> names = [] {
    std::vector<std::string_view> v;
    for (const auto& [_, n] : kVariables) v.push_back(n);
    return v;
  }();
  return names;
}

const std::vector<std::string_view>& status_names() {
  static const std::vector<std::string_view> names = [] {
    std::vector<std::string_view> v;
    for (const auto& [_, n] : kStatuses) v.push_back(n);
    return v;
  }();
  return names;
}

// Manual 001 §4.1.3.2 and §4.3.3.1 ("Usuario no existe en Base de Datos de MUTUAL", ...).
std::string type_label(ReportType t, std::string_view insurer, bool english) {
  const std::string name{insurer};
  if (t == ReportType::not_in_database)
    return english ? "Person not in the database of " + name
                   : "Usuario no existe en Base de Datos de " + name;
  return english ? "The person's data do NOT match the current document"
                 : "Datos del Usuario NO Corresponden con el Documento Vigente";
}

std::string status_label(ReportStatus s, std::string_view insurer, bool english) {
  const std::string name{insurer};
  switch (s) {
    case ReportStatus::pending:
      return english ? "Pending" : "Pendiente";
    case ReportStatus::processed_pre_affiliated:
      return english ? "Processed - pre-enrolled" : "Procesado - preafiliado";
    case ReportStatus::processed_not_affiliated:
      return english ? "Processed - does not belong to " + name : "Procesado - no pertenece a " + name;
    case ReportStatus::processed_already_exists:
      return english ? "Processed - already exists" : "Procesado - ya existe";
    case ReportStatus::processed_partial:
      return english ? "Partially processed" : "Procesado parcial";
    case ReportStatus::processed:
      return english ? "Processed" : "Procesado";
    case ReportStatus::annulled:
      return english ? "Annulled" : "Anulado";
  }
  return "";
}

}  // namespace portal::inconsistencies
