#include "glosa_store.hpp"

#include "portal/core/clock.hpp"
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
        "invoice_number, "
        "debit_note, detail_id, concept_code, glosa_value, rips_consecutivo, cuv, cells) VALUES (?, ?, ?, ?, "
        "?, ?, ?, "
        "?, ?, ?, ?, ?)",
        {k.number, k.provider_nit, l.invoice_prefix, l.invoice_suffix,
         l.cells.size() > 5 ? l.cells[5] : std::string(), l.debit_note, l.detail_id, l.concept_code,
         l.glosa_value, l.rips_consecutivo, l.cuv, json::string_array_json(l.cells)});
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
      "cuv, cells, response_code, accepted_value, sustained_value, credit_note, response_notes, responded_on "
      "FROM "
      "glosa_lines WHERE conciliation_number = ? ORDER BY id",
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
        l.cells.resize(kGlosaColumnCount);
        if (!r.is_null(9)) {  // FIN-6: the answer shows in columns AI-AO
          l.cells[34] = r.optional_text(14).value_or("");
          l.cells[35] = r.text(9);
          l.cells[37] = std::to_string(r.int64(10));
          l.cells[38] = std::to_string(r.int64(11));
          l.cells[39] = r.optional_text(12).value_or("");
          l.cells[40] = r.optional_text(13).value_or("");
        }
        each(l);
      });
}

namespace {

GlosaResponseJob to_job(const db::Row& r) {
  GlosaResponseJob j;
  j.id = r.int64(0);
  j.provider_nit = r.text(1);
  j.requested_by = r.text(2);
  j.notify_email = r.optional_text(3);
  j.file_name = r.text(4);
  j.sheet = r.text(5);
  j.row_count = r.int64(6);
  j.status = r.text(7);
  j.rows_loaded = r.int64(8);
  j.rows_refused = r.int64(9);
  j.credit_note_amount = r.int64(10);
  j.created_at = r.int64(11);
  if (!r.is_null(12)) j.started_at = r.int64(12);
  if (!r.is_null(13)) j.finished_at = r.int64(13);
  j.error = r.optional_text(14);
  j.uploader_email = r.optional_text(15);
  j.uploaded_file_name = r.optional_text(16);
  return j;
}

constexpr const char* kJobColumns =
    "SELECT id, provider_nit, requested_by, notify_email, file_name, sheet, row_count, status, rows_loaded, "
    "rows_refused, credit_note_amount, created_at, started_at, finished_at, error, uploader_email, "
    "uploaded_file_name FROM "
    "glosa_responses ";

}  // namespace

bool response_in_process(db::Connection& c, const std::string& provider_nit) {
  return c.exists("SELECT 1 FROM glosa_responses WHERE provider_nit = ? AND status = 'in_process'",
                  {provider_nit});
}

long long create_response(db::Connection& c, const GlosaResponseJob& j) {
  return *c.query_int64(
      "INSERT INTO glosa_responses (provider_nit, requested_by, notify_email, uploader_email, file_name, "
      "uploaded_file_name, sheet, row_count, status, rows_loaded, rows_refused, credit_note_amount, "
      "attempts, "
      "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'in_process', 0, 0, 0, 0, ?) RETURNING id",
      {j.provider_nit, j.requested_by, j.notify_email, j.uploader_email, j.file_name, j.uploaded_file_name,
       j.sheet, j.row_count, j.created_at});
}

std::optional<GlosaResponseJob> find_response(db::Connection& c, long long id) {
  return c.query_one(std::string(kJobColumns) + "WHERE id = ?", {id}, to_job);
}

std::vector<long long> claimable_responses(db::Connection& c, long long now_ms) {
  return c.query_all(
      "SELECT id FROM glosa_responses WHERE status = 'in_process' AND (runner IS NULL OR lease_until < ?) "
      "ORDER BY "
      "id LIMIT 100",
      {now_ms}, [](const db::Row& r) { return r.int64(0); });
}

bool claim_response(db::Connection& c, long long id, const std::string& runner, long long lease_until,
                    long long now_ms) {
  return c.exec(
             "UPDATE glosa_responses SET runner = ?, lease_until = ?, attempts = attempts + 1, started_at = "
             "COALESCE(started_at, ?) WHERE id = ? AND status = 'in_process' AND (runner IS NULL OR "
             "lease_until < ?)",
             {runner, lease_until, now_ms, id, now_ms}) == 1;
}

void release_response(db::Connection& c, long long id, const std::string& runner) {
  c.exec("UPDATE glosa_responses SET runner = NULL, lease_until = NULL WHERE id = ? AND runner = ?",
         {id, runner});
}

std::vector<StoredAnswerLine> lines_to_answer(db::Connection& c, const std::string& provider_nit,
                                              long long conciliation) {
  return c.query_all(
      "SELECT l.id, l.invoice_number, l.invoice_prefix, l.invoice_suffix, l.detail_id, l.glosa_value, "
      "k.generation, "
      "k.response_deadline, l.response_code FROM glosa_lines l JOIN glosa_conciliations k ON k.number = "
      "l.conciliation_number WHERE l.provider_nit = ? AND l.conciliation_number = ? ORDER BY l.id",
      {provider_nit, conciliation}, [&](const db::Row& r) {
        StoredAnswerLine s;
        s.id = r.int64(0);
        s.conciliation = conciliation;
        s.invoice_number = r.text(1);
        s.invoice_key = r.text(2) + "|" + r.text(3);
        s.detail_id = r.text(4);
        s.line.glosa_value = r.int64(5);
        s.line.generation = r.text(6) == "3047" ? GlosaGeneration::res3047 : GlosaGeneration::res2284;
        s.line.deadline = core::parse_date(r.text(7)).value_or(std::chrono::year_month_day{});
        s.line.already_answered = !r.is_null(8);
        return s;
      });
}

void record_answer(db::Connection& c, long long line_id, long long response_id, const std::string& code,
                   long long accepted, long long sustained, const std::string& credit_note,
                   const std::string& notes, const std::string& responded_on, bool late) {
  c.exec(
      "UPDATE glosa_lines SET response_id = ?, response_code = ?, accepted_value = ?, sustained_value = ?, "
      "credit_note = ?, response_notes = ?, responded_on = ?, response_late = ? WHERE id = ? AND "
      "response_code IS NULL",
      {response_id, code, accepted, sustained, credit_note, notes, responded_on, late ? 1LL : 0LL, line_id});
}

bool finish_response(db::Connection& c, long long id, const std::string& runner, const std::string& status,
                     long long loaded, long long refused, long long credit, long long now_ms,
                     const std::optional<std::string>& error) {
  return c.exec(
             "UPDATE glosa_responses SET status = ?, rows_loaded = ?, rows_refused = ?, credit_note_amount = "
             "?, "
             "finished_at = ?, error = ?, runner = NULL, lease_until = NULL WHERE id = ? AND runner = ? AND "
             "status = "
             "'in_process'",
             {status, loaded, refused, credit, now_ms, error, id, runner}) == 1;
}

std::vector<std::string> response_file_names(db::Connection& c) {
  return c.query_all("SELECT file_name FROM glosa_responses", {}, [](const db::Row& r) { return r.text(0); });
}

}  // namespace portal::finance::glosa_store
