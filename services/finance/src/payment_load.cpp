#include "payment_load.hpp"

#include <cmath>
#include <map>
#include <set>

#include "csv.hpp"
#include "portal/core/clock.hpp"
#include "portal/json/json.hpp"
#include "portal/json/messages.hpp"

namespace portal::finance {
namespace {

core::FieldError out_of_range(const std::string& field) {
  return {field,
          "out_of_range",
          {"Debe ser un valor en pesos entre 0 y 999999999999999",
           "Must be an amount in pesos between 0 and 999999999999999"}};
}

// Money from a JSON value: an integer number; 1.5 or 1.0 is "not_integer" (never floating point), a number
// beyond kMaxMoney (or beyond 64 bits) "out_of_range".
std::optional<long long> json_money(const rapidjson::Value& v, const std::string& field,
                                    core::FieldErrors& errors) {
  if (v.IsInt64()) {
    const long long n = v.GetInt64();
    if (n < 0 || n > kMaxMoney) {
      errors.push_back(out_of_range(field));
      return std::nullopt;
    }
    return n;
  }
  if (v.IsUint64()) {
    errors.push_back(out_of_range(field));
    return std::nullopt;
  }
  if (v.IsDouble()) {
    const double d = v.GetDouble();
    if (std::isfinite(d) && std::trunc(d) == d && std::fabs(d) > static_cast<double>(kMaxMoney))
      errors.push_back(out_of_range(field));
    else
      errors.push_back({field,
                        "not_integer",
                        {"Debe ser un valor entero en pesos, sin decimales",
                         "Must be a whole number of pesos, no decimals"}});
    return std::nullopt;
  }
  errors.push_back({field, "invalid_type", json::invalid_type_message("número entero", "integer")});
  return std::nullopt;
}

std::optional<std::string> json_date(json::ObjectReader& in, std::string_view name, bool required) {
  auto text = required ? in.required_string(name, 10) : in.optional_string(name, 10);
  if (text && !core::parse_date(*text)) {
    in.add_error(name, "invalid_format", {"Debe ser una fecha AAAA-MM-DD", "Must be a YYYY-MM-DD date"});
    return std::nullopt;
  }
  return text;
}

// Reads money members: the required ones are errors when absent, the others are 0 when absent.
struct MoneyField {
  const char* name;
  long long InvoiceLine::*member;
  bool required;
};
constexpr MoneyField kLineMoney[] = {
    {"invoice_value", &InvoiceLine::invoice_value, true},
    {"net_value", &InvoiceLine::net_value, false},
    {"paid_value", &InvoiceLine::paid_value, true},
    {"financial_discount", &InvoiceLine::financial_discount, false},
    {"balance", &InvoiceLine::balance, false},
    {"garnishments", &InvoiceLine::garnishments, false},
    {"iva", &InvoiceLine::iva, false},
    {"retefuente", &InvoiceLine::retefuente, false},
    {"reteica", &InvoiceLine::reteica, false},
    {"reteiva", &InvoiceLine::reteiva, false},
    {"stamp_tax", &InvoiceLine::stamp_tax, false},
    {"others", &InvoiceLine::others, false},
    {"crossing_value", &InvoiceLine::crossing_value, false},
    {"copay", &InvoiceLine::copay, false},
    {"moderating_fee", &InvoiceLine::moderating_fee, false},
};

template <class T>
void read_money(const rapidjson::Value& obj, json::ObjectReader& in, const char* name, long long T::*member,
                bool required, T& target, core::FieldErrors& errors) {
  const auto it = obj.FindMember(name);
  if (it == obj.MemberEnd() || it->value.IsNull()) {
    if (required) in.add_error(name, "required", json::required_message());
    return;
  }
  if (auto n = json_money(it->value, in.path(name), errors)) target.*member = *n;
}

InvoiceLine read_line(const rapidjson::Value& obj, const std::string& prefix, core::FieldErrors& errors) {
  InvoiceLine l;
  json::ObjectReader in(obj, errors, prefix.substr(0, prefix.size() - 1));  // it adds the "."
  l.source_number = in.optional_string("source_number", 30).value_or("");
  l.document_type = in.required_string("document_type", 10).value_or("");
  l.invoice_prefix = in.optional_string("invoice_prefix", 10).value_or("");
  l.invoice_number = in.optional_string("invoice_number", 30).value_or("");
  l.invoice_suffix = in.required_string("invoice_suffix", 20).value_or("");
  l.applied_suffix = in.optional_string("applied_suffix", 20).value_or("");
  l.invoice_date = json_date(in, "invoice_date", false);
  for (const auto& m : kLineMoney) read_money(obj, in, m.name, m.member, m.required, l, errors);
  l.crossing_date = json_date(in, "crossing_date", false);
  l.crossing_document = in.optional_string("crossing_document", 30);
  l.company = in.optional_string("company", 100);
  l.filing_number = in.optional_string("filing_number", 30);
  return l;
}

void read_voucher(const rapidjson::Value& obj, std::size_t index, ReadLoad& out,
                  std::set<std::string>& seen) {
  const std::string prefix = "vouchers[" + std::to_string(index) + "].";
  core::FieldErrors voucher_errors;
  std::vector<std::pair<int, core::FieldErrors>> line_errors;
  Voucher v;
  if (!obj.IsObject()) {
    voucher_errors.push_back({"vouchers[" + std::to_string(index) + "]", "invalid_type",
                              json::invalid_type_message("objeto", "object")});
  } else {
    json::ObjectReader in(obj, voucher_errors, prefix.substr(0, prefix.size() - 1));  // it adds the "."
    v.voucher_number = in.required_string("voucher_number", 30).value_or("");
    v.provider_nit = in.required_string("provider_nit", 15).value_or("");
    if (!v.provider_nit.empty() && v.provider_nit.find_first_not_of("0123456789") != std::string::npos)
      in.add_error(
          "provider_nit", "invalid_format",
          {"El NIT son solo dígitos, sin dígito de verificación", "A NIT is digits only, no check digit"});
    v.payment_date = json_date(in, "payment_date", true).value_or("");
    if (auto form = in.required_enum("payment_form", kPaymentFormCodes))
      v.payment_form = *parse_payment_form(*form);
    v.bank = in.optional_string("bank", 100);
    v.account_type = in.optional_enum("account_type", kAccountTypeCodes);
    v.account_number = in.optional_string("account_number", 30);
    v.document_number = in.required_string("document_number", 30).value_or("");
    read_money(obj, in, "amount_paid", &Voucher::amount_paid, true, v, voucher_errors);
    read_money(obj, in, "pending_to_apply", &Voucher::pending_to_apply, false, v, voucher_errors);
    read_money(obj, in, "pending_to_apply_advance", &Voucher::pending_to_apply_advance, false, v,
               voucher_errors);
    v.support_email = in.optional_string("support_email", 200);
    v.support_at = in.optional_string("support_at", 40);
    if (v.support_at) {
      if (const auto at = core::parse_rfc3339(*v.support_at)) {
        v.support_at = core::to_rfc3339(*at);  // stored and returned in UTC (SPEC §2)
      } else {
        in.add_error("support_at", "invalid_format",
                     {"Debe ser un instante RFC 3339", "Must be an RFC 3339 instant"});
        v.support_at.reset();
      }
    }
    v.company = in.optional_string("company", 100);
    if (const auto* lines = in.required_array("invoices")) {
      int n = 0;
      for (const auto& item : lines->GetArray()) {
        ++n;
        const std::string line_prefix = prefix + "invoices[" + std::to_string(n - 1) + "].";
        core::FieldErrors errs;
        if (!item.IsObject()) {
          errs.push_back({line_prefix.substr(0, line_prefix.size() - 1), "invalid_type",
                          json::invalid_type_message("objeto", "object")});
        } else {
          auto line = read_line(item, line_prefix, errs);
          line.line_no = n;
          v.lines.push_back(std::move(line));
        }
        if (!errs.empty()) line_errors.emplace_back(n, std::move(errs));
      }
    }
    check_voucher(v, prefix, voucher_errors);
    if (!v.voucher_number.empty() && !seen.insert(v.voucher_number).second)
      voucher_errors.push_back(
          {prefix + "voucher_number",
           "duplicate_in_load",
           {"El comprobante ya viene antes en esta carga", "The voucher comes earlier in this load"}});
  }
  ++out.received;
  if (voucher_errors.empty() && line_errors.empty()) {
    out.accepted.push_back(std::move(v));
    return;
  }
  ++out.rejected;
  for (auto& e : voucher_errors) out.errors.push_back({v.voucher_number, std::nullopt, std::move(e)});
  for (auto& [line, errs] : line_errors)
    for (auto& e : errs) out.errors.push_back({v.voucher_number, line, std::move(e)});
}

}  // namespace

ReadLoad read_load_json(const rapidjson::Value& root, core::FieldErrors& body_errors) {
  ReadLoad out;
  json::ObjectReader in(root, body_errors);
  const auto* vouchers = in.required_array("vouchers");
  if (!vouchers) return out;
  if (vouchers->Empty()) {
    in.add_error("vouchers", "required", {"La carga no trae comprobantes", "The load carries no vouchers"});
    return out;
  }
  std::set<std::string> seen;
  std::size_t i = 0;
  for (const auto& v : vouchers->GetArray()) read_voucher(v, i++, out, seen);
  return out;
}

}  // namespace portal::finance

// ---- CSV: one row per invoice line, the voucher's columns repeated ----

namespace portal::finance {
namespace {

class CellReader {
 public:
  CellReader(const std::map<std::string, std::size_t>& columns, const csv::Record& record,
             core::FieldErrors& errors)
      : columns_(columns), record_(record), errors_(errors) {}

  std::optional<std::string> optional(const std::string& name, std::size_t max_len) {
    const auto it = columns_.find(name);
    if (it == columns_.end() || it->second >= record_.fields.size()) return std::nullopt;
    std::string value = record_.fields[it->second];
    const auto first = value.find_first_not_of(" \t");
    if (first == std::string::npos) return std::nullopt;
    value = value.substr(first, value.find_last_not_of(" \t") - first + 1);
    if (value.size() > max_len) {
      errors_.push_back({name,
                         "too_long",
                         {"Máximo " + std::to_string(max_len) + " caracteres",
                          "At most " + std::to_string(max_len) + " characters"}});
      return std::nullopt;
    }
    return value;
  }
  std::optional<std::string> required(const std::string& name, std::size_t max_len) {
    auto v = optional(name, max_len);
    if (!v && columns_.contains(name) && !too_long_reported(name))
      errors_.push_back({name, "required", json::required_message()});
    return v;
  }
  std::optional<std::string> date(const std::string& name, bool is_required) {
    auto v = is_required ? required(name, 10) : optional(name, 10);
    if (v && !core::parse_date(*v)) {
      errors_.push_back(
          {name, "invalid_format", {"Debe ser una fecha AAAA-MM-DD", "Must be a YYYY-MM-DD date"}});
      return std::nullopt;
    }
    return v;
  }
  void money(const std::string& name, long long& target, bool is_required) {
    const auto v = is_required ? required(name, 40) : optional(name, 40);
    if (!v) return;
    auto r = parse_money(*v, name);
    if (r.error)
      errors_.push_back(std::move(*r.error));
    else
      target = *r.value;
  }

 private:
  bool too_long_reported(const std::string& name) const {
    return !errors_.empty() && errors_.back().field == name;
  }
  const std::map<std::string, std::size_t>& columns_;
  const csv::Record& record_;
  core::FieldErrors& errors_;
};

constexpr const char* kRequiredColumns[] = {
    "voucher_number", "provider_nit",  "payment_date",   "payment_form",  "document_number",
    "amount_paid",    "document_type", "invoice_suffix", "invoice_value", "paid_value"};

struct CsvVoucher {
  Voucher voucher;
  core::FieldErrors voucher_errors;
  std::vector<std::pair<int, core::FieldErrors>> line_errors;
};

void read_voucher_cells(CellReader& in, Voucher& v, core::FieldErrors& errors) {
  v.provider_nit = in.required("provider_nit", 15).value_or("");
  if (!v.provider_nit.empty() && v.provider_nit.find_first_not_of("0123456789") != std::string::npos)
    errors.push_back(
        {"provider_nit",
         "invalid_format",
         {"El NIT son solo dígitos, sin dígito de verificación", "A NIT is digits only, no check digit"}});
  v.payment_date = in.date("payment_date", true).value_or("");
  if (const auto form = in.required("payment_form", 20)) {
    if (const auto parsed = parse_payment_form(*form))
      v.payment_form = *parsed;
    else
      errors.push_back({"payment_form", "invalid_value", json::invalid_value_message(kPaymentFormCodes)});
  }
  v.bank = in.optional("bank", 100);
  v.account_type = in.optional("account_type", 20);
  if (v.account_type && *v.account_type != "savings" && *v.account_type != "checking")
    errors.push_back({"account_type", "invalid_value", json::invalid_value_message(kAccountTypeCodes)});
  v.account_number = in.optional("account_number", 30);
  v.document_number = in.required("document_number", 30).value_or("");
  in.money("amount_paid", v.amount_paid, true);
  in.money("pending_to_apply", v.pending_to_apply, false);
  in.money("pending_to_apply_advance", v.pending_to_apply_advance, false);
  v.support_email = in.optional("support_email", 200);
  if (auto at = in.optional("support_at", 40)) {
    if (const auto parsed = core::parse_rfc3339(*at))
      v.support_at = core::to_rfc3339(*parsed);
    else
      errors.push_back(
          {"support_at", "invalid_format", {"Debe ser un instante RFC 3339", "Must be an RFC 3339 instant"}});
  }
  v.company = in.optional("company", 100);
}

InvoiceLine read_line_cells(CellReader& in) {
  InvoiceLine l;
  l.source_number = in.optional("source_number", 30).value_or("");
  l.document_type = in.required("document_type", 10).value_or("");
  l.invoice_prefix = in.optional("invoice_prefix", 10).value_or("");
  l.invoice_number = in.optional("invoice_number", 30).value_or("");
  l.invoice_suffix = in.required("invoice_suffix", 20).value_or("");
  l.applied_suffix = in.optional("applied_suffix", 20).value_or("");
  l.invoice_date = in.date("invoice_date", false);
  for (const auto& m : kLineMoney) in.money(m.name, l.*(m.member), m.required);
  l.crossing_date = in.date("crossing_date", false);
  l.crossing_document = in.optional("crossing_document", 30);
  l.company = in.optional("line_company", 100);
  l.filing_number = in.optional("filing_number", 30);
  return l;
}

}  // namespace

ReadLoad read_load_csv(std::string_view text, core::FieldErrors& body_errors) {
  ReadLoad out;
  if (!csv::valid_utf8(text)) {
    body_errors.push_back({"body",
                           "invalid_encoding",
                           {"El archivo debe estar en UTF-8 (en Excel: «CSV UTF-8»)",
                            "The file must be UTF-8 (in Excel: \"CSV UTF-8\")"}});
    return out;
  }
  std::vector<csv::Record> records;
  if (!csv::read(text, csv::guess_separator(text), records)) {
    body_errors.push_back({"body",
                           "malformed_csv",
                           {"Hay comillas sin cerrar en el archivo", "A quote is left open in the file"}});
    return out;
  }
  if (records.size() < 2) {
    body_errors.push_back(
        {"body", "required", {"La carga no trae comprobantes", "The load carries no vouchers"}});
    return out;
  }
  std::map<std::string, std::size_t> columns;
  for (std::size_t i = 0; i < records[0].fields.size(); ++i) columns.emplace(records[0].fields[i], i);
  for (const char* name : kRequiredColumns)
    if (!columns.contains(name))
      body_errors.push_back(
          {name,
           "missing_column",
           {"Falta la columna " + std::string(name), "The column " + std::string(name) + " is missing"}});
  if (!body_errors.empty()) return out;

  std::vector<std::string> order;
  std::map<std::string, CsvVoucher> by_number;
  core::FieldErrors numberless;
  for (std::size_t r = 1; r < records.size(); ++r) {
    const auto& record = records[r];
    core::FieldErrors errors;
    CellReader in(columns, record, errors);
    const auto number = in.required("voucher_number", 30);
    if (!number) {
      // No voucher to tie the line to: reported on its own.
      for (auto& e : errors) out.errors.push_back({"", record.line, std::move(e)});
      ++out.rejected;
      ++out.received;
      continue;
    }
    auto [it, first] = by_number.try_emplace(*number);
    auto& entry = it->second;
    if (first) {
      order.push_back(*number);
      entry.voucher.voucher_number = *number;
      core::FieldErrors voucher_errors;
      CellReader voucher_in(columns, record, voucher_errors);
      read_voucher_cells(voucher_in, entry.voucher, voucher_errors);
      // Voucher columns are reported on the first line that carries them.
      if (!voucher_errors.empty()) entry.line_errors.emplace_back(record.line, std::move(voucher_errors));
    }
    auto line = read_line_cells(in);
    line.line_no = static_cast<int>(entry.voucher.lines.size()) + 1;
    entry.voucher.lines.push_back(std::move(line));
    if (!errors.empty()) entry.line_errors.emplace_back(record.line, std::move(errors));
  }
  for (const auto& number : order) {
    auto& entry = by_number[number];
    check_voucher(entry.voucher, "", entry.voucher_errors);
    ++out.received;
    if (entry.voucher_errors.empty() && entry.line_errors.empty()) {
      out.accepted.push_back(std::move(entry.voucher));
      continue;
    }
    ++out.rejected;
    for (auto& e : entry.voucher_errors) out.errors.push_back({number, std::nullopt, std::move(e)});
    for (auto& [line, errs] : entry.line_errors)
      for (auto& e : errs) out.errors.push_back({number, line, std::move(e)});
  }
  return out;
}

}  // namespace portal::finance
