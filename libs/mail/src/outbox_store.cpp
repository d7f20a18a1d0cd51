#include "outbox_store.hpp"

#include <cstdint>

namespace portal::mail::detail {
namespace {

std::int64_t ms(core::Instant t) { return t.time_since_epoch().count(); }

}  // namespace

std::vector<PendingMail> claim_due(db::Database& db, core::Instant now, std::chrono::milliseconds lease, int limit) {
  return db.write([&](SQLite::Database& c) {
    std::vector<PendingMail> due;
    SQLite::Statement select(c,
                             "SELECT id, recipient, subject, body, attempts FROM mail_outbox"
                             " WHERE status = 'pending' AND next_attempt_at <= ?"
                             " ORDER BY next_attempt_at, id LIMIT ?");
    select.bind(1, ms(now));
    select.bind(2, limit);
    while (select.executeStep()) {
      due.push_back({select.getColumn(0).getInt64(),
                     {select.getColumn(1).getString(), select.getColumn(2).getString(), select.getColumn(3).getString()},
                     select.getColumn(4).getInt()});
    }
    SQLite::Statement claim(c, "UPDATE mail_outbox SET next_attempt_at = ? WHERE id = ?");
    for (const auto& p : due) {
      claim.bind(1, ms(now + lease));
      claim.bind(2, static_cast<std::int64_t>(p.id));
      claim.exec();
      claim.reset();
    }
    return due;
  });
}

void mark_sent(db::Database& db, long long id, core::Instant now) {
  db.write([&](SQLite::Database& c) {
    SQLite::Statement q(c,
                        "UPDATE mail_outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1,"
                        " next_attempt_at = NULL, last_error = NULL WHERE id = ?");
    q.bind(1, ms(now));
    q.bind(2, static_cast<std::int64_t>(id));
    q.exec();
  });
}

void mark_retry(db::Database& db, long long id, int attempts, core::Instant next_attempt_at, const std::string& error) {
  db.write([&](SQLite::Database& c) {
    SQLite::Statement q(c, "UPDATE mail_outbox SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?");
    q.bind(1, attempts);
    q.bind(2, ms(next_attempt_at));
    q.bind(3, error);
    q.bind(4, static_cast<std::int64_t>(id));
    q.exec();
  });
}

void mark_failed(db::Database& db, long long id, int attempts, const std::string& error) {
  db.write([&](SQLite::Database& c) {
    SQLite::Statement q(c,
                        "UPDATE mail_outbox SET status = 'failed', attempts = ?, next_attempt_at = NULL,"
                        " last_error = ? WHERE id = ?");
    q.bind(1, attempts);
    q.bind(2, error);
    q.bind(3, static_cast<std::int64_t>(id));
    q.exec();
  });
}

}  // namespace portal::mail::detail
