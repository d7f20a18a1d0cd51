#include "payment_sheet.hpp"

#include <cstdio>

#include "portal/core/clock.hpp"

namespace portal::finance {
namespace {

Cell text(std::string s) { return Cell{Cell::Kind::text, std::move(s), 0}; }
Cell money(long long n) { return Cell{Cell::Kind::money, {}, n}; }
Cell date(const std::optional<std::string>& d) { return Cell{Cell::Kind::date, d.value_or(""), 0}; }

std::string bank_text(const Voucher& v, const std::optional<std::string>& value) {
  if (!bank_fields_apply(v.payment_form)) return std::string(kNotApplicable);
  return value.value_or("");
}

const std::vector<std::string> kZonaSerHeaders = {
    // the voucher (Comprobantes de Egreso)
    "Fecha de Pago", "Nombre del Banco", "Tipo de Cuenta", "Número de Cuenta", "N° Documento", "Valor Pago",
    "Valor Pendiente por Aplicar", "Valor Pendiente por Aplicar Anticipo",
    // the invoice detail (Detalle de Pagos) and the download's extra columns
    "N° Comprobante de Pago / Anticipo", "Tipo Documento", "Número de Factura", "Valor Factura", "Valor Neto",
    "Valor Pagado", "Descuento Financiero", "Saldo", "Embargos", "IVA", "Retefuente", "ReteICA", "ReteIVA",
    "Impuesto Timbre", "Forma de Pago", "Fecha Cruce", "Documento Cruce", "Valor Cruce", "Copago",
    "Cuota Moderadora"};

const std::vector<std::string> kSosHeaders = {"NIT",
                                              "TIPO DE PAGO",
                                              "NÚMERO CUENTA BANCO",
                                              "NÚMERO PAGO",
                                              "FECHA DE PAGO",
                                              "VALOR PAGADO",
                                              "TIPO DOCUMENTO",
                                              "PREFIJO FACTURA",
                                              "SUFIJO FACTURA",
                                              "SUFIJO FACTURA APLICADO",
                                              "FECHA FACTURA",
                                              "VALOR FACTURA",
                                              "IVA",
                                              "RETEFUENTE",
                                              "RETEICA",
                                              "RETEIVA",
                                              "OTROS",
                                              "COMPAÑÍA",
                                              "NO_RADICADO"};

Row zonaser_row(const Voucher& v, const InvoiceLine& l) {
  const auto account_type = bank_fields_apply(v.payment_form)
                                ? std::string(account_type_label(v.account_type.value_or(""), core::Lang::es))
                                : std::string(kNotApplicable);
  return {date(v.payment_date),
          text(bank_text(v, v.bank)),
          text(account_type),
          text(bank_text(v, v.account_number)),
          text(v.document_number),
          money(v.amount_paid),
          money(v.pending_to_apply),
          money(v.pending_to_apply_advance),
          text(l.source_number),
          text(l.document_type),
          text(l.invoice_number),
          money(l.invoice_value),
          money(l.net_value),
          money(l.paid_value),
          money(l.financial_discount),
          money(l.balance),
          money(l.garnishments),
          money(l.iva),
          money(l.retefuente),
          money(l.reteica),
          money(l.reteiva),
          money(l.stamp_tax),
          text(std::string(payment_form_label(v.payment_form, core::Lang::es))),
          date(l.crossing_date),
          text(l.crossing_document.value_or("")),
          money(l.crossing_value),
          money(l.copay),
          money(l.moderating_fee)};
}

// Manual 003 §5.1: per invoice, VALOR PAGADO is what this payment paid of it (the line's paid value).
Row sos_row(const Voucher& v, const InvoiceLine& l) {
  return {text(v.provider_nit),
          text(std::string(payment_form_label(v.payment_form, core::Lang::es))),
          text(bank_text(v, v.account_number)),
          text(v.voucher_number),
          date(v.payment_date),
          money(l.paid_value),
          text(l.document_type),
          text(l.invoice_prefix),
          text(l.invoice_suffix),
          text(l.applied_suffix),
          date(l.invoice_date),
          money(l.invoice_value),
          money(l.iva),
          money(l.retefuente),
          money(l.reteica),
          money(l.reteiva),
          money(l.others),
          text(l.company.value_or("")),
          text(l.filing_number.value_or(""))};
}

}  // namespace

std::optional<Layout> parse_layout(std::string_view code) {
  if (code == "zonaser") return Layout::zonaser;
  if (code == "sos") return Layout::sos;
  return std::nullopt;
}

std::vector<std::string> headers(Layout layout) {
  return layout == Layout::sos ? kSosHeaders : kZonaSerHeaders;
}

void append_voucher(Table& table, Layout layout, const Voucher& voucher,
                    const std::vector<InvoiceLine>& lines) {
  if (table.headers.empty()) table.headers = headers(layout);
  for (const auto& l : lines)
    table.rows.push_back(layout == Layout::sos ? sos_row(voucher, l) : zonaser_row(voucher, l));
}

std::string download_name(core::Instant at, std::string_view extension) {
  const auto local = at + core::kBogotaOffset;
  const auto day = std::chrono::floor<std::chrono::days>(local);
  const std::chrono::year_month_day ymd{day};
  const std::chrono::hh_mm_ss hms{std::chrono::floor<std::chrono::seconds>(local - day)};
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "Resumen-Facturas-Pagas_%04d%02u%02u%02d%02d%02d.",
                static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()), static_cast<int>(hms.hours().count()),
                static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()));
  return std::string(buffer) + std::string(extension);
}

std::string display_date(std::string_view iso) {
  if (iso.size() != 10) return std::string(iso);
  return std::string(iso.substr(8, 2)) + "/" + std::string(iso.substr(5, 2)) + "/" +
         std::string(iso.substr(0, 4));
}

}  // namespace portal::finance
