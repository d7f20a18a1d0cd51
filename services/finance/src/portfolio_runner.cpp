#include "portfolio_runner.hpp"

#include <filesystem>
#include <vector>

#include "finance_metrics.hpp"
#include "job_events.hpp"
#include "portal/core/durable_file.hpp"
#include "portal/security/password.hpp"
#include "portfolio_file.hpp"
#include "portfolio_notices.hpp"
#include "portfolio_result.hpp"
#include "portfolio_store.hpp"
#include "sheet_files.hpp"

namespace portal::finance {
namespace {

constexpr std::size_t kLookupBatch = 1000;  // invoices looked up per read transaction
constexpr long long kProgressEvery = 5000;  // rows between progress writes (and lease renewals)

long long ms(core::Instant t) { return t.time_since_epoch().count(); }

}  // namespace

std::string portfolio_result_path(const std::string& files_dir, long long request_id) {
  return files_dir + "/result-" + std::to_string(request_id) + ".xlsx";
}

PortfolioRunner::PortfolioRunner(db::Database& db, const core::Clock& clock, core::Logger& log,
                                 FinanceMetrics* metrics, PortfolioRunnerOptions options)
    : db_(db),
      clock_(clock),
      log_(log),
      metrics_(metrics),
      options_(std::move(options)),
      runner_id_("portfolio-" + security::random_token(8)),
      loop_([this] { run_due(); }, options_.rescan, log, "portfolio_runner_failed") {}

PortfolioRunner::~PortfolioRunner() { stop(); }

void PortfolioRunner::start() {
  stopping_ = false;
  loop_.start();
}

void PortfolioRunner::stop() {
  stopping_ = true;
  loop_.stop();
}

void PortfolioRunner::wake() { loop_.wake(); }

int PortfolioRunner::run_due() {
  const auto ids =
      db_.read([&](db::Connection& c) { return portfolio_store::claimable(c, ms(clock_.now())); });
  int ran = 0;
  for (const long long id : ids) {
    if (stopping_) break;
    if (run_job(id)) ++ran;
  }
  return ran;
}

bool PortfolioRunner::run_job(long long id) {
  const auto start = clock_.now();
  const bool claimed = db_.write([&](db::Connection& c) {
    return portfolio_store::claim(c, id, runner_id_, ms(start + kPortfolioLease), ms(start));
  });
  if (!claimed) return false;
  const auto request = db_.read([&](db::Connection& c) { return portfolio_store::find(c, id); });
  if (!request) return false;
  const std::string result_path = portfolio_result_path(options_.files_dir, id);
  const std::string partial_path = options_.files_dir + "/.result-" + std::to_string(id) + ".xlsx.partial";
  try {
    const std::string bytes = core::read_whole_file(options_.files_dir + "/" + request->file_name);
    long long processed = 0, with_errors = 0;
    bool lost_claim = false;
    {
      XlsxTableWriter writer(partial_path, "Cartera", portfolio_result_headers(), options_.tmp_dir);
      std::vector<PortfolioRow> batch;
      auto flush = [&] {
        std::vector<std::optional<PortfolioInvoice>> eps(batch.size());
        db_.read([&](db::Connection& c) {
          for (std::size_t i = 0; i < batch.size(); ++i)
            if (batch[i].errors.empty())
              eps[i] =
                  portfolio_store::find_invoice(c, request->provider_nit, batch[i].prefix, batch[i].suffix);
        });
        for (std::size_t i = 0; i < batch.size(); ++i) {
          writer.add_row(portfolio_result_row(batch[i], eps[i]));
          if (!batch[i].errors.empty()) {
            ++with_errors;
            if (metrics_) metrics_->row_refused("portfolio", batch[i].errors.front().code);
          }
        }
        const long long before = processed;
        processed += static_cast<long long>(batch.size());
        batch.clear();
        if (processed / kProgressEvery != before / kProgressEvery) {
          const auto now = clock_.now();
          lost_claim = !db_.write([&](db::Connection& c) {
            if (!portfolio_store::progress(c, id, runner_id_, processed, ms(now + kPortfolioLease)))
              return false;
            events::publish(c, portfolio_progress_event(*request, processed, now));
            return true;
          });
          if (!lost_claim && options_.events) options_.events->wake();
        }
      };
      const auto error = read_portfolio_rows(bytes, [&](const PortfolioRow& row) {
        batch.push_back(row);
        if (batch.size() >= kLookupBatch) flush();
        return !lost_claim && !stopping_;
      });
      if (error) throw std::runtime_error(error->code + ": " + error->message.en);
      if (!lost_claim && !stopping_) flush();
      writer.close();
    }
    if (stopping_ || lost_claim) {
      std::filesystem::remove(partial_path);
      if (stopping_) db_.write([&](db::Connection& c) { portfolio_store::release(c, id, runner_id_); });
      log_.info("portfolio_job_interrupted", {{"id", id}, {"lost_claim", lost_claim}});
      return false;
    }
    // The result is durable under its final name before the job says it is completed.
    core::commit_file_durably(partial_path, result_path);
    PortfolioRequest done = *request;
    done.processed_rows = processed;
    done.rows_with_errors = with_errors;
    const auto now = clock_.now();
    const bool completed = db_.write([&](db::Connection& c) {
      if (!portfolio_store::complete(c, id, runner_id_, processed, with_errors, ms(now))) return false;
      events::publish(c, portfolio_finished_event(done, "completed", processed, with_errors, now));
      if (done.notify_email)
        mail::Outbox::enqueue(c, portfolio_ready_notice(done, *done.notify_email, options_.public_url),
                              clock_);
      return true;
    });
    if (completed && options_.events) options_.events->wake();
    if (completed && metrics_) {
      metrics_->job("portfolio", "completed");
      metrics_->job_finished("portfolio", std::chrono::duration<double>(now - start).count(), processed);
    }
    log_.info("portfolio_job_completed",
              {{"id", id}, {"rows", processed}, {"rows_with_errors", with_errors}, {"completed", completed}});
    return completed;
  } catch (const std::exception& e) {
    std::error_code ignored;
    std::filesystem::remove(partial_path, ignored);
    const auto now = clock_.now();
    const bool failed = db_.write([&](db::Connection& c) {
      if (!portfolio_store::fail(c, id, runner_id_, e.what(), ms(now))) return false;
      events::publish(c, portfolio_finished_event(*request, "failed", 0, 0, now));
      return true;
    });
    if (failed && options_.events) options_.events->wake();
    if (failed && metrics_) metrics_->job("portfolio", "failed");
    log_.error("portfolio_job_failed", {{"id", id}, {"error", std::string(e.what())}});
    return false;
  }
}

}  // namespace portal::finance
