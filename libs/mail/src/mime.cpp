#include "portal/mail/mime.hpp"

#include <chrono>

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

std::string render_message(const Message& m, std::string_view from, core::Instant date,
                           std::string_view message_id) {
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
  auto base64_part = [](std::string& to, const std::string& text) {
    const std::string body = base64_encode(crlf(text));
    for (std::size_t i = 0; i < body.size(); i += kBodyLine) to += body.substr(i, kBodyLine) + "\r\n";
  };
  if (m.body_html.empty()) {
    out += "Content-Type: text/plain; charset=UTF-8\r\n";
    out += "Content-Transfer-Encoding: base64\r\n";
    out += "\r\n";
    base64_part(out, m.body_text);
    return out;
  }
  // RFC 2046 §5.1.4: the same text twice, the plainest first; a client shows the last it can. Base64
  // parts never contain the boundary, which is derived from the message id so it is unique per message.
  const std::string boundary = "=_portal_" + std::string(message_id.substr(0, message_id.find('@')));
  out += "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n";
  out += "\r\n";
  out += "--" + boundary +
         "\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n";
  base64_part(out, m.body_text);
  out += "--" + boundary +
         "\r\nContent-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n";
  base64_part(out, m.body_html);
  out += "--" + boundary + "--\r\n";
  return out;
}

}  // namespace portal::mail
