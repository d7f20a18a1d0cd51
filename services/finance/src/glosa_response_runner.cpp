#include "glosa_response_runner.hpp"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <set>

#include "finance_metrics.hpp"
#include "glosa_response_file.hpp"
#include "glosa_response_rules.hpp"
#include "glosa_store.hpp"
#include "job_events.hpp"
#include "portal/core/durable_file.hpp"
#include "portal/mail/outbox.hpp"
#include "portal/security/password.hpp"
#include "sheet_files.hpp"

namespace portal::finance {
namespace {

namespace xlsx = documents::xlsx;
constexpr const char* kType = "glosa_response";

long long ms(core::Instant t) { return t.time_since_epoch().count(); }

std::string money_text(long long v) {
  std::string digits = std::to_string(v), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += '.';
    out += digits[i];
  }
  return "$" + out;
}

// The uploaded row's cells, as they were, for the result file.
Row copy_row(const xlsx::Row& row, std::size_t width) {
  Row out(width);
  for (const auto& c : row.cells) {
    if (c.column >= width) continue;
    auto& cell = out[c.column];
    if (c.type == xlsx::CellType::date) {
      char buf[16];
      std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", c.date.year, c.date.month, c.date.day);
      cell.kind = Cell::Kind::date;
      cell.text = buf;
    } else if (c.type == xlsx::CellType::number && std::isfinite(c.number) &&
               c.number == std::floor(c.number) && std::fabs(c.number) < 1e15) {
      cell.kind = Cell::Kind::money;
      cell.money = static_cast<long long>(c.number);
    } else {
      cell.text = c.text;
    }
  }
  return out;
}

// Manual 003 §8.4 attaches the result; one larger than this (a few hundred thousand rows) is only linked,
// as mail servers commonly refuse messages over 10-25 MB and base64 adds a third.
constexpr std::uintmax_t kMaxAttachedResultBytes = 7u << 20;

mail::Message summary_notice(const glosa_store::GlosaResponseJob& j, const std::string& to,
                             const std::string& public_url, const std::string& result_path,
                             std::uintmax_t result_bytes) {
  mail::Message m;
  m.to = to;
  m.subject =
      "Resultado Proceso Cargar Respuestas Glosas - Nro proceso " + std::to_string(j.id) + " - " + j.status;
  m.body_text = "Ha finalizado el proceso: Proceso Cargar Respuestas Glosas en estado " + j.status +
                ".\n\nConsecutivo Proceso: " + std::to_string(j.id) +
                "\n\nArchivo: " + j.display_file_name() + " - hoja " + j.sheet +
                "\n\nFecha inicio: " + bogota_timestamp(j.started_at.value_or(j.created_at)) +
                "\n\nFecha fin: " + bogota_timestamp(j.finished_at.value_or(j.created_at)) +
                "\n\nRegistros cargados: " + std::to_string(j.rows_loaded) +
                "; registros con error: " + std::to_string(j.rows_refused) + "\n\n";
  if (j.credit_note_amount > 0)
    m.body_text += "Por los valores aceptados debe emitir una nota crédito por " +
                   money_text(j.credit_note_amount) +
                   " (Res. 2284 de 2023: glosa aceptada total o parcialmente).\n\n";
  const std::string link = public_url + "/api/v1/glosa-responses/" + std::to_string(j.id) + "/result.xlsx";
  if (result_bytes <= kMaxAttachedResultBytes) {
    m.attachments.push_back({j.uploaded_file_name
                                 ? *j.uploaded_file_name
                                 : "resultado_respuesta_glosas_" + std::to_string(j.id) + ".xlsx",
                             std::string(kXlsxContentType), result_path});
    m.body_text +=
        "Se adjunta Archivo de Respuesta a Glosas reportado por el prestador, con el resultado del cargue "
        "por "
        "cada registro. También puede descargarlo en " +
        link + "\n\n";
  } else {
    m.body_text +=
        "El archivo de respuesta a glosas reportado por el prestador, con el resultado del cargue por cada "
        "registro, es demasiado grande para adjuntarlo; descárguelo en " +
        link + "\n\n";
  }
  m.body_text += "Este mensaje fue enviado automáticamente.\n";
  return m;
}

}  // namespace

std::string glosa_response_result_path(const std::string& files_dir, long long id) {
  return files_dir + "/response-result-" + std::to_string(id) + ".xlsx";
}

std::string bogota_timestamp(long long utc_ms) {
  const auto t = std::chrono::sys_seconds{std::chrono::seconds{utc_ms / 1000}} + core::kBogotaOffset;
  const auto day = std::chrono::floor<std::chrono::days>(t);
  const std::chrono::year_month_day ymd{day};
  const std::chrono::hh_mm_ss hms{t - day};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u %02lld:%02lld:%02lld", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<long long>(hms.hours().count()), static_cast<long long>(hms.minutes().count()),
                static_cast<long long>(hms.seconds().count()));
  return buf;
}

GlosaResponseRunner::GlosaResponseRunner(db::Database& db, const core::Clock& clock, core::Logger& log,
                                         FinanceMetrics* metrics, GlosaResponseRunnerOptions options)
    : db_(db),
      clock_(clock),
      log_(log),
      metrics_(metrics),
      options_(std::move(options)),
      runner_id_("glosas-" + security::random_token(8)),
      loop_([this] { run_due(); }, options_.rescan, log, "glosa_response_runner_failed") {}

GlosaResponseRunner::~GlosaResponseRunner() { stop(); }

void GlosaResponseRunner::start() {
  stopping_ = false;
  loop_.start();
}

void GlosaResponseRunner::stop() {
  stopping_ = true;
  loop_.stop();
}

void GlosaResponseRunner::wake() { loop_.wake(); }

int GlosaResponseRunner::run_due() {
  const auto ids =
      db_.read([&](db::Connection& c) { return glosa_store::claimable_responses(c, ms(clock_.now())); });
  int ran = 0;
  for (const long long id : ids) {
    if (stopping_) break;
    if (run_job(id)) ++ran;
  }
  return ran;
}

bool GlosaResponseRunner::run_job(long long id) {
  const auto start = clock_.now();
  if (!db_.write([&](db::Connection& c) {
        return glosa_store::claim_response(c, id, runner_id_, ms(start + kGlosaResponseLease), ms(start));
      }))
    return false;
  auto job = db_.read([&](db::Connection& c) { return glosa_store::find_response(c, id); });
  if (!job) return false;
  const std::string result_path = glosa_response_result_path(options_.files_dir, id);
  const std::string partial_path =
      options_.files_dir + "/.response-result-" + std::to_string(id) + ".xlsx.partial";
  try {
    const std::string bytes = core::read_whole_file(options_.files_dir + "/" + job->file_name);
    const auto check = check_glosa_response_file(bytes);
    if (!check.columns) throw std::runtime_error("the stored file no longer reads");
    std::vector<ResponseFileRow> rows;
    if (auto e = read_glosa_response_rows(bytes, *check.columns, [&](const ResponseFileRow& r) {
          rows.push_back(r);
          return true;
        }))
      throw std::runtime_error(e->code);

    // The provider's stored lines of every conciliation the file names.
    std::map<std::string, glosa_store::StoredAnswerLine> lines;  // conciliation|invoice|detail
    std::map<std::string, std::set<std::string>> unanswered;  // invoice_key → detail keys not yet answered
    std::set<long long> conciliations;
    for (const auto& r : rows)
      if (r.conciliation) conciliations.insert(*r.conciliation);
    db_.read([&](db::Connection& c) {
      for (const long long k : conciliations)
        for (auto& s : glosa_store::lines_to_answer(c, job->provider_nit, k)) {
          const std::string key = std::to_string(k) + "|" + s.invoice_number + "|" + s.detail_id;
          if (!s.line.already_answered) unanswered[s.invoice_key].insert(key);
          lines.emplace(key, std::move(s));
        }
    });
    const auto today = core::bogota_date(start);
    std::vector<ResponseRow> answers;
    std::vector<RowOutcome> outcomes;
    std::vector<const glosa_store::StoredAnswerLine*> targets;
    std::set<std::string> seen;
    for (const auto& r : rows) {
      const std::string key =
          std::to_string(r.conciliation.value_or(0)) + "|" + r.invoice_number + "|" + r.detail_id;
      auto it = lines.find(key);
      const auto* target = it == lines.end() ? nullptr : &it->second;
      ResponseRow answer{target ? target->invoice_key : "row:" + std::to_string(r.number), r.response_code,
                         r.accepted, r.sustained};
      RowOutcome outcome;
      if (!r.error.empty()) {
        outcome = {RowStatus::refused, "unreadable_row", r.error, ""};
      } else if (target && !seen.insert(key).second) {
        outcome = {RowStatus::refused, "already_answered", kAlreadyAnsweredText, ""};
      } else {
        outcome = check_response_row(answer, target ? &target->line : nullptr, today);
      }
      if (target) unanswered[target->invoice_key].erase(key);
      answers.push_back(std::move(answer));
      outcomes.push_back(std::move(outcome));
      targets.push_back(target);
    }
    apply_invoice_rule(answers, outcomes, [&](const std::string& invoice) {
      auto it = unanswered.find(invoice);
      return it == unanswered.end() ? 0LL : static_cast<long long>(it->second.size());
    });
    long long loaded = 0, refused = 0;
    for (const auto& o : outcomes) {
      if (o.status == RowStatus::refused) {
        ++refused;
        if (metrics_) metrics_->row_refused(kType, o.code);
      } else {
        ++loaded;
      }
    }
    const long long credit = credit_note_amount(answers, outcomes);

    // The result: the uploaded sheet as it was, plus «Resultado del Cargue».
    {
      auto wb = xlsx::Workbook::open(bytes);
      std::vector<std::string> headers;
      std::size_t width = 0;
      std::size_t index = 0;
      std::unique_ptr<XlsxTableWriter> writer;
      auto failed = wb->read_rows({}, [&](const xlsx::Row& row) {
        if (!writer) {
          for (const auto& c : row.cells) width = std::max<std::size_t>(width, c.column + 1);
          headers.assign(width, "");
          for (const auto& c : row.cells) headers[c.column] = c.text;
          headers.push_back("Resultado del Cargue");
          writer = std::make_unique<XlsxTableWriter>(
              partial_path, check.sheet.empty() ? "Respuestas" : check.sheet, headers, options_.tmp_dir);
          return true;
        }
        Row out = copy_row(row, width);
        Cell result;
        result.text = index < outcomes.size() ? outcomes[index].message : "";
        out.push_back(result);
        writer->add_row(out);
        ++index;
        return true;
      });
      if (failed || !writer) throw std::runtime_error("the stored file no longer reads");
      writer->close();
    }
    if (stopping_) {
      std::filesystem::remove(partial_path);
      db_.write([&](db::Connection& c) { glosa_store::release_response(c, id, runner_id_); });
      return false;
    }
    core::commit_file_durably(partial_path, result_path);
    const std::string absolute_result = std::filesystem::absolute(result_path).string();
    const std::uintmax_t result_bytes = std::filesystem::file_size(result_path);
    const auto now = clock_.now();
    const std::string status = refused == 0 ? glosa_store::kResponseSucceeded : glosa_store::kResponseFailed;
    const std::string responded_on = core::format_date(today);
    const bool finished = db_.write([&](db::Connection& c) {
      if (!glosa_store::finish_response(c, id, runner_id_, status, loaded, refused, credit, ms(now),
                                        std::nullopt))
        return false;
      for (std::size_t i = 0; i < rows.size(); ++i) {
        if (outcomes[i].status == RowStatus::refused || !targets[i]) continue;
        glosa_store::record_answer(c, targets[i]->id, id, outcomes[i].response_code, rows[i].accepted,
                                   rows[i].sustained, rows[i].credit_note, rows[i].notes, responded_on,
                                   outcomes[i].status == RowStatus::loaded_late);
      }
      auto done = glosa_store::find_response(c, id);
      if (done) events::publish(c, glosa_response_finished_event(*done, now));
      // Manual 003 §8.4: to the provider's registered address and the uploading user's own, once each, with
      // the result attached (already durable: committed above).
      auto notice = [&](const std::string& to) {
        return summary_notice(*done, to, options_.public_url, absolute_result, result_bytes);
      };
      if (done && done->notify_email) mail::Outbox::enqueue(c, notice(*done->notify_email), clock_);
      if (done && done->uploader_email && done->uploader_email != done->notify_email)
        mail::Outbox::enqueue(c, notice(*done->uploader_email), clock_);
      return true;
    });
    if (finished && options_.events) options_.events->wake();
    if (finished && metrics_) {
      metrics_->job(kType, refused == 0 ? "completed" : "completed_with_errors");
      metrics_->job_finished(kType, std::chrono::duration<double>(now - start).count(),
                             static_cast<long long>(rows.size()));
    }
    log_.info("glosa_response_job_finished", {{"id", id}, {"loaded", loaded}, {"refused", refused}});
    return finished;
  } catch (const std::exception& e) {
    std::error_code ignored;
    std::filesystem::remove(partial_path, ignored);
    const auto now = clock_.now();
    const bool failed = db_.write([&](db::Connection& c) {
      if (!glosa_store::finish_response(c, id, runner_id_, glosa_store::kResponseFailed, 0, 0, 0, ms(now),
                                        std::string(e.what())))
        return false;
      if (const auto done = glosa_store::find_response(c, id))
        events::publish(c, glosa_response_finished_event(*done, now));
      return true;
    });
    if (failed && options_.events) options_.events->wake();
    if (failed && metrics_) metrics_->job(kType, "failed");
    log_.error("glosa_response_job_failed", {{"id", id}, {"error", std::string(e.what())}});
    return false;
  }
}

}  // namespace portal::finance
