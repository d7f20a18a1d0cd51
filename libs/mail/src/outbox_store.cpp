#include "outbox_store.hpp"

#include <cstdint>

namespace portal::mail::detail {
namespace {

std::int64_t ms(core::Instant t) { return t.time_since_epoch().count(); }

}  // namespace

std::vector<PendingMail> claim_due(db::Database& db, core::Instant now, std::chrono::milliseconds lease,
                                   int limit) {
  return db.write([&](db::Connection& c) {
    const auto candidates = c.query_all(
        "SELECT id, recipient, subject, body, attempts, next_attempt_at, body_html FROM mail_outbox"
        " WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?",
        {ms(now), limit}, [](const db::Row& r) {
          return std::pair{
              PendingMail{
                  r.int64(0), {r.text(1), r.text(2), r.text(3), r.is_null(6) ? "" : r.text(6)}, r.int32(4)},
              r.int64(5)};
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
