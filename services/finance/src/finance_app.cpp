#include "finance_app.hpp"

#include <filesystem>
#include <set>

#include "demo_payments.hpp"
#include "glosa_store.hpp"
#include "payment_store.hpp"
#include "portal/audit/audit_trail.hpp"
#include "portal/db/errors.hpp"
#include "portal/events/event.hpp"
#include "portal_migrations.hpp"  // static portal_migrations(): this service's own
#include "portfolio_store.hpp"
#include "routes.hpp"

namespace portal::finance {
namespace {

// Reads are short index scans; a load holds one worker for its whole transaction, downloads for the file.
constexpr service::ServerSettings kServer{.service = "finance",
                                          .port_key = "PORTAL_FINANCE_PORT",
                                          .default_port = 8087,
                                          .workers_key = "PORTAL_FINANCE_WORKERS",
                                          .default_workers = 16,
                                          .io_threads_key = "PORTAL_FINANCE_IO_THREADS",
                                          .default_io_threads = 2};

constexpr std::size_t kPortfolioUploadBytes = 20u << 20;

// FIN-1: the ERP's bulk loads may be larger than PORTAL_MAX_BODY_BYTES: PORTAL_FINANCE_MAX_IMPORT_BYTES
// (256 MiB) on POST /api/v1/payments/imports only.
service::AdjustServer import_limit(const core::Config& config) {
  const long long bytes = config.get_int("PORTAL_FINANCE_MAX_IMPORT_BYTES", 256LL * 1024 * 1024);
  if (bytes < 1024 || bytes > (1LL << 31))
    throw std::invalid_argument("PORTAL_FINANCE_MAX_IMPORT_BYTES must be between 1024 and 2147483648");
  return [bytes](http::ServerOptions& o) {
    o.body_limits.push_back(
        {http::Method::post, std::string(kPayments) + "/imports", static_cast<std::size_t>(bytes)});
    o.body_limits.push_back(
        {http::Method::post, std::string(kPortfolioInvoices) + "/imports", static_cast<std::size_t>(bytes)});
    o.body_limits.push_back(
        {http::Method::post, std::string(kGlosas) + "/imports", static_cast<std::size_t>(bytes)});
    // FIN-4: a 50,000-invoice .xlsx is 1-3 MB; 20 MiB leaves room for formatting without inviting abuse.
    o.body_limits.push_back({http::Method::post, kPortfolioRequests, kPortfolioUploadBytes});
    // FIN-6: a 10,000-row answered glosa workbook of 50 columns is a few MB.
    o.body_limits.push_back({http::Method::post, kGlosaResponses, kPortfolioUploadBytes});
  };
}

// FIN-4 and FIN-6: at start-up, every file of a jobs folder that no request names (an upload whose request
// never committed, a result half-written when the process died) is deleted; none is ever served. Results are
// kept.
void sweep_job_files(const std::string& dir, const std::vector<std::string>& names,
                     std::string_view result_prefix, core::Logger& logger) {
  std::filesystem::create_directories(dir);
  const std::set<std::string> kept(names.begin(), names.end());
  long long removed = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (kept.count(name) || (name.starts_with(result_prefix) && name.ends_with(".xlsx"))) continue;
    std::error_code ignored;
    if (std::filesystem::remove(entry.path(), ignored)) ++removed;
  }
  if (removed > 0) logger.info("job_orphans_removed", {{"folder", dir}, {"count", removed}});
}

// Demo vouchers on an empty database (PORTAL_DEMO=true); a replica seeding at the same moment finds the rows.
bool seed_demo_payments(db::Database& db, const core::Clock& clock) {
  try {
    return db.write([&](db::Connection& c) {
      if (payment_store::count_vouchers(c) > 0) return false;
      for (auto& v : demo_vouchers(core::bogota_date(clock.now())))
        payment_store::upsert(c, v, clock.now(), "demo");
      for (const auto& v : demo_portfolio_invoices(core::bogota_date(clock.now())))
        portfolio_store::upsert_invoice(c, v, clock.now().time_since_epoch().count(), "demo");
      for (const auto& k : demo_glosa_conciliations(core::bogota_date(clock.now())))
        glosa_store::upsert(c, k, clock.now().time_since_epoch().count(), "demo");
      return true;
    });
  } catch (const db::UniqueViolation&) {
    return false;
  }
}

}  // namespace

db::Migrations finance_migrations() {
  auto all = portal_migrations();
  all.push_back({2, "idempotency_keys", std::string(http::kIdempotencyKeysDdl)});
  all.push_back({3, "audit_trail", std::string(audit::kAuditTrailDdl)});
  // Issue 19: the FIN-4 acknowledgement and result e-mails.
  all.push_back({5, "mail_outbox", mail::outbox_migration_sql()});
  all.push_back({6, "mail_outbox_html", mail::outbox_html_migration_sql()});
  all.push_back({10, "mail_outbox_attachments", mail::outbox_attachments_migration_sql()});
  // Issue 19: the jobs' events (job_events.hpp), shipped to portal-events.
  all.push_back({12, "event_outbox", std::string(events::kEventOutboxDdl)});
  return all;
}

FinanceApp::FinanceApp(core::Config config, const core::Clock& clock)
    : DataService("finance", config, clock, finance_migrations(), kServer, import_limit(config)),
      business_metrics_(metrics_) {
  ctx_ = std::make_unique<FinanceContext>(
      FinanceContext{clock_, logger_, db_.get(), idempotency_.get(), &business_metrics_,
                     config_.get("PORTAL_FINANCE_TMP_DIR", std::filesystem::temp_directory_path().string())});
  providers_ = std::make_unique<directory::ProviderDirectory>(auth_keys_->auth_client(), clock_, logger_);
  ctx_->providers = providers_.get();
  ctx_->portfolio_dir = data_dir_ + "/portfolio";
  ctx_->public_url = config_.get("PORTAL_PUBLIC_URL", ctx_->public_url);
  ctx_->catalogs = catalog::Catalogs::from_environment();
  if (auto from = config_.get("PORTAL_GLOSA_2284_FROM", ""); !from.empty()) {
    const auto day = core::parse_date(from);
    if (!day) throw std::invalid_argument("PORTAL_GLOSA_2284_FROM must be a YYYY-MM-DD date");
    ctx_->res2284_from = *day;
  }
  enable_mail_outbox();
  auto& relay = enable_event_relay();
  sweep_job_files(ctx_->portfolio_dir,
                  db_->read([](db::Connection& c) { return portfolio_store::file_names(c); }), "result-",
                  logger_);
  portfolio_runner_ = std::make_unique<PortfolioRunner>(
      *db_, clock_, logger_, &business_metrics_,
      PortfolioRunnerOptions{ctx_->portfolio_dir, ctx_->tmp_dir, ctx_->public_url, std::chrono::seconds{5},
                             &relay});
  ctx_->portfolio_runner = portfolio_runner_.get();
  ctx_->glosa_dir = data_dir_ + "/glosas";
  sweep_job_files(ctx_->glosa_dir,
                  db_->read([](db::Connection& c) { return glosa_store::response_file_names(c); }),
                  "response-result-", logger_);
  ctx_->auth = &auth_keys_->auth_client();
  glosa_runner_ = std::make_unique<GlosaResponseRunner>(
      *db_, clock_, logger_, &business_metrics_,
      GlosaResponseRunnerOptions{ctx_->glosa_dir, ctx_->tmp_dir, ctx_->public_url, std::chrono::seconds{5},
                                 &relay});
  ctx_->glosa_runner = glosa_runner_.get();
  run_jobs_ = config_.get_bool("PORTAL_FINANCE_JOBS", true);
  if (config_.get_bool("PORTAL_DEMO", false) && seed_demo_payments(*db_, clock_))
    logger_.info("demo_payments_seeded",
                 {{"count", db_->read([](db::Connection& c) { return payment_store::count_vouchers(c); })}});
  register_all_routes(*server_, *ctx_);
  finish_routes();
}

FinanceApp::~FinanceApp() { stop(); }

void FinanceApp::start() {
  DataService::start();
  if (run_jobs_) {
    portfolio_runner_->start();
    glosa_runner_->start();
  }
}

void FinanceApp::stop() {
  if (portfolio_runner_) portfolio_runner_->stop();
  if (glosa_runner_) glosa_runner_->stop();
  DataService::stop();
}

std::vector<std::string> FinanceApp::list_routes(const core::Config& config) {
  core::Logger logger("finance", core::LogLevel::error);
  core::SystemClock clock;
  FinanceContext ctx{clock, logger};
  return DataService::list_routes(config, kServer, import_limit(config),
                                  [&](http::Server& server) { register_all_routes(server, ctx); });
}

}  // namespace portal::finance
