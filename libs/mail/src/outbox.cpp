#include "portal/mail/outbox.hpp"

#include <chrono>
#include <cstdint>
#include <random>

#include "outbox_store.hpp"
#include "portal/core/durable_file.hpp"
#include "portal/mail/backoff.hpp"
#include "portal/mail/mime.hpp"
#include "transport.hpp"

namespace portal::mail {
namespace {

// Longer than one SMTP exchange can take (10 s connect + 60 s transfer), so a claimed message is only
// taken again when its sender has certainly died.
constexpr std::chrono::milliseconds kClaimLease{std::chrono::minutes(5)};
constexpr int kBatch = 50;

std::string compact_timestamp(core::Instant t) {
  std::string s = core::to_rfc3339(std::chrono::floor<std::chrono::seconds>(t));  // 2026-11-23T05:59:29Z
  std::string out;
  for (char c : s) {
    if (c != '-' && c != ':') out += c;
  }
  return out;  // 20261123T055929Z: sortable and safe in file names
}

std::string message_id(long long id, core::Instant now, const std::string& from) {
  static thread_local std::mt19937_64 random{std::random_device{}()};
  const auto at = from.find('@');
  const std::string domain = at == std::string::npos ? "eps-portal.local" : from.substr(at + 1);
  return std::to_string(id) + "." + std::to_string(now.time_since_epoch().count()) + "." +
         std::to_string(random() % 1000000000ULL) + "@" + domain;
}

}  // namespace

std::string outbox_migration_sql() {
  return R"sql(
CREATE TABLE IF NOT EXISTS mail_outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  recipient TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER,
  sent_at INTEGER,
  last_error TEXT,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed'))
);
CREATE INDEX IF NOT EXISTS mail_outbox_due ON mail_outbox(status, next_attempt_at);
)sql";
}

std::string outbox_html_migration_sql() { return "ALTER TABLE mail_outbox ADD COLUMN body_html TEXT;\n"; }

std::string outbox_attachments_migration_sql() {
  return "ALTER TABLE mail_outbox ADD COLUMN attachments TEXT;\n";
}

Outbox::Outbox(db::Database& db, MailOptions options, core::Logger& logger, metrics::Registry& metrics,
               const core::Clock& clock)
    : db_(db),
      options_(std::move(options)),
      logger_(logger),
      clock_(clock),
      service_(metrics.service()),
      sent_family_(&prometheus::BuildCounter()
                        .Name("mail_messages_total")
                        .Help("E-mail messages by delivery outcome (sent, retry, failed)")
                        .Register(metrics.prom())),
      loop_([this] { deliver_due(); }, options_.poll_interval, logger, "mail_outbox_error") {}

Outbox::~Outbox() { stop(); }

long long Outbox::enqueue(db::Connection& tx, const Message& message, const core::Clock& clock) {
  const std::int64_t now = clock.now().time_since_epoch().count();
  return *tx.query_int64(
      "INSERT INTO mail_outbox(recipient, subject, body, body_html, attachments, created_at, attempts, "
      "next_attempt_at, status)"
      " VALUES (?, ?, ?, ?, ?, ?, 0, ?, 'pending') RETURNING id",
      {message.to, message.subject, message.body_text,
       message.body_html.empty() ? std::optional<std::string>{}
                                 : std::optional<std::string>{message.body_html},
       message.attachments.empty()
           ? std::optional<std::string>{}
           : std::optional<std::string>{detail::attachments_json(message.attachments)},
       now, now});
}

long long Outbox::enqueue(const Message& message) {
  const long long id = db_.write([&](db::Connection& c) { return enqueue(c, message, clock_); });
  wake();
  return id;
}

int Outbox::deliver_due() {
  int sent = 0;
  for (;;) {
    const auto batch = detail::claim_due(db_, clock_.now(), kClaimLease, kBatch);
    if (batch.empty()) return sent;
    for (const auto& p : batch) {
      std::string error;
      const bool permanent = !valid_recipient(p.message.to);
      if (permanent) error = "invalid recipient address";
      const int attempts = p.attempts + 1;
      if (!permanent && deliver(p.id, p.message, error)) {
        detail::mark_sent(db_, p.id, clock_.now());
        sent_family_->Add({{"service", service_}, {"result", "sent"}}).Increment();
        logger_.info("mail_sent", {{"mail_id", p.id},
                                   {"attempts", attempts},
                                   {"transport", options_.smtp_url.empty() ? "file" : "smtp"}});
        ++sent;
      } else if (permanent || attempts >= options_.max_attempts) {
        detail::mark_failed(db_, p.id, attempts, error);
        sent_family_->Add({{"service", service_}, {"result", "failed"}}).Increment();
        logger_.error("mail_failed", {{"mail_id", p.id}, {"attempts", attempts}, {"error", error}});
      } else {
        const auto delay = retry_delay(attempts);
        detail::mark_retry(db_, p.id, attempts, clock_.now() + delay, error);
        sent_family_->Add({{"service", service_}, {"result", "retry"}}).Increment();
        logger_.warn("mail_retry", {{"mail_id", p.id},
                                    {"attempts", attempts},
                                    {"retry_in_ms", static_cast<long long>(delay.count())},
                                    {"error", error}});
      }
    }
    if (static_cast<int>(batch.size()) < kBatch) return sent;
  }
}

bool Outbox::deliver(long long id, const Message& m, std::string& error) {
  std::vector<std::string> contents;
  std::size_t total = 0;
  for (const auto& a : m.attachments) {
    try {
      contents.push_back(core::read_whole_file(a.path));
    } catch (const std::exception&) {
      error = "attachment unreadable: " + a.file_name;
      return false;
    }
    total += contents.back().size();
    if (total > options_.max_attachment_bytes) {
      error = "attachments larger than " + std::to_string(options_.max_attachment_bytes) + " bytes";
      return false;
    }
  }
  const core::Instant now = clock_.now();
  const std::string rfc5322 =
      render_message(m, options_.from, now, message_id(id, now, options_.from), contents);
  if (!options_.smtp_url.empty()) return detail::send_smtp(options_, m.to, rfc5322, error);
  return detail::write_file_atomically(
      options_.outbox_dir, std::to_string(id) + "-" + compact_timestamp(now) + ".eml", rfc5322, error);
}

}  // namespace portal::mail
