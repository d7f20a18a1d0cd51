#pragma once
// The two ways a rendered message leaves the outbox.
#include <string>

#include "portal/mail/outbox.hpp"

namespace portal::mail::detail {

// SMTP through libcurl (MAIL FROM / RCPT TO / DATA); STARTTLS when the server offers it, implicit
// TLS for smtps://. Returns false with a reason on any failure.
bool send_smtp(const MailOptions& options, const std::string& recipient, const std::string& rfc5322,
               std::string& error);

// Writes dir/name atomically: a hidden temp file, fsync, rename, fsync of the directory, so a reader
// (or a crash) never sees half a message.
bool write_file_atomically(const std::string& dir, const std::string& name, const std::string& content,
                           std::string& error);

}  // namespace portal::mail::detail
