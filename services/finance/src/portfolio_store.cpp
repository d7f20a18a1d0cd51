#include "portfolio_store.hpp"

namespace portal::finance::portfolio_store {
namespace {

constexpr const char* kRequestColumns =
    "id, provider_nit, requested_by, notify_email, bogota_day, created_at, file_name, content_sha256, "
    "row_count, "
    "status, processed_rows, rows_with_errors, attempts, started_at, finished_at, error, uploaded_file_name";

PortfolioRequest read_request(const db::Row& r) {
  PortfolioRequest p;
  int i = 0;
  p.id = r.int64(i++);
  p.provider_nit = r.text(i++);
  p.requested_by = r.text(i++);
  p.notify_email = r.optional_text(i++);
  p.bogota_day = r.text(i++);
  p.created_at = r.int64(i++);
  p.file_name = r.text(i++);
  p.content_sha256 = r.text(i++);
  p.row_count = r.int64(i++);
  p.status = r.text(i++);
  p.processed_rows = r.int64(i++);
  p.rows_with_errors = r.int64(i++);
  p.attempts = r.int64(i++);
  if (!r.is_null(i)) p.started_at = r.int64(i);
  ++i;
  if (!r.is_null(i)) p.finished_at = r.int64(i);
  ++i;
  p.error = r.optional_text(i++);
  p.uploaded_file_name = r.optional_text(i++);
  return p;
}

}  // namespace

int accepted_on(db::Connection& c, const std::string& provider_nit, const std::string& bogota_day) {
  return static_cast<int>(
      c.query_int64("SELECT COUNT(*) FROM portfolio_requests WHERE provider_nit = ? AND bogota_day = ?",
                    {provider_nit, bogota_day})
          .value_or(0));
}

long long create(db::Connection& c, const PortfolioRequest& r) {
  return *c.query_int64(
      "INSERT INTO portfolio_requests (provider_nit, requested_by, notify_email, bogota_day, created_at, "
      "file_name, uploaded_file_name, content_sha256, row_count, status, processed_rows, rows_with_errors, "
      "attempts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', 0, 0, 0) RETURNING id",
      {r.provider_nit, r.requested_by, r.notify_email, r.bogota_day, r.created_at, r.file_name,
       r.uploaded_file_name, r.content_sha256, r.row_count});
}

std::optional<PortfolioRequest> find(db::Connection& c, long long id) {
  return c.query_one(std::string("SELECT ") + kRequestColumns + " FROM portfolio_requests WHERE id = ?", {id},
                     read_request);
}

std::vector<long long> claimable(db::Connection& c, long long now_ms) {
  return c.query_all(
      "SELECT id FROM portfolio_requests WHERE status = 'queued' OR (status = 'running' AND (runner IS NULL "
      "OR "
      "lease_until < ?)) ORDER BY id",
      {now_ms}, [](const db::Row& r) { return r.int64(0); });
}

bool claim(db::Connection& c, long long id, const std::string& runner, long long lease_until_ms,
           long long now_ms) {
  return c.exec(
             "UPDATE portfolio_requests SET status = 'running', runner = ?, lease_until = ?, attempts = "
             "attempts + 1, "
             "processed_rows = 0, rows_with_errors = 0, started_at = COALESCE(started_at, ?) WHERE id = ? "
             "AND "
             "(status = 'queued' OR (status = 'running' AND (runner IS NULL OR lease_until < ?)))",
             {runner, lease_until_ms, now_ms, id, now_ms}) == 1;
}

bool progress(db::Connection& c, long long id, const std::string& runner, long long processed_rows,
              long long lease_until_ms) {
  return c.exec(
             "UPDATE portfolio_requests SET processed_rows = ?, lease_until = ? WHERE id = ? AND runner = ? "
             "AND "
             "status = 'running'",
             {processed_rows, lease_until_ms, id, runner}) == 1;
}

bool complete(db::Connection& c, long long id, const std::string& runner, long long processed_rows,
              long long rows_with_errors, long long now_ms) {
  return c.exec(
             "UPDATE portfolio_requests SET status = 'completed', processed_rows = ?, rows_with_errors = ?, "
             "finished_at = ?, runner = NULL, lease_until = NULL WHERE id = ? AND runner = ? AND status = "
             "'running'",
             {processed_rows, rows_with_errors, now_ms, id, runner}) == 1;
}

bool fail(db::Connection& c, long long id, const std::string& runner, const std::string& error,
          long long now_ms) {
  return c.exec(
             "UPDATE portfolio_requests SET status = 'failed', error = ?, finished_at = ?, runner = NULL, "
             "lease_until = NULL WHERE id = ? AND runner = ? AND status = 'running'",
             {error, now_ms, id, runner}) == 1;
}

void release(db::Connection& c, long long id, const std::string& runner) {
  c.exec("UPDATE portfolio_requests SET runner = NULL WHERE id = ? AND runner = ? AND status = 'running'",
         {id, runner});
}

std::vector<std::string> file_names(db::Connection& c) {
  return c.query_all("SELECT file_name FROM portfolio_requests", {},
                     [](const db::Row& r) { return r.text(0); });
}

bool upsert_invoice(db::Connection& c, const PortfolioInvoice& v, long long now_ms, const std::string& by) {
  const auto existing = c.query_int64(
      "SELECT id FROM portfolio_invoices WHERE provider_nit = ? AND invoice_prefix = ? AND invoice_suffix = "
      "?",
      {v.provider_nit, v.invoice_prefix, v.invoice_suffix});
  if (existing) {
    c.exec(
        "UPDATE portfolio_invoices SET invoice_number = ?, filed_on = ?, status = ?, invoice_value = ?, "
        "glosa_value = ?, "
        "paid_value = ?, balance = ?, cuv = ?, loaded_at = ?, loaded_by = ? WHERE id = ?",
        {v.invoice_number, v.filed_on, v.status, v.invoice_value, v.glosa_value, v.paid_value, v.balance,
         v.cuv, now_ms, by, *existing});
    return false;
  }
  c.exec(
      "INSERT INTO portfolio_invoices (provider_nit, invoice_prefix, invoice_suffix, invoice_number, "
      "filed_on, status, "
      "invoice_value, glosa_value, paid_value, balance, cuv, loaded_at, loaded_by) VALUES (?, ?, ?, ?, ?, ?, "
      "?, ?, ?, ?, "
      "?, ?, ?)",
      {v.provider_nit, v.invoice_prefix, v.invoice_suffix, v.invoice_number, v.filed_on, v.status,
       v.invoice_value, v.glosa_value, v.paid_value, v.balance, v.cuv, now_ms, by});
  return true;
}

std::optional<PortfolioInvoice> find_invoice(db::Connection& c, const std::string& provider_nit,
                                             const std::string& prefix, const std::string& suffix) {
  return c.query_one(
      "SELECT provider_nit, invoice_prefix, invoice_suffix, invoice_number, filed_on, status, invoice_value, "
      "glosa_value, paid_value, balance, cuv FROM portfolio_invoices WHERE provider_nit = ? AND "
      "invoice_prefix = ? AND "
      "invoice_suffix = ?",
      {provider_nit, prefix, suffix}, [](const db::Row& r) {
        PortfolioInvoice v;
        v.provider_nit = r.text(0);
        v.invoice_prefix = r.text(1);
        v.invoice_suffix = r.text(2);
        v.invoice_number = r.text(3);
        v.filed_on = r.optional_text(4);
        v.status = r.text(5);
        v.invoice_value = r.int64(6);
        v.glosa_value = r.int64(7);
        v.paid_value = r.int64(8);
        v.balance = r.int64(9);
        v.cuv = r.optional_text(10);
        return v;
      });
}

long long count_invoices(db::Connection& c) {
  return c.query_int64("SELECT COUNT(*) FROM portfolio_invoices").value_or(0);
}

}  // namespace portal::finance::portfolio_store
