// FIN-1 loading (issue 18): POST /api/v1/payments/imports, JSON or CSV, by EPS finance or the EPS's ERP.
// The body is read whole into vouchers (payment_load); the accepted ones are written in one transaction
// with the load's audit record; a voucher number already loaded is replaced, never duplicated.
#include "finance_access.hpp"
#include "finance_metrics.hpp"
#include "payment_json.hpp"
#include "payment_load.hpp"
#include "payment_store.hpp"
#include "portal/audit/audit_trail.hpp"
#include "portal/core/text.hpp"
#include "portal/http/json_body.hpp"
#include "routes.hpp"

namespace portal::finance {
namespace {

void count(FinanceContext& ctx, std::string_view outcome, long long vouchers = 0, long long lines = 0) {
  if (ctx.metrics) ctx.metrics->load(outcome, vouchers, lines);
}

bool is_csv(const http::Request& req) {
  const auto type = req.header("Content-Type");
  if (!type) return false;
  const auto media = type->substr(0, type->find(';'));
  std::string lower;
  for (char ch : media)
    if (ch != ' ' && ch != '\t') lower += static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
  return lower == "text/csv";
}

// The audit summary: counts and the voucher numbers written (JSON text).
std::string summary(const LoadReport& r, const std::vector<Voucher>& written) {
  rapidjson::StringBuffer buffer;
  json::Writer w(buffer);
  w.StartObject();
  for (const auto& [key, n] : {std::pair{"received", r.received}, std::pair{"created", r.created},
                               std::pair{"replaced", r.replaced}, std::pair{"rejected", r.rejected}}) {
    json::write_key(w, key);
    w.Uint64(n);
  }
  json::write_key(w, "lines");
  w.Int64(r.lines_loaded);
  json::write_key(w, "vouchers");
  w.StartArray();
  // Enough to find a voucher's load in the trail without making one record the size of the load.
  for (std::size_t i = 0; i < written.size() && i < 1000; ++i)
    json::write_string(w, written[i].voucher_number);
  w.EndArray();
  w.EndObject();
  return {buffer.GetString(), buffer.GetSize()};
}

http::Response load(FinanceContext& ctx, http::Request& req) {
  core::FieldErrors body_errors;
  ReadLoad read;
  if (is_csv(req)) {
    read = read_load_csv(req.body, body_errors);
  } else {
    auto body = http::read_json_body(req);
    if (auto* r = std::get_if<http::Response>(&body)) {
      count(ctx, "invalid");
      return std::move(*r);
    }
    read = read_load_json(std::get<rapidjson::Document>(body), body_errors);
  }
  if (!body_errors.empty()) {
    count(ctx, "invalid");
    return http::problem(req, http::validation_failed(std::move(body_errors)));
  }
  LoadReport report;
  report.received = read.received;
  report.rejected = read.rejected;
  if (read.accepted.empty()) {
    // Nothing to write: every voucher was refused. 422 naming every bad field (the same per-line report).
    count(ctx, "rejected");
    core::FieldErrors errors;
    for (auto& e : read.errors) errors.push_back(std::move(e.error));
    return http::problem(req, http::validation_failed(std::move(errors)));
  }
  const auto now = ctx.clock.now();
  const std::string by = req.principal->subject;
  ctx.db->write([&](db::Connection& c) {
    for (auto& v : read.accepted) {
      if (payment_store::upsert(c, v, now, by))
        ++report.replaced;
      else
        ++report.created;
      report.lines_loaded += static_cast<long long>(v.lines.size());
    }
    audit::record(c, audit::entry_for(req, now, "payments_loaded", "payment_load", req.request_id,
                                      summary(report, read.accepted)));
  });
  count(ctx, read.rejected == 0 ? "loaded" : "partial", static_cast<long long>(read.accepted.size()),
        report.lines_loaded);
  ctx.logger.info("payments_loaded", {{"created", static_cast<long long>(report.created)},
                                      {"replaced", static_cast<long long>(report.replaced)},
                                      {"rejected", static_cast<long long>(report.rejected)},
                                      {"lines", report.lines_loaded},
                                      {"request_id", req.request_id}});
  return http::json_response(200,
                             [&](json::Writer& w) { write_load_report(w, report, read.errors, req.lang); })
      .with_language(req.lang);
}

}  // namespace

void register_load_routes(http::Server& server, FinanceContext& ctx) {
  server.route(http::Method::post, std::string(kPayments) + "/imports", [&ctx](http::Request& req) {
    if (!finance_access(*req.principal).load) return http::problem(req, http::forbidden());
    return load(ctx, req);
  });
}

}  // namespace portal::finance
