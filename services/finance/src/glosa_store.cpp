#include "glosa_store.hpp"

#include "portal/json/json.hpp"

namespace portal::finance::glosa_store {

namespace {

Conciliation to_conciliation(const db::Row& r) {
  Conciliation c;
  c.number = r.int64(0);
  c.provider_nit = r.text(1);
  c.provider_name = r.text(2);
  c.branch = r.text(3);
  c.notified_on = r.text(4);
  c.generation = r.text(5) == "3047" ? GlosaGeneration::res3047 : GlosaGeneration::res2284;
  c.response_deadline = r.text(6);
  return c;
}

}  // namespace

bool upsert(db::Connection& c, const Conciliation& k, long long now_ms, const std::string& by) {
  const bool existed = c.exists("SELECT 1 FROM glosa_conciliations WHERE number = ?", {k.number});
  if (existed) {
    c.exec("DELETE FROM glosa_lines WHERE conciliation_number = ?", {k.number});
    c.exec("DELETE FROM glosa_conciliations WHERE number = ?", {k.number});
  }
  c.exec(
      "INSERT INTO glosa_conciliations (number, provider_nit, provider_name, branch, notified_on, "
      "generation, "
      "response_deadline, loaded_at, loaded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {k.number, k.provider_nit, k.provider_name, k.branch, k.notified_on,
       std::string(generation_code(k.generation)), k.response_deadline, now_ms, by});
  for (const auto& l : k.lines) {
    c.exec(
        "INSERT INTO glosa_lines (conciliation_number, provider_nit, invoice_prefix, invoice_suffix, "
        "debit_note, "
        "detail_id, concept_code, glosa_value, rips_consecutivo, cuv, cells) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
        "?, ?, ?)",
        {k.number, k.provider_nit, l.invoice_prefix, l.invoice_suffix, l.debit_note, l.detail_id,
         l.concept_code, l.glosa_value, l.rips_consecutivo, l.cuv, json::string_array_json(l.cells)});
  }
  return !existed;
}

long long count_conciliations(db::Connection& c) {
  return c.query_int64("SELECT COUNT(*) FROM glosa_conciliations").value_or(0);
}

std::vector<GlosaSummary> summaries(db::Connection& c, const GlosaFilter& f) {
  std::string sql =
      "SELECT k.number, k.notified_on, k.generation, k.response_deadline, "
      "COUNT(DISTINCT l.invoice_prefix || '|' || l.invoice_suffix), COUNT(DISTINCT l.debit_note) "
      "FROM glosa_conciliations k JOIN glosa_lines l ON l.conciliation_number = k.number WHERE 1 = 1";
  db::Params p;
  if (f.provider_nit) {
    sql += " AND k.provider_nit = ?";
    p.emplace_back(*f.provider_nit);
  }
  if (f.conciliation) {
    sql += " AND k.number = ?";
    p.emplace_back(*f.conciliation);
  }
  if (f.from) {
    sql += " AND k.notified_on >= ?";
    p.emplace_back(*f.from);
  }
  if (f.to) {
    sql += " AND k.notified_on <= ?";
    p.emplace_back(*f.to);
  }
  if (f.invoice_suffix) {
    sql +=
        " AND k.number IN (SELECT conciliation_number FROM glosa_lines WHERE provider_nit = k.provider_nit "
        "AND "
        "invoice_prefix = ? AND invoice_suffix = ?)";
    p.emplace_back(f.invoice_prefix.value_or(""));
    p.emplace_back(*f.invoice_suffix);
  }
  sql +=
      " GROUP BY k.number, k.notified_on, k.generation, k.response_deadline ORDER BY k.notified_on DESC, "
      "k.number "
      "DESC LIMIT 1000";
  return c.query_all(sql, p, [](const db::Row& r) {
    GlosaSummary s;
    s.conciliation = r.int64(0);
    s.notified_on = r.text(1);
    s.generation = r.text(2);
    s.response_deadline = r.text(3);
    s.invoices = r.int64(4);
    s.debit_notes = r.int64(5);
    return s;
  });
}

std::optional<Conciliation> find(db::Connection& c, long long number) {
  return c.query_one(
      "SELECT number, provider_nit, provider_name, branch, notified_on, generation, response_deadline FROM "
      "glosa_conciliations WHERE number = ?",
      {number}, to_conciliation);
}

void each_line(db::Connection& c, long long number, const std::function<void(const GlosaLine&)>& each) {
  c.query(
      "SELECT invoice_prefix, invoice_suffix, debit_note, detail_id, concept_code, glosa_value, "
      "rips_consecutivo, "
      "cuv, cells FROM glosa_lines WHERE conciliation_number = ? ORDER BY id",
      {number}, [&](const db::Row& r) {
        GlosaLine l;
        l.invoice_prefix = r.text(0);
        l.invoice_suffix = r.text(1);
        l.debit_note = r.text(2);
        l.detail_id = r.text(3);
        l.concept_code = r.text(4);
        l.glosa_value = r.int64(5);
        l.rips_consecutivo = r.optional_text(6);
        l.cuv = r.optional_text(7);
        l.cells = json::parse_string_array(r.text(8));
        each(l);
      });
}

}  // namespace portal::finance::glosa_store
