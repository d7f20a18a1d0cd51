#pragma once
// RFC 5322 / MIME rendering of an outbox message: UTF-8 subject as RFC 2047 encoded-words, body as
// base64 text/plain; charset=UTF-8, CRLF line endings. Pure functions, so they are tested without I/O.
#include <string>
#include <string_view>
#include <vector>

#include "portal/core/clock.hpp"

namespace portal::mail {

struct Message;

std::string base64_encode(std::string_view data);
// "=?UTF-8?B?...?=" words of at most 75 characters each, never splitting a UTF-8 sequence, joined
// by CRLF + space (header folding).
std::string encode_header_words(std::string_view utf8);
// "Mon, 23 Nov 2026 05:59:29 +0000" (RFC 5322 §3.3, always UTC, English names regardless of locale).
std::string rfc5322_date(core::Instant t);
// True for a bare addr-spec we are willing to put in To:/RCPT TO (no CR/LF, spaces, brackets, commas).
bool valid_recipient(std::string_view address);
// The Content-Disposition of an attached file: filename="..." when the name is plain printable ASCII, else
// the exact UTF-8 name as RFC 2231 filename*=UTF-8''percent-encoded (alone: with both, parsers differ on
// which wins).
std::string attachment_disposition(std::string_view file_name);
// The full message, headers and body, ready for SMTP DATA or an .eml file. attachment_contents holds the
// bytes of m.attachments, in order (std::invalid_argument when the counts differ).
std::string render_message(const Message& m, std::string_view from, core::Instant date,
                           std::string_view message_id,
                           const std::vector<std::string>& attachment_contents = {});

}  // namespace portal::mail
