#include "portal/mail/mime.hpp"

#include <cctype>
#include <chrono>
#include <stdexcept>

#include "portal/mail/outbox.hpp"

namespace portal::mail {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
// 45 bytes → 60 base64 characters; with "=?UTF-8?B?" and "?=" a word stays under RFC 2047's 75.
constexpr std::size_t kWordBytes = 45;
constexpr std::size_t kBodyLine = 76;  // RFC 2045 §6.8

// Bytes of the longest prefix of s no longer than max that ends on a code point boundary.
std::size_t utf8_prefix(std::string_view s, std::size_t max) {
  if (s.size() <= max) return s.size();
  std::size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return n == 0 ? max : n;
}

// Text bodies are canonically CRLF (RFC 2046 §4.1.1), whatever the template used.
std::string crlf(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 32);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      out += "\r\n";
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else if (text[i] == '\n') {
      out += "\r\n";
    } else {
      out += text[i];
    }
  }
  return out;
}

// Printable ASCII without quotes or backslashes: a quoted-string parameter says it as it is.
bool plain_quotable(std::string_view s) {
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < ' ' || c >= 0x7F || c == '"' || c == '\\') return false;
  }
  return true;
}

std::string two(unsigned v) { return v < 10 ? "0" + std::to_string(v) : std::to_string(v); }

}  // namespace

std::string base64_encode(std::string_view data) {
  std::string out;
  out.reserve((data.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < data.size(); i += 3) {
    const unsigned v = (static_cast<unsigned char>(data[i]) << 16) |
                       (static_cast<unsigned char>(data[i + 1]) << 8) |
                       static_cast<unsigned char>(data[i + 2]);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += kAlphabet[v & 63];
  }
  if (i + 1 == data.size()) {
    const unsigned v = static_cast<unsigned char>(data[i]) << 16;
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += "==";
  } else if (i + 2 == data.size()) {
    const unsigned v =
        (static_cast<unsigned char>(data[i]) << 16) | (static_cast<unsigned char>(data[i + 1]) << 8);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += '=';
  }
  return out;
}

std::string encode_header_words(std::string_view utf8) {
  if (utf8.empty()) return "";
  std::string out;
  while (!utf8.empty()) {
    const std::size_t n = utf8_prefix(utf8, kWordBytes);
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + base64_encode(utf8.substr(0, n)) + "?=";
    utf8.remove_prefix(n);
  }
  return out;
}

std::string rfc5322_date(core::Instant t) {
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const auto day = std::chrono::floor<std::chrono::days>(t);
  const std::chrono::year_month_day ymd{day};
  const std::chrono::weekday wd{day};
  const std::chrono::hh_mm_ss hms{std::chrono::floor<std::chrono::seconds>(t - day)};
  return std::string(kDays[wd.c_encoding()]) + ", " + std::to_string(static_cast<unsigned>(ymd.day())) + " " +
         kMonths[static_cast<unsigned>(ymd.month()) - 1] + " " +
         std::to_string(static_cast<int>(ymd.year())) + " " +
         two(static_cast<unsigned>(hms.hours().count())) + ":" +
         two(static_cast<unsigned>(hms.minutes().count())) + ":" +
         two(static_cast<unsigned>(hms.seconds().count())) + " +0000";
}

bool valid_recipient(std::string_view address) {
  if (address.empty() || address.size() > 254) return false;
  const auto at = address.find('@');
  if (at == 0 || at == std::string_view::npos || at + 1 >= address.size()) return false;
  if (address.find('@', at + 1) != std::string_view::npos) return false;
  for (const unsigned char c : address) {
    if (c <= ' ' || c == 0x7F || c == '<' || c == '>' || c == ',' || c == ';' || c == '"' || c == '(' ||
        c == ')' || c == '\\') {
      return false;
    }
  }
  return true;
}

std::string attachment_disposition(std::string_view file_name) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  if (plain_quotable(file_name)) return "attachment; filename=\"" + std::string(file_name) + "\"";
  // Only the RFC 2231 form then: a parser that meets both takes whichever it reads first.
  std::string encoded;
  for (const char ch : file_name) {
    const auto c = static_cast<unsigned char>(ch);
    // RFC 2231 attribute-char (as RFC 5987 lists it): ALPHA / DIGIT / "!#$&+-.^_`|~"; the rest is %XX.
    if (std::isalnum(c) != 0 || std::string_view("!#$&+-.^_`|~").find(ch) != std::string_view::npos) {
      encoded += ch;
    } else {
      encoded += '%';
      encoded += kHex[c >> 4];
      encoded += kHex[c & 15];
    }
  }
  return "attachment;\r\n filename*=UTF-8''" + encoded;
}

std::string render_message(const Message& m, std::string_view from, core::Instant date,
                           std::string_view message_id, const std::vector<std::string>& attachment_contents) {
  if (attachment_contents.size() != m.attachments.size())
    throw std::invalid_argument("render_message: one content per attachment");
  // Line breaks in a subject would end the header; they carry no meaning there.
  std::string subject = m.subject;
  for (char& c : subject) {
    if (c == '\r' || c == '\n') c = ' ';
  }
  std::string out;
  out += "Date: " + rfc5322_date(date) + "\r\n";
  out += "From: " + std::string(from) + "\r\n";
  out += "To: " + m.to + "\r\n";
  out += "Subject: " + encode_header_words(subject) + "\r\n";
  out += "Message-ID: <" + std::string(message_id) + ">\r\n";
  out += "MIME-Version: 1.0\r\n";
  auto base64_lines = [](std::string& to, std::string_view bytes) {
    const std::string body = base64_encode(bytes);
    for (std::size_t i = 0; i < body.size(); i += kBodyLine) to += body.substr(i, kBodyLine) + "\r\n";
  };
  // Base64 parts never contain a boundary, which is derived from the message id so it is unique per message.
  const std::string id_part(message_id.substr(0, message_id.find('@')));
  const std::string mixed = "=_portal_mixed_" + id_part;
  if (!m.attachments.empty()) {
    out += "Content-Type: multipart/mixed; boundary=\"" + mixed + "\"\r\n\r\n--" + mixed + "\r\n";
  }
  // The readable part: plain text, or (RFC 2046 §5.1.4) the same text twice, the plainest first; a client
  // shows the last it can.
  if (m.body_html.empty()) {
    out += "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n";
    base64_lines(out, crlf(m.body_text));
  } else {
    const std::string alternative = "=_portal_" + id_part;
    out += "Content-Type: multipart/alternative; boundary=\"" + alternative + "\"\r\n\r\n";
    out += "--" + alternative +
           "\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n";
    base64_lines(out, crlf(m.body_text));
    out += "--" + alternative +
           "\r\nContent-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n";
    base64_lines(out, crlf(m.body_html));
    out += "--" + alternative + "--\r\n";
  }
  if (m.attachments.empty()) return out;
  for (std::size_t i = 0; i < m.attachments.size(); ++i) {
    const auto& a = m.attachments[i];
    std::string type = a.content_type.empty() ? "application/octet-stream" : a.content_type;
    for (char& c : type) {
      if (c == '\r' || c == '\n') c = ' ';
    }
    // The name again as an RFC 2047 word in Content-Type, where clients without RFC 2231 look for it.
    out += "--" + mixed + "\r\nContent-Type: " + type + ";\r\n name=\"" +
           (plain_quotable(a.file_name) ? a.file_name : encode_header_words(a.file_name)) +
           "\"\r\nContent-Disposition: " + attachment_disposition(a.file_name) +
           "\r\nContent-Transfer-Encoding: base64\r\n\r\n";
    base64_lines(out, attachment_contents[i]);  // a file's bytes as they are: no line-end conversion
  }
  out += "--" + mixed + "--\r\n";
  return out;
}

}  // namespace portal::mail
