// FIN-1 and FIN-2 (issue 18): payments by period (with the total paid), by payment number (with the
// support e-mail, date and time), by invoice; one voucher and its invoice detail (21 per page). A provider's
// users see their provider's only: another's voucher is 404, as if it did not exist (SPEC §1).
#include "finance_access.hpp"
#include "payment_json.hpp"
#include "payment_query.hpp"
#include "payment_store.hpp"
#include "portal/http/json_body.hpp"
#include "portal/http/pagination.hpp"
#include "portal/http/path_params.hpp"
#include "route_access.hpp"
#include "routes.hpp"

namespace portal::finance {
namespace {

// FIN-2: the invoice detail shows 21 invoices per page, as the Zona Ser screen does (SPEC §2).
constexpr http::PageLimits kInvoicePages{21, 200};

// The provider a caller's query is confined to: its own, or (EPS callers) the one it asks for, if any.
std::optional<std::string> scope(const FinanceAccess& access, const std::optional<std::string>& asked) {
  return access.own_provider ? access.own_provider : asked;
}

http::Response list_answer(const http::Request& req, const http::PageRequest& page, long long total,
                           std::optional<long long> total_paid,
                           const std::function<void(json::Writer&)>& items) {
  auto res = http::json_response(200, [&](json::Writer& w) {
    w.StartObject();
    json::write_key(w, "items");
    w.StartArray();
    items(w);
    w.EndArray();
    json::write_key(w, "page");
    w.Int64(page.page);
    json::write_key(w, "per_page");
    w.Int64(page.per_page);
    json::write_key(w, "total");
    w.Int64(total);
    if (total_paid) {
      json::write_key(w, "total_paid");
      w.Int64(*total_paid);
    }
    w.EndObject();
  });
  http::with_page_links(res, req, page, total);
  return std::move(res.with_language(req.lang));
}

http::Response payments(FinanceContext& ctx, http::Request& req, const FinanceAccess& access) {
  core::FieldErrors errors;
  const auto q = read_payments_query(req.query, errors);
  const auto page = http::read_page(req, {}, errors);
  if (!errors.empty()) return http::problem(req, http::validation_failed(std::move(errors)));
  const auto provider = scope(access, q.provider_nit);
  if (q.number) {
    const auto v = ctx.db->read(
        [&](db::Connection& c) { return payment_store::find_by_number(c, *q.number, provider); });
    const long long total = v ? 1 : 0;
    return list_answer(req, page, total, v ? v->amount_paid : 0, [&](json::Writer& w) {
      if (v && page.page == 1) write_voucher(w, *v, req.lang, /*with_support=*/true);
    });
  }
  payment_store::PeriodQuery period{provider, q.from, q.to, page.per_page, page.offset()};
  auto [items, totals] = ctx.db->read([&](db::Connection& c) {
    return std::pair{payment_store::list_period(c, period), payment_store::period_totals(c, period)};
  });
  return list_answer(req, page, totals.count, totals.total_paid, [&](json::Writer& w) {
    for (const auto& v : items) write_voucher(w, v, req.lang, false);
  });
}

http::Response by_invoice(FinanceContext& ctx, http::Request& req, const FinanceAccess& access) {
  core::FieldErrors errors;
  const auto q = read_invoice_query(req.query, errors);
  const auto page = http::read_page(req, {}, errors);
  if (!errors.empty()) return http::problem(req, http::validation_failed(std::move(errors)));
  const auto provider = scope(access, req.query_param("provider_nit"));
  auto [rows, total] = ctx.db->read([&](db::Connection& c) {
    return std::pair{payment_store::by_invoice(c, q.prefix, q.suffix, provider, page.per_page, page.offset()),
                     payment_store::count_by_invoice(c, q.prefix, q.suffix, provider)};
  });
  return list_answer(req, page, total, std::nullopt, [&](json::Writer& w) {
    for (const auto& row : rows) {
      w.StartObject();
      json::write_key(w, "payment");
      write_voucher(w, row.voucher, req.lang, false);
      json::write_key(w, "invoice");
      write_line(w, row.line);
      w.EndObject();
    }
  });
}

std::variant<Voucher, http::Response> voucher_of(FinanceContext& ctx, http::Request& req,
                                                 const FinanceAccess& access) {
  auto id = http::positive_id_param(req);
  if (auto* r = std::get_if<http::Response>(&id)) return std::move(*r);
  const auto v = ctx.db->read([&](db::Connection& c) {
    return payment_store::find(c, std::get<long long>(id), access.own_provider);
  });
  if (!v) return http::problem(req, http::not_found());
  return *v;
}

http::Response one(FinanceContext& ctx, http::Request& req, const FinanceAccess& access) {
  auto v = voucher_of(ctx, req, access);
  if (auto* r = std::get_if<http::Response>(&v)) return std::move(*r);
  return std::move(http::json_response(200, [&](json::Writer& w) {
                     write_voucher(w, std::get<Voucher>(v), req.lang, true);
                   }).with_language(req.lang));
}

http::Response invoices(FinanceContext& ctx, http::Request& req, const FinanceAccess& access) {
  auto v = voucher_of(ctx, req, access);
  if (auto* r = std::get_if<http::Response>(&v)) return std::move(*r);
  auto page = http::read_page(req, kInvoicePages);
  if (auto* r = std::get_if<http::Response>(&page)) return std::move(*r);
  const auto& p = std::get<http::PageRequest>(page);
  const auto& voucher = std::get<Voucher>(v);
  const auto rows = ctx.db->read(
      [&](db::Connection& c) { return payment_store::lines(c, voucher.id, p.per_page, p.offset()); });
  return list_answer(req, p, voucher.line_count, std::nullopt, [&](json::Writer& w) {
    for (const auto& l : rows) write_line(w, l);
  });
}

}  // namespace

void register_query_routes(http::Server& server, FinanceContext& ctx) {
  const std::string base = kPayments;
  server.route(http::Method::get, base, readers(ctx, payments));
  server.route(http::Method::get, base + "/by-invoice", readers(ctx, by_invoice));
  server.route(http::Method::get, base + "/:id", readers(ctx, one));
  server.route(http::Method::get, base + "/:id/invoices", readers(ctx, invoices));
}

}  // namespace portal::finance
