#include "outbox_store.hpp"

#include <cstdint>

#include "portal/json/json.hpp"

namespace portal::mail::detail {
namespace {

std::int64_t ms(core::Instant t) { return t.time_since_epoch().count(); }

}  // namespace

std::string attachments_json(const std::vector<Attachment>& attachments) {
  std::vector<std::string> flat;
  for (const auto& a : attachments) {
    flat.push_back(a.file_name);
    flat.push_back(a.content_type);
    flat.push_back(a.path);
  }
  return json::string_array_json(flat);
}

std::vector<Attachment> parse_attachments(std::string_view json_text) {
  const auto flat = json::parse_string_array(json_text);
  std::vector<Attachment> out;
  for (std::size_t i = 0; i + 2 < flat.size(); i += 3) out.push_back({flat[i], flat[i + 1], flat[i + 2]});
  return out;
}

std::vector<PendingMail> claim_due(db::Database& db, core::Instant now, std::chrono::milliseconds lease,
                                   int limit) {
  return db.write([&](db::Connection& c) {
    const auto candidates = c.query_all(
        "SELECT id, recipient, subject, body, attempts, next_attempt_at, body_html, attachments FROM "
        "mail_outbox"
        " WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?",
        {ms(now), limit}, [](const db::Row& r) {
          Message m{r.text(1), r.text(2), r.text(3), r.is_null(6) ? "" : r.text(6),
                    r.is_null(7) ? std::vector<Attachment>{} : parse_attachments(r.text(7))};
          return std::pair{PendingMail{r.int64(0), std::move(m), r.int32(4)}, r.int64(5)};
        });
    // The lease is taken only if the row still holds the time it was read with: with several replicas on
    // one PostgreSQL, a second claimant's UPDATE waits for the first's commit, then matches no row, so a
    // message is never handed to two senders at once.
    std::vector<PendingMail> due;
    for (const auto& [mail, seen_at] : candidates) {
      if (c.exec("UPDATE mail_outbox SET next_attempt_at = ? WHERE id = ? AND status = 'pending' AND "
                 "next_attempt_at = ?",
                 {ms(now + lease), mail.id, seen_at}) == 1)
        due.push_back(mail);
    }
    return due;
  });
}

void mark_sent(db::Database& db, long long id, core::Instant now) {
  db.write([&](db::Connection& c) {
    c.exec(
        "UPDATE mail_outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1,"
        " next_attempt_at = NULL, last_error = NULL WHERE id = ?",
        {ms(now), id});
  });
}

void mark_retry(db::Database& db, long long id, int attempts, core::Instant next_attempt_at,
                const std::string& error) {
  db.write([&](db::Connection& c) {
    c.exec("UPDATE mail_outbox SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?",
           {attempts, ms(next_attempt_at), error, id});
  });
}

void mark_failed(db::Database& db, long long id, int attempts, const std::string& error) {
  db.write([&](db::Connection& c) {
    c.exec(
        "UPDATE mail_outbox SET status = 'failed', attempts = ?, next_attempt_at = NULL,"
        " last_error = ? WHERE id = ?",
        {attempts, error, id});
  });
}

}  // namespace portal::mail::detail
