#pragma once
// OPS-5 e-mail: messages are written to a mail_outbox table in the service's own database (in the same
// transaction as the change that caused them, so nothing acknowledged is lost), and a sender thread
// delivers them: by SMTP through libcurl when PORTAL_SMTP_URL is configured, otherwise as .eml files in
// a folder. Failures are retried with back-off; a restart resumes with what is still pending.

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "portal/core/background_loop.hpp"
#include "portal/core/clock.hpp"
#include "portal/core/log.hpp"
#include "portal/db/database.hpp"
#include "portal/metrics/metrics.hpp"

namespace portal::mail {

// A file sent with a message (issue 19: the glosa response result, manual 003 §8.4). The outbox keeps the
// path, not the bytes: the file must be durable before the message is enqueued and stay until it is sent;
// the sender reads it at delivery (a missing or oversized file is retried, then the message fails).
struct Attachment {
  std::string file_name;     // what the recipient sees (UTF-8)
  std::string content_type;  // e.g. application/vnd.openxmlformats-officedocument.spreadsheetml.sheet
  std::string path;
};

struct Message {
  std::string to;
  std::string subject;
  std::string body_text;  // UTF-8 plain text
  std::string body_html;  // optional UTF-8 HTML: then multipart/alternative with both (issue 15, AUT-6)
  std::vector<Attachment> attachments;  // then multipart/mixed: the text part(s) first, each file after
};

struct MailOptions {
  std::string from = "no-reply@eps-portal.local";
  std::string smtp_url;  // "smtp://host:port" or "smtps://..."; empty = write .eml files
  std::string smtp_user;
  std::string smtp_password;
  std::string outbox_dir = "var/mail";  // where .eml files go without SMTP
  int max_attempts = 8;
  std::size_t max_attachment_bytes = 10u << 20;  // all files of one message together (mail servers' limits)
  std::chrono::milliseconds poll_interval{500};
};

// The outbox table; add it to the service's migrations (any version number the service chooses), then
// outbox_html_migration_sql() and outbox_attachments_migration_sql() as later ones. Times are Unix
// milliseconds; status is 'pending' | 'sent' | 'failed'.
std::string outbox_migration_sql();
// Issue 15: the optional HTML part of a message (a column added to tables created by the first one).
std::string outbox_html_migration_sql();
// Issue 19: the attachments of a message (a column of JSON added after the HTML one).
std::string outbox_attachments_migration_sql();

class Outbox {
 public:
  Outbox(db::Database& db, MailOptions options, core::Logger& logger, metrics::Registry& metrics,
         const core::Clock& clock);
  ~Outbox();

  // Inserts the message using the caller's open write transaction; returns its id.
  static long long enqueue(db::Connection& tx, const Message& message, const core::Clock& clock);
  // Convenience: its own transaction.
  long long enqueue(const Message& message);

  void start() { loop_.start(); }  // sender thread
  void stop() { loop_.stop(); }
  // Delivers what is due now, synchronously (tests); returns how many were sent.
  int deliver_due();
  void wake() { loop_.wake(); }

 private:
  // Renders and hands one message to SMTP or the .eml folder; false with a reason on failure.
  bool deliver(long long id, const Message& m, std::string& error);
  db::Database& db_;
  MailOptions options_;
  core::Logger& logger_;
  const core::Clock& clock_;
  std::string service_;
  prometheus::Family<prometheus::Counter>* sent_family_;
  core::BackgroundLoop loop_;  // last: stopped first
};

}  // namespace portal::mail
