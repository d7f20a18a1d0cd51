#pragma once
// FIN-1 (issue 18): a payment voucher (comprobante de egreso) as the EPS's ERP loads it, and the invoices it
// paid. Plain structs and pure rules: no I/O. Money is integer pesos.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "portal/core/errors.hpp"

namespace portal::finance {

// The largest amount accepted in a load (a quadrillion pesos minus one): far above any real payment, far
// below what a 64-bit sum of a million lines could overflow.
inline constexpr long long kMaxMoney = 999'999'999'999'999LL;
// FIN-1: documents before this year are never shown (the Zona Ser screen: "solo muestra los documentos
// generados desde el año 2017").
inline constexpr int kFirstYearShown = 2017;

// Payment forms (Zona Ser "Forma de Pago", SOS "Tipo de Pago").
enum class PaymentForm { transfer, direct_transfer, legalization, advance, check };
inline const std::vector<std::string_view> kPaymentFormCodes = {"transfer", "direct_transfer", "legalization",
                                                                "advance", "check"};
std::optional<PaymentForm> parse_payment_form(std::string_view code);
std::string_view to_string(PaymentForm form);
// The portals' label: "Transferencia Electrónica", "Giro Directo/Cesión", "Legalización", "Anticipo",
// "Cheque".
std::string_view payment_form_label(PaymentForm form, core::Lang lang);
// FIN-1: for "Giro Directo/Cesión" the bank, account type and account number do not apply ("N/A").
bool bank_fields_apply(PaymentForm form);
inline constexpr std::string_view kNotApplicable = "N/A";

inline const std::vector<std::string_view> kAccountTypeCodes = {"savings", "checking"};
std::string_view account_type_label(std::string_view code, core::Lang lang);  // "Ahorros" / "Corriente"

struct InvoiceLine {
  int line_no = 0;
  std::string source_number;  // voucher or advance number (defaults to the voucher's)
  std::string document_type;
  std::string invoice_prefix;
  std::string invoice_number;  // defaults to prefix + suffix
  std::string invoice_suffix;
  std::string applied_suffix;               // defaults to the suffix
  std::optional<std::string> invoice_date;  // YYYY-MM-DD
  long long invoice_value = 0;
  long long net_value = 0;
  long long paid_value = 0;
  long long financial_discount = 0;
  long long balance = 0;
  long long garnishments = 0;
  long long iva = 0;
  long long retefuente = 0;
  long long reteica = 0;
  long long reteiva = 0;
  long long stamp_tax = 0;
  long long others = 0;
  std::optional<std::string> crossing_date;
  std::optional<std::string> crossing_document;
  long long crossing_value = 0;
  long long copay = 0;
  long long moderating_fee = 0;
  std::optional<std::string> company;
  std::optional<std::string> filing_number;
};

struct Voucher {
  long long id = 0;  // set once stored
  std::string voucher_number;
  std::string provider_nit;
  std::string payment_date;  // YYYY-MM-DD
  PaymentForm payment_form = PaymentForm::transfer;
  std::optional<std::string> bank;
  std::optional<std::string> account_type;
  std::optional<std::string> account_number;
  std::string document_number;
  long long amount_paid = 0;
  long long pending_to_apply = 0;
  long long pending_to_apply_advance = 0;
  std::optional<std::string> support_email;
  std::optional<std::string> support_at;  // RFC 3339
  std::optional<std::string> company;
  std::vector<InvoiceLine> lines;
  long long line_count = 0;  // when read back without its lines
};

// One amount of money as the ERP wrote it (a JSON number's or a CSV cell's text): an integer in
// [0, kMaxMoney]. Error codes: "not_integer" (decimals, exponent, letters), "out_of_range".
struct MoneyResult {
  std::optional<long long> value;
  std::optional<core::FieldError> error;
};
MoneyResult parse_money(std::string_view text, const std::string& field);

inline constexpr const char* kFirstDayShown = "2017-01-01";
// FIN-1: a period starting before 2017 starts on 1 January 2017.
std::chrono::year_month_day first_day_shown(std::chrono::year_month_day from);

// The voucher's own rules once read: bank fields required unless Giro Directo/Cesión (whose bank fields are
// dropped), at least one line; the lines' defaults filled in. Errors named with `prefix`. Documents before
// 2017 are loaded (the ERP keeps its history) but never shown: every query starts at kFirstDayShown.
void check_voucher(Voucher& v, const std::string& prefix, core::FieldErrors& errors);

}  // namespace portal::finance
