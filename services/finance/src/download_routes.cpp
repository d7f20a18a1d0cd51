// FIN-3 (issue 18): a voucher with its invoices as XLSX (Zona Ser or SOS layout) or CSV, and the payments of
// a period as one XLSX. Who may download is who may read (finance_access); another provider's voucher is 404.
#include "finance_access.hpp"
#include "finance_metrics.hpp"
#include "payment_query.hpp"
#include "payment_sheet.hpp"
#include "payment_store.hpp"
#include "portal/http/path_params.hpp"
#include "portal/http/query_reader.hpp"
#include "portal/json/json.hpp"
#include "route_access.hpp"
#include "routes.hpp"
#include "sheet_files.hpp"

namespace portal::finance {
namespace {

// A period's file holds at most this many invoice lines (a bigger one is 422 naming `to`: a shorter period).
constexpr long long kMaxPeriodLines = 200000;

http::Response file(std::string body, std::string content_type, const std::string& name) {
  http::Response res;
  res.status = 200;
  res.content_type = std::move(content_type);
  res.body = std::move(body);
  res.with_header("Content-Disposition", "attachment; filename=\"" + name + "\"");
  return res;
}

// "Pago <number>" as a sheet name Excel accepts: at most 31 characters, none of []:*?/\ (the ERP's numbers
// are free text; libxlsxwriter refuses a bad name).
std::string sheet_name(const std::string& voucher_number) {
  std::string name = "Pago ";
  for (char ch : voucher_number) {
    const bool plain = (ch >= '0' && ch <= '9') || (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
                       ch == '-' || ch == '_' || ch == '.';
    if (plain && name.size() < 31) name += ch;
  }
  return name;
}

void count(FinanceContext& ctx, std::string_view format) {
  if (ctx.metrics) ctx.metrics->download(format);
}

std::optional<Layout> read_layout(http::QueryReader& in) {
  return in.choice<Layout>("layout", {{"zonaser", Layout::zonaser}, {"sos", Layout::sos}});
}

struct VoucherFile {
  Voucher voucher;
  Layout layout = Layout::zonaser;
  char separator = ',';
};

std::variant<VoucherFile, http::Response> voucher_file(FinanceContext& ctx, http::Request& req,
                                                       const FinanceAccess& access, bool csv) {
  auto id = http::positive_id_param(req);
  if (auto* r = std::get_if<http::Response>(&id)) return std::move(*r);
  core::FieldErrors errors;
  http::QueryReader in(req.query, errors);
  VoucherFile f;
  f.layout = read_layout(in).value_or(Layout::zonaser);
  if (csv)
    f.separator = in.choice<char>("separator", {{",", ','}, {";", ';'}, {"comma", ','}, {"semicolon", ';'}})
                      .value_or(',');
  if (!errors.empty()) return http::problem(req, http::validation_failed(std::move(errors)));
  auto v = ctx.db->read([&](db::Connection& c) -> std::optional<Voucher> {
    auto found = payment_store::find(c, std::get<long long>(id), access.own_provider);
    if (found) found->lines = payment_store::lines(c, found->id, -1, 0);
    return found;
  });
  if (!v) return http::problem(req, http::not_found());
  f.voucher = std::move(*v);
  return f;
}

http::Response voucher_xlsx(FinanceContext& ctx, http::Request& req, const FinanceAccess& access) {
  auto f = voucher_file(ctx, req, access, false);
  if (auto* r = std::get_if<http::Response>(&f)) return std::move(*r);
  auto& vf = std::get<VoucherFile>(f);
  Table table;
  append_voucher(table, vf.layout, vf.voucher, vf.voucher.lines);
  count(ctx, "xlsx");
  return file(to_xlsx(table, sheet_name(vf.voucher.voucher_number), ctx.tmp_dir), kXlsxContentType,
              download_name(ctx.clock.now(), "xlsx"));
}

http::Response voucher_csv(FinanceContext& ctx, http::Request& req, const FinanceAccess& access) {
  auto f = voucher_file(ctx, req, access, true);
  if (auto* r = std::get_if<http::Response>(&f)) return std::move(*r);
  auto& vf = std::get<VoucherFile>(f);
  Table table;
  append_voucher(table, vf.layout, vf.voucher, vf.voucher.lines);
  count(ctx, "csv");
  return file(to_csv(table, vf.separator), "text/csv; charset=utf-8", download_name(ctx.clock.now(), "csv"));
}

http::Response period_xlsx(FinanceContext& ctx, http::Request& req, const FinanceAccess& access) {
  core::FieldErrors errors;
  auto q = read_payments_query(req.query, errors);
  http::QueryReader in(req.query, errors);
  const auto layout = read_layout(in).value_or(Layout::zonaser);
  if (q.number) errors.push_back({"number", "not_allowed", {"Use from y to", "Use from and to"}});
  if (!errors.empty()) return http::problem(req, http::validation_failed(std::move(errors)));
  payment_store::PeriodQuery period{access.own_provider ? access.own_provider : q.provider_nit, q.from, q.to,
                                    1LL << 40, 0};
  std::optional<Table> table;
  ctx.db->read([&](db::Connection& c) {
    auto vouchers = payment_store::list_period(c, period);
    long long lines = 0;
    for (const auto& v : vouchers) lines += v.line_count;
    if (lines > kMaxPeriodLines) return;
    table.emplace();
    table->headers = headers(layout);
    // Oldest first in the file, as a ledger reads.
    for (auto it = vouchers.rbegin(); it != vouchers.rend(); ++it)
      append_voucher(*table, layout, *it, payment_store::lines(c, it->id, -1, 0));
  });
  if (!table) {
    errors.push_back(
        {"to",
         "too_many_lines",
         {"El periodo tiene más de " + std::to_string(kMaxPeriodLines) + " facturas: acórtelo",
          "The period holds more than " + std::to_string(kMaxPeriodLines) + " invoices: shorten it"}});
    return http::problem(req, http::validation_failed(std::move(errors)));
  }
  count(ctx, "xlsx");
  return file(to_xlsx(*table, "Pagos", ctx.tmp_dir), kXlsxContentType,
              download_name(ctx.clock.now(), "xlsx"));
}

}  // namespace

void register_download_routes(http::Server& server, FinanceContext& ctx) {
  const std::string base = kPayments;
  server.route(http::Method::get, base + "/:id/invoices.xlsx", readers(ctx, voucher_xlsx));
  server.route(http::Method::get, base + "/:id/invoices.csv", readers(ctx, voucher_csv));
  server.route(http::Method::get, base + ".xlsx", readers(ctx, period_xlsx));
}

}  // namespace portal::finance
