#pragma once
// Demo data (PORTAL_DEMO=true, issue 18 item 2): about a year of payment vouchers for the demo providers
// (NIT 900000001 IPS Demo Salud, 900000002 Clínica Ejemplo del Caribe), ending the day before `today`, in
// every payment form — transfers, Giro Directo/Cesión (bank fields N/A), legalizations, advances (with their
// pending-to-apply balance) and cheques — with invoice lines carrying retentions, copays and garnishments,
// plus one 2016 voucher that the queries never show (FIN-1). Pure: the same vouchers for the same day.
#include <chrono>
#include <vector>

#include "payment.hpp"
#include "portfolio.hpp"

namespace portal::finance {

std::vector<Voucher> demo_vouchers(std::chrono::year_month_day today);
// Issue 19 (FIN-4): the EPS's view of invoices FE1..FE60 of each demo provider, in every state, filed in the
// 90 days before `today`, so a demo portfolio request (suffixes 1..60, prefix FE) finds them.
std::vector<PortfolioInvoice> demo_portfolio_invoices(std::chrono::year_month_day today);

}  // namespace portal::finance
