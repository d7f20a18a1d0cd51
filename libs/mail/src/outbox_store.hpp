#pragma once
// SQL for the mail_outbox table, nothing else.
#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "portal/core/clock.hpp"
#include "portal/db/database.hpp"
#include "portal/mail/outbox.hpp"

namespace portal::mail::detail {

struct PendingMail {
  long long id;
  Message message;
  int attempts;  // failed attempts so far
};

// The attachments column: a JSON array of strings, three per file (name, content type, path), and back
// (what does not read as such is no attachments).
std::string attachments_json(const std::vector<Attachment>& attachments);
std::vector<Attachment> parse_attachments(std::string_view json_text);

// Takes up to `limit` due messages and pushes their next_attempt_at `lease` ahead, so another sender
// (or this one, on its next pass) does not pick them up while they are being delivered. If the process
// dies mid-delivery the lease expires and the message is tried again: nothing is lost.
std::vector<PendingMail> claim_due(db::Database& db, core::Instant now, std::chrono::milliseconds lease,
                                   int limit);
void mark_sent(db::Database& db, long long id, core::Instant now);
void mark_retry(db::Database& db, long long id, int attempts, core::Instant next_attempt_at,
                const std::string& error);
void mark_failed(db::Database& db, long long id, int attempts, const std::string& error);

}  // namespace portal::mail::detail
