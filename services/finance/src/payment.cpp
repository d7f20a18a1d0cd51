#include "payment.hpp"

#include <charconv>

#include "portal/core/clock.hpp"

namespace portal::finance {

std::optional<PaymentForm> parse_payment_form(std::string_view code) {
  for (std::size_t i = 0; i < kPaymentFormCodes.size(); ++i)
    if (kPaymentFormCodes[i] == code) return static_cast<PaymentForm>(i);
  return std::nullopt;
}

std::string_view to_string(PaymentForm form) { return kPaymentFormCodes[static_cast<std::size_t>(form)]; }

std::string_view payment_form_label(PaymentForm form, core::Lang lang) {
  const bool en = lang == core::Lang::en;
  switch (form) {
    case PaymentForm::transfer:
      return en ? "Electronic transfer" : "Transferencia Electrónica";
    case PaymentForm::direct_transfer:
      return en ? "Direct transfer/Assignment" : "Giro Directo/Cesión";
    case PaymentForm::legalization:
      return en ? "Legalization" : "Legalización";
    case PaymentForm::advance:
      return en ? "Advance" : "Anticipo";
    case PaymentForm::check:
      return en ? "Cheque" : "Cheque";
  }
  return "";
}

bool bank_fields_apply(PaymentForm form) { return form != PaymentForm::direct_transfer; }

std::string_view account_type_label(std::string_view code, core::Lang lang) {
  const bool en = lang == core::Lang::en;
  if (code == "savings") return en ? "Savings" : "Ahorros";
  if (code == "checking") return en ? "Checking" : "Corriente";
  return code;
}

MoneyResult parse_money(std::string_view text, const std::string& field) {
  MoneyResult r;
  const bool digits_only = !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
  if (!digits_only) {
    // A sign is not money here: refunds and reversals are the ERP's own vouchers.
    const bool negative = !text.empty() && text[0] == '-' &&
                          text.substr(1).find_first_not_of("0123456789") == std::string_view::npos &&
                          text.size() > 1;
    if (negative) {
      r.error = core::FieldError{field,
                                 "out_of_range",
                                 {"Debe ser un valor en pesos entre 0 y 999999999999999",
                                  "Must be an amount in pesos between 0 and 999999999999999"}};
    } else {
      r.error = core::FieldError{field,
                                 "not_integer",
                                 {"Debe ser un valor entero en pesos, sin decimales",
                                  "Must be a whole number of pesos, no decimals"}};
    }
    return r;
  }
  long long n = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc{} || end != text.data() + text.size() || n > kMaxMoney) {
    r.error = core::FieldError{field,
                               "out_of_range",
                               {"Debe ser un valor en pesos entre 0 y 999999999999999",
                                "Must be an amount in pesos between 0 and 999999999999999"}};
    return r;
  }
  r.value = n;
  return r;
}

std::chrono::year_month_day first_day_shown(std::chrono::year_month_day from) {
  const std::chrono::year_month_day first{std::chrono::year{kFirstYearShown}, std::chrono::January,
                                          std::chrono::day{1}};
  return from < first ? first : from;
}

void check_voucher(Voucher& v, const std::string& prefix, core::FieldErrors& errors) {
  if (bank_fields_apply(v.payment_form)) {
    const std::pair<const char*, const std::optional<std::string>*> fields[] = {
        {"bank", &v.bank}, {"account_type", &v.account_type}, {"account_number", &v.account_number}};
    for (const auto& [name, value] : fields)
      if (!*value || (*value)->empty())
        errors.push_back(
            {prefix + name,
             "required",
             {"Requerido salvo en Giro Directo/Cesión", "Required unless direct transfer/assignment"}});
  } else {
    // FIN-1: they do not apply; whatever the ERP sent is not kept, so every reader shows "N/A".
    v.bank.reset();
    v.account_type.reset();
    v.account_number.reset();
  }
  if (v.lines.empty())
    errors.push_back(
        {prefix + "invoices",
         "required",
         {"Un comprobante debe traer al menos una factura", "A voucher must carry at least one invoice"}});
  for (auto& line : v.lines) {
    if (line.source_number.empty()) line.source_number = v.voucher_number;
    if (line.invoice_number.empty()) line.invoice_number = line.invoice_prefix + line.invoice_suffix;
    if (line.applied_suffix.empty()) line.applied_suffix = line.invoice_suffix;
  }
}

}  // namespace portal::finance
