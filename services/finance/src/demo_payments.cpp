#include "demo_payments.hpp"

#include <array>

#include "portal/core/clock.hpp"

namespace portal::finance {
namespace {

struct DemoProvider {
  const char* nit;
  const char* number_prefix;
};
constexpr std::array<DemoProvider, 2> kProviders{{{"900000001", "1"}, {"900000002", "2"}}};
constexpr std::array<PaymentForm, 5> kForms{PaymentForm::transfer, PaymentForm::direct_transfer,
                                            PaymentForm::legalization, PaymentForm::advance,
                                            PaymentForm::check};
constexpr std::array<const char*, 3> kBanks{"Bancolombia", "Banco de Bogotá", "Banco Davivienda"};

InvoiceLine demo_line(int voucher, int n, const std::string& date, PaymentForm form) {
  InvoiceLine l;
  l.line_no = n;
  l.document_type = n % 7 == 0 ? "NC" : "FV";  // now and then a credit note
  l.invoice_prefix = voucher % 3 == 0 ? "FEDS" : "FE";
  l.invoice_suffix = std::to_string(10000 + voucher * 10 + n);
  l.invoice_number = l.invoice_prefix + l.invoice_suffix;
  l.applied_suffix = l.invoice_suffix;
  l.invoice_date = date;
  l.invoice_value = 150000LL + 37500LL * ((voucher * 7 + n * 13) % 40);
  l.iva = 0;  // health services are IVA-exempt; kept as a column
  l.retefuente = l.invoice_value * 2 / 100;
  l.reteica = l.invoice_value * 7 / 1000;
  l.reteiva = 0;
  l.stamp_tax = 0;
  l.copay = n % 4 == 0 ? 4600 : 0;
  l.moderating_fee = n % 5 == 0 ? 3500 : 0;
  l.net_value = l.invoice_value - l.retefuente - l.reteica - l.copay - l.moderating_fee;
  l.garnishments = voucher % 6 == 5 && n == 1 ? l.net_value / 10 : 0;  // embargo on some vouchers
  l.financial_discount = n % 9 == 0 ? l.net_value / 100 : 0;
  l.paid_value = l.net_value - l.garnishments - l.financial_discount;
  l.balance = (voucher + n) % 8 == 0 ? 25000 : 0;
  l.paid_value -= l.balance;
  l.others = 0;
  if (form == PaymentForm::legalization) {
    l.crossing_date = date;
    l.crossing_document = "ANT-" + std::to_string(voucher);
    l.crossing_value = l.paid_value;
  }
  l.company = "EPS Demo";
  l.filing_number = "RAD-" + std::to_string(2000 + voucher * 10 + n);
  return l;
}

}  // namespace

std::vector<Voucher> demo_vouchers(std::chrono::year_month_day today) {
  using namespace std::chrono;
  std::vector<Voucher> out;
  const sys_days end{today};
  int voucher = 0;
  for (const auto& provider : kProviders) {
    // A payment every 15 days over the twelve months before today.
    for (int back = 24; back >= 1; --back) {
      const sys_days day = end - days{back * 15};
      const auto date = core::format_date(year_month_day{day});
      ++voucher;
      Voucher v;
      v.voucher_number = std::string(provider.number_prefix) + "0000" + std::to_string(13000 + voucher);
      v.provider_nit = provider.nit;
      v.payment_date = date;
      v.payment_form = kForms[static_cast<std::size_t>(voucher) % kForms.size()];
      if (bank_fields_apply(v.payment_form)) {
        v.bank = kBanks[static_cast<std::size_t>(voucher) % kBanks.size()];
        v.account_type = voucher % 2 == 0 ? "savings" : "checking";
        v.account_number = std::string("4044") + std::to_string(236900 + voucher);
      }
      v.document_number = "CE-" + std::to_string(80000 + voucher);
      v.support_email = "pagos@eps-demo.example";
      v.support_at = date + "T20:30:00Z";  // 15:30 in Bogotá
      v.company = "EPS Demo";
      const int lines = 3 + voucher % 9;
      for (int n = 1; n <= lines; ++n) {
        auto line = demo_line(voucher, n, date, v.payment_form);
        line.source_number =
            v.payment_form == PaymentForm::advance ? "ANT-" + std::to_string(voucher) : v.voucher_number;
        v.amount_paid += line.paid_value;
        v.lines.push_back(std::move(line));
      }
      if (v.payment_form == PaymentForm::advance) v.pending_to_apply_advance = 5000000;
      if (voucher % 4 == 0) v.pending_to_apply = 120000;
      out.push_back(std::move(v));
    }
  }
  // Before 2017: loaded, never shown (FIN-1).
  Voucher old;
  old.voucher_number = "100009999";
  old.provider_nit = kProviders[0].nit;
  old.payment_date = "2016-11-30";
  old.payment_form = PaymentForm::transfer;
  old.bank = kBanks[0];
  old.account_type = "savings";
  old.account_number = "4044236941";
  old.document_number = "CE-1";
  old.lines.push_back(demo_line(0, 1, old.payment_date, old.payment_form));
  old.lines[0].source_number = old.voucher_number;
  old.amount_paid = old.lines[0].paid_value;
  out.push_back(std::move(old));
  return out;
}

std::vector<PortfolioInvoice> demo_portfolio_invoices(std::chrono::year_month_day today) {
  std::vector<PortfolioInvoice> out;
  const auto base = std::chrono::sys_days{today};
  for (const char* nit : {"900000001", "900000002"}) {
    for (int i = 1; i <= 60; ++i) {
      PortfolioInvoice v;
      v.provider_nit = nit;
      v.invoice_prefix = "FE";
      v.invoice_suffix = std::to_string(i);
      v.invoice_number = "FE" + std::to_string(i);
      v.filed_on = core::format_date(std::chrono::year_month_day{base - std::chrono::days{90 - i}});
      v.status = std::string(kInvoiceStatuses[i % std::size(kInvoiceStatuses)]);
      v.invoice_value = 100000LL * (i % 17 + 3);
      v.glosa_value = v.status == "glosa" ? v.invoice_value / 5 : 0;
      v.paid_value =
          v.status == "paid" ? v.invoice_value : (v.status == "partially_paid" ? v.invoice_value / 2 : 0);
      v.balance = v.status == "returned" ? 0 : v.invoice_value - v.paid_value - v.glosa_value;
      out.push_back(std::move(v));
    }
  }
  return out;
}

}  // namespace portal::finance
