#include "payment_store.hpp"

#include <algorithm>

namespace portal::finance::payment_store {
namespace {

constexpr const char* kVoucherColumns =
    "v.id, v.voucher_number, v.provider_nit, v.payment_date, v.payment_form, v.bank, v.account_type, "
    "v.account_number, v.document_number, v.amount_paid, v.pending_to_apply, v.pending_to_apply_advance, "
    "v.support_email, v.support_at, v.company, v.line_count";
constexpr int kVoucherColumnCount = 16;

constexpr const char* kLineColumns =
    "l.line_no, l.source_number, l.document_type, l.invoice_prefix, l.invoice_number, l.invoice_suffix, "
    "l.applied_suffix, l.invoice_date, l.invoice_value, l.net_value, l.paid_value, l.financial_discount, "
    "l.balance, l.garnishments, l.iva, l.retefuente, l.reteica, l.reteiva, l.stamp_tax, l.others, "
    "l.crossing_date, l.crossing_document, l.crossing_value, l.copay, l.moderating_fee, l.company, "
    "l.filing_number";

Voucher read_voucher(const db::Row& r) {
  Voucher v;
  int i = 0;
  v.id = r.int64(i++);
  v.voucher_number = r.text(i++);
  v.provider_nit = r.text(i++);
  v.payment_date = r.text(i++);
  v.payment_form = parse_payment_form(r.text(i++)).value_or(PaymentForm::transfer);
  v.bank = r.optional_text(i++);
  v.account_type = r.optional_text(i++);
  v.account_number = r.optional_text(i++);
  v.document_number = r.text(i++);
  v.amount_paid = r.int64(i++);
  v.pending_to_apply = r.int64(i++);
  v.pending_to_apply_advance = r.int64(i++);
  v.support_email = r.optional_text(i++);
  v.support_at = r.optional_text(i++);
  v.company = r.optional_text(i++);
  v.line_count = r.int64(i++);
  return v;
}

InvoiceLine read_line(const db::Row& r, int i) {
  InvoiceLine l;
  l.line_no = r.int32(i++);
  l.source_number = r.text(i++);
  l.document_type = r.text(i++);
  l.invoice_prefix = r.text(i++);
  l.invoice_number = r.text(i++);
  l.invoice_suffix = r.text(i++);
  l.applied_suffix = r.text(i++);
  l.invoice_date = r.optional_text(i++);
  for (long long InvoiceLine::*m :
       {&InvoiceLine::invoice_value, &InvoiceLine::net_value, &InvoiceLine::paid_value,
        &InvoiceLine::financial_discount, &InvoiceLine::balance, &InvoiceLine::garnishments,
        &InvoiceLine::iva, &InvoiceLine::retefuente, &InvoiceLine::reteica, &InvoiceLine::reteiva,
        &InvoiceLine::stamp_tax, &InvoiceLine::others})
    l.*m = r.int64(i++);
  l.crossing_date = r.optional_text(i++);
  l.crossing_document = r.optional_text(i++);
  l.crossing_value = r.int64(i++);
  l.copay = r.int64(i++);
  l.moderating_fee = r.int64(i++);
  l.company = r.optional_text(i++);
  l.filing_number = r.optional_text(i++);
  return l;
}

// Lines go in multi-row INSERTs of up to kLinesPerInsert rows: on PostgreSQL each statement is a round
// trip, and a million lines one by one took 54 s of the 60 s budget (docs/performance.md). Two statement
// texts at most per voucher (full chunks and the rest), each prepared once per connection.
constexpr std::size_t kLinesPerInsert = 100;
constexpr int kLineColumnCount = 29;

std::string insert_lines_sql(std::size_t rows) {
  std::string sql =
      "INSERT INTO payment_invoice_lines (voucher_id, line_no, provider_nit, source_number, document_type, "
      "invoice_prefix, invoice_number, invoice_suffix, applied_suffix, invoice_date, invoice_value, "
      "net_value, "
      "paid_value, financial_discount, balance, garnishments, iva, retefuente, reteica, reteiva, stamp_tax, "
      "others, crossing_date, crossing_document, crossing_value, copay, moderating_fee, company, "
      "filing_number) "
      "VALUES ";
  std::string row = "(";
  for (int i = 0; i < kLineColumnCount; ++i) row += i ? ",?" : "?";
  row += ")";
  for (std::size_t r = 0; r < rows; ++r) sql += (r ? "," : "") + row;
  return sql;
}

void insert_lines(db::Connection& c, const Voucher& v) {
  db::Params params;
  for (std::size_t start = 0; start < v.lines.size(); start += kLinesPerInsert) {
    const std::size_t rows = std::min(kLinesPerInsert, v.lines.size() - start);
    params.clear();
    params.reserve(rows * kLineColumnCount);
    for (std::size_t i = start; i < start + rows; ++i) {
      const auto& l = v.lines[i];
      for (auto&& value : {db::Value(v.id),
                           db::Value(l.line_no),
                           db::Value(v.provider_nit),
                           db::Value(l.source_number),
                           db::Value(l.document_type),
                           db::Value(l.invoice_prefix),
                           db::Value(l.invoice_number),
                           db::Value(l.invoice_suffix),
                           db::Value(l.applied_suffix),
                           db::Value(l.invoice_date),
                           db::Value(l.invoice_value),
                           db::Value(l.net_value),
                           db::Value(l.paid_value),
                           db::Value(l.financial_discount),
                           db::Value(l.balance),
                           db::Value(l.garnishments),
                           db::Value(l.iva),
                           db::Value(l.retefuente),
                           db::Value(l.reteica),
                           db::Value(l.reteiva),
                           db::Value(l.stamp_tax),
                           db::Value(l.others),
                           db::Value(l.crossing_date),
                           db::Value(l.crossing_document),
                           db::Value(l.crossing_value),
                           db::Value(l.copay),
                           db::Value(l.moderating_fee),
                           db::Value(l.company),
                           db::Value(l.filing_number)})
        params.push_back(std::move(value));
    }
    c.exec(insert_lines_sql(rows), params);
  }
}

// The provider condition of a list: "" or " AND v.provider_nit = ?" with its value appended to params.
// FIN-1: whatever the query, documents before 2017 are not shown.
std::string provider_condition(const std::optional<std::string>& nit, db::Params& params) {
  const std::string shown = std::string(" AND v.payment_date >= '") + kFirstDayShown + "'";
  if (!nit) return shown;
  params.emplace_back(*nit);
  return shown + " AND v.provider_nit = ?";
}

}  // namespace

bool upsert(db::Connection& c, Voucher& v, core::Instant loaded_at, const std::string& loaded_by) {
  const long long at = loaded_at.time_since_epoch().count();
  v.line_count = static_cast<long long>(v.lines.size());
  const db::Params values{v.provider_nit,
                          v.payment_date,
                          std::string(to_string(v.payment_form)),
                          v.bank,
                          v.account_type,
                          v.account_number,
                          v.document_number,
                          v.amount_paid,
                          v.pending_to_apply,
                          v.pending_to_apply_advance,
                          v.support_email,
                          v.support_at,
                          v.company,
                          v.line_count,
                          at,
                          loaded_by};
  // A new number is inserted; ON CONFLICT DO NOTHING makes a concurrent load of the same new number (another
  // replica, PostgreSQL) wait for the first and then take the update path instead of failing on the index.
  db::Params insert{v.voucher_number};
  insert.insert(insert.end(), values.begin(), values.end());
  const auto inserted = c.query_int64(
      "INSERT INTO payment_vouchers (voucher_number, provider_nit, payment_date, payment_form, bank, "
      "account_type, account_number, document_number, amount_paid, pending_to_apply, "
      "pending_to_apply_advance, support_email, support_at, company, line_count, loaded_at, loaded_by) "
      "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (voucher_number) DO NOTHING RETURNING id",
      insert);
  if (inserted) {
    v.id = *inserted;
  } else {
    v.id = *c.query_int64("SELECT id FROM payment_vouchers WHERE voucher_number = ?", {v.voucher_number});
    auto params = values;
    params.emplace_back(v.id);
    c.exec(
        "UPDATE payment_vouchers SET provider_nit = ?, payment_date = ?, payment_form = ?, bank = ?, "
        "account_type = ?, account_number = ?, document_number = ?, amount_paid = ?, pending_to_apply = ?, "
        "pending_to_apply_advance = ?, support_email = ?, support_at = ?, company = ?, line_count = ?, "
        "loaded_at = ?, loaded_by = ? WHERE id = ?",
        params);
    c.exec("DELETE FROM payment_invoice_lines WHERE voucher_id = ?", {v.id});
  }
  insert_lines(c, v);
  return !inserted.has_value();
}

std::vector<Voucher> list_period(db::Connection& c, const PeriodQuery& q) {
  db::Params params{q.from, q.to};
  const std::string provider = provider_condition(q.provider_nit, params);
  params.emplace_back(q.limit);
  params.emplace_back(q.offset);
  return c.query_all(std::string("SELECT ") + kVoucherColumns +
                         " FROM payment_vouchers v WHERE v.payment_date >= ? AND v.payment_date <= ?" +
                         provider + " ORDER BY v.payment_date DESC, v.id DESC LIMIT ? OFFSET ?",
                     params, read_voucher);
}

PeriodTotals period_totals(db::Connection& c, const PeriodQuery& q) {
  db::Params params{q.from, q.to};
  const std::string provider = provider_condition(q.provider_nit, params);
  PeriodTotals t;
  c.query(
      "SELECT COUNT(*), COALESCE(SUM(v.amount_paid), 0) FROM payment_vouchers v WHERE v.payment_date >= ? "
      "AND v.payment_date <= ?" +
          provider,
      params, [&](const db::Row& r) {
        t.count = r.int64(0);
        t.total_paid = r.int64(1);
      });
  return t;
}

std::optional<Voucher> find_by_number(db::Connection& c, const std::string& number,
                                      const std::optional<std::string>& provider_nit) {
  db::Params params{number};
  const std::string provider = provider_condition(provider_nit, params);
  return c.query_one(std::string("SELECT ") + kVoucherColumns +
                         " FROM payment_vouchers v WHERE v.voucher_number = ?" + provider,
                     params, read_voucher);
}

std::optional<Voucher> find(db::Connection& c, long long id, const std::optional<std::string>& provider_nit) {
  db::Params params{id};
  const std::string provider = provider_condition(provider_nit, params);
  return c.query_one(
      std::string("SELECT ") + kVoucherColumns + " FROM payment_vouchers v WHERE v.id = ?" + provider, params,
      read_voucher);
}

std::vector<InvoiceLine> lines(db::Connection& c, long long voucher_id, long long limit, long long offset) {
  return c.query_all(
      std::string("SELECT ") + kLineColumns +
          " FROM payment_invoice_lines l WHERE l.voucher_id = ? ORDER BY l.line_no LIMIT ? OFFSET ?",
      {voucher_id, limit < 0 ? 1LL << 62 : limit, offset}, [](const db::Row& r) { return read_line(r, 0); });
}

namespace {
// FIN-2 by invoice: its lines (within the caller's provider), of vouchers from 2017 on.
std::string invoice_condition(const std::optional<std::string>& provider_nit, db::Params& params) {
  std::string sql =
      std::string(" WHERE l.invoice_prefix = ? AND l.invoice_suffix = ? AND v.payment_date >= '") +
      kFirstDayShown + "'";
  if (provider_nit) {
    sql += " AND l.provider_nit = ?";
    params.emplace_back(*provider_nit);
  }
  return sql;
}
constexpr const char* kInvoiceJoin =
    " FROM payment_invoice_lines l JOIN payment_vouchers v ON v.id = l.voucher_id";
}  // namespace

std::vector<InvoicePayment> by_invoice(db::Connection& c, const std::string& prefix,
                                       const std::string& suffix,
                                       const std::optional<std::string>& provider_nit, long long limit,
                                       long long offset) {
  db::Params params{prefix, suffix};
  const auto where = invoice_condition(provider_nit, params);
  params.emplace_back(limit);
  params.emplace_back(offset);
  return c.query_all(std::string("SELECT ") + kVoucherColumns + ", " + kLineColumns + kInvoiceJoin + where +
                         " ORDER BY v.payment_date DESC, v.id DESC, l.line_no LIMIT ? OFFSET ?",
                     params, [](const db::Row& r) {
                       return InvoicePayment{read_voucher(r), read_line(r, kVoucherColumnCount)};
                     });
}

long long count_by_invoice(db::Connection& c, const std::string& prefix, const std::string& suffix,
                           const std::optional<std::string>& provider_nit) {
  db::Params params{prefix, suffix};
  const auto where = invoice_condition(provider_nit, params);
  return c.query_int64(std::string("SELECT COUNT(*)") + kInvoiceJoin + where, params).value_or(0);
}

long long count_vouchers(db::Connection& c) {
  return c.query_int64("SELECT COUNT(*) FROM payment_vouchers").value_or(0);
}

}  // namespace portal::finance::payment_store
