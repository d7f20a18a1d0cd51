#include "portfolio_invoice_load.hpp"

#include <set>
#include <tuple>

#include "portal/core/clock.hpp"
#include "portal/json/json.hpp"

namespace portal::finance {

InvoiceLoadRead read_invoice_load(const rapidjson::Value& root, core::FieldErrors& body_errors) {
  InvoiceLoadRead out;
  json::ObjectReader body(root, body_errors);
  const rapidjson::Value* invoices = body.required_array("invoices");
  if (!invoices) return out;
  if (invoices->Size() > kMaxInvoicesPerLoad) {
    body.add_error("invoices", "too_many",
                   {"Máximo " + std::to_string(kMaxInvoicesPerLoad) + " facturas por carga",
                    "At most " + std::to_string(kMaxInvoicesPerLoad) + " invoices per load"});
    return out;
  }
  constexpr long long kMaxMoney = 999'999'999'999'999;
  std::vector<std::string_view> statuses(std::begin(kInvoiceStatuses), std::end(kInvoiceStatuses));
  std::set<std::tuple<std::string, std::string, std::string>> seen;
  out.received = invoices->Size();
  for (rapidjson::SizeType i = 0; i < invoices->Size(); ++i) {
    const std::string prefix = "invoices[" + std::to_string(i) + "]";
    core::FieldErrors errors;
    if (!(*invoices)[i].IsObject()) {
      errors.push_back({prefix, "invalid_type", json::invalid_type_message("un objeto", "an object")});
    } else {
      json::ObjectReader in((*invoices)[i], errors, prefix);
      PortfolioInvoice v;
      auto nit = in.required_string("provider_nit", 15);
      if (nit && nit->find_first_not_of("0123456789") != std::string::npos)
        in.add_error("provider_nit", "not_numeric", {"Solo dígitos", "Digits only"});
      v.invoice_prefix = in.optional_string("invoice_prefix", 4).value_or("");
      auto suffix = in.required_string("invoice_suffix", 20);
      auto number = in.optional_string("invoice_number", 20);
      v.filed_on = in.optional_string("filed_on", 10);
      if (v.filed_on && !core::parse_date(*v.filed_on))
        in.add_error("filed_on", "invalid_date", {"Fecha AAAA-MM-DD", "A YYYY-MM-DD date"});
      auto status = in.required_enum("status", statuses);
      auto value = in.required_int("invoice_value", 0, kMaxMoney);
      auto glosa = in.optional_int("glosa_value", 0, kMaxMoney);
      auto paid = in.optional_int("paid_value", 0, kMaxMoney);
      auto balance = in.required_int("balance", 0, kMaxMoney);
      v.cuv = in.optional_string("cuv", 100);
      if (nit && suffix && !seen.emplace(*nit, v.invoice_prefix, *suffix).second)
        in.add_error("invoice_suffix", "duplicate_in_load",
                     {"La factura está dos veces en la carga", "The invoice appears twice in the load"});
      if (errors.empty()) {
        v.provider_nit = *nit;
        v.invoice_suffix = *suffix;
        v.invoice_number = number.value_or(v.invoice_prefix + *suffix);
        v.status = *status;
        v.invoice_value = *value;
        v.glosa_value = glosa.value_or(0);
        v.paid_value = paid.value_or(0);
        v.balance = *balance;
        out.accepted.push_back(std::move(v));
        continue;
      }
    }
    ++out.rejected;
    for (auto& e : errors) out.errors.push_back(std::move(e));
  }
  return out;
}

}  // namespace portal::finance
