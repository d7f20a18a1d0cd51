#include "portal/mail/mime.hpp"

#include <catch2/catch.hpp>

#include "portal/mail/outbox.hpp"
#include "test_support.hpp"

using namespace portal::mail;
using portal::mail::testing::base64_decode;

namespace {

// Decodes a folded sequence of "=?UTF-8?B?...?=" words back to UTF-8.
std::string decode_words(const std::string& header) {
  std::string out;
  std::size_t pos = 0;
  while ((pos = header.find("=?UTF-8?B?", pos)) != std::string::npos) {
    const auto end = header.find("?=", pos + 10);
    out += base64_decode(header.substr(pos + 10, end - pos - 10));
    pos = end + 2;
  }
  return out;
}

}  // namespace

TEST_CASE("base64 matches RFC 4648 test vectors") {
  struct Row {
    const char* in;
    const char* out;
  };
  for (auto [in, out] : {Row{"", ""}, Row{"f", "Zg=="}, Row{"fo", "Zm8="}, Row{"foo", "Zm9v"},
                         Row{"foob", "Zm9vYg=="}, Row{"fooba", "Zm9vYmE="}, Row{"foobar", "Zm9vYmFy"}}) {
    CHECK(base64_encode(in) == out);
  }
}

TEST_CASE("subjects become RFC 2047 words of at most 75 characters without splitting characters") {
  const std::string subject =
      "Activación de su cuenta en el Portal de Prestadores — año 2026, ñandú y acentuación";
  const std::string encoded = encode_header_words(subject);
  CHECK(encoded.rfind("=?UTF-8?B?", 0) == 0);
  CHECK(decode_words(encoded) == subject);
  std::size_t start = 0;
  int words = 0;
  while (start < encoded.size()) {
    auto end = encoded.find("\r\n ", start);
    const std::string word =
        encoded.substr(start, end == std::string::npos ? std::string::npos : end - start);
    CHECK(word.size() <= 75);
    // every word decodes to complete UTF-8 on its own (no continuation byte at its start)
    const std::string piece = base64_decode(word.substr(10, word.size() - 12));
    CHECK((static_cast<unsigned char>(piece[0]) & 0xC0) != 0x80);
    ++words;
    if (end == std::string::npos) break;
    start = end + 3;
  }
  CHECK(words > 1);
  CHECK(encode_header_words("") == "");
}

TEST_CASE("RFC 5322 dates use English names and UTC") {
  const auto t = portal::core::parse_rfc3339("2026-03-01T17:05:09Z").value();
  CHECK(rfc5322_date(t) == "Sun, 1 Mar 2026 17:05:09 +0000");
  CHECK(rfc5322_date(portal::core::parse_rfc3339("2026-11-23T00:00:00-05:00").value()) ==
        "Mon, 23 Nov 2026 05:00:00 +0000");
}

TEST_CASE("recipient addresses that could inject headers or extra recipients are refused") {
  struct Row {
    const char* address;
    bool ok;
  };
  for (auto [address, ok] :
       {Row{"ana@ips.com.co", true}, Row{"a.b+c@x.co", true}, Row{"", false}, Row{"no-at", false},
        Row{"@x.co", false}, Row{"a@", false}, Row{"a@b@c", false}, Row{"a@x.co\r\nBcc: e@v.co", false},
        Row{"a b@x.co", false}, Row{"a@x.co,b@y.co", false}, Row{"<a@x.co>", false}}) {
    CAPTURE(address);
    CHECK(valid_recipient(address) == ok);
  }
}

TEST_CASE("rendered message has the RFC 5322 and MIME headers and a base64 UTF-8 body with CRLF") {
  const Message m{"ana@ips.com.co", "Contraseña\r\nBcc: x@y.co", "Hola Ana,\nsu código es 123.\n— Portal"};
  const auto date = portal::core::parse_rfc3339("2026-03-01T17:05:09Z").value();
  const std::string text = render_message(m, "no-reply@eps.co", date, "7.1@eps.co");
  const auto split = text.find("\r\n\r\n");
  REQUIRE(split != std::string::npos);
  const std::string headers = text.substr(0, split + 2);
  CHECK_THAT(headers, Catch::StartsWith("Date: Sun, 1 Mar 2026 17:05:09 +0000\r\n"));
  CHECK_THAT(headers, Catch::Contains("\r\nFrom: no-reply@eps.co\r\n"));
  CHECK_THAT(headers, Catch::Contains("\r\nTo: ana@ips.com.co\r\n"));
  CHECK_THAT(headers, Catch::Contains("\r\nSubject: =?UTF-8?B?"));
  CHECK_THAT(headers, Catch::Contains("\r\nMessage-ID: <7.1@eps.co>\r\n"));
  CHECK_THAT(headers, Catch::Contains("\r\nMIME-Version: 1.0\r\n"));
  CHECK_THAT(headers, Catch::Contains("\r\nContent-Type: text/plain; charset=UTF-8\r\n"));
  CHECK_THAT(headers, Catch::Contains("\r\nContent-Transfer-Encoding: base64\r\n"));
  CHECK_THAT(headers, !Catch::Contains("Bcc"));  // the line break in the subject could not start a header
  const auto subject_start = headers.find("Subject: ") + 9;
  CHECK(decode_words(headers.substr(subject_start, headers.find("\r\nMessage-ID") - subject_start)) ==
        "Contraseña  Bcc: x@y.co");
  const std::string body = text.substr(split + 4);
  for (std::size_t pos = 0; pos < body.size();) {
    const auto eol = body.find("\r\n", pos);
    REQUIRE(eol != std::string::npos);
    CHECK(eol - pos <= 76);
    pos = eol + 2;
  }
  CHECK(base64_decode(body) == "Hola Ana,\r\nsu código es 123.\r\n— Portal");
}

TEST_CASE("a message with an HTML part is multipart/alternative: plain text first, then HTML (issue 15)") {
  Message m{"ana@ips.com.co", "Solicitud aprobada", "Aprobada.\n", "<p>Aprobada.</p>\n"};
  const auto date = portal::core::parse_rfc3339("2026-03-01T17:05:09Z").value();
  const std::string text = render_message(m, "no-reply@eps.co", date, "7.1@eps.co");
  CHECK_THAT(text, Catch::Contains("\r\nContent-Type: multipart/alternative; boundary=\"=_portal_7.1\"\r\n"));
  const auto plain = text.find("--=_portal_7.1\r\nContent-Type: text/plain; charset=UTF-8\r\n");
  const auto html = text.find("--=_portal_7.1\r\nContent-Type: text/html; charset=UTF-8\r\n");
  REQUIRE(plain != std::string::npos);
  REQUIRE(html != std::string::npos);
  CHECK(plain < html);
  CHECK_THAT(text, Catch::EndsWith("--=_portal_7.1--\r\n"));
  const auto body_start = text.find("\r\n\r\n", html) + 4;
  CHECK(base64_decode(text.substr(body_start, text.find("\r\n--", body_start) - body_start)) ==
        "<p>Aprobada.</p>\r\n");
}

TEST_CASE("attachments make the message multipart/mixed: the text first, each file base64 after (issue 19)") {
  Message m{"ana@ips.com.co", "Resultado", "Se adjunta.\n"};
  m.attachments.push_back({"Respuesta glosas ñ \"2025\".xlsx", "application/vnd.ms-excel", "/unused"});
  std::string bytes;
  for (int i = 0; i < 300; ++i) bytes += static_cast<char>(i % 256);  // binary, with CR and LF bytes in it
  const auto date = portal::core::parse_rfc3339("2026-03-01T17:05:09Z").value();
  const std::string text = render_message(m, "no-reply@eps.co", date, "9.1@eps.co", {bytes});
  CHECK_THAT(text, Catch::Contains("\r\nContent-Type: multipart/mixed; boundary=\"=_portal_mixed_9.1\"\r\n"));
  const auto plain = text.find("--=_portal_mixed_9.1\r\nContent-Type: text/plain; charset=UTF-8\r\n");
  const auto file =
      text.find("--=_portal_mixed_9.1\r\nContent-Type: application/vnd.ms-excel;\r\n name=\"=?UTF-8?B?");
  REQUIRE(plain != std::string::npos);
  REQUIRE(file != std::string::npos);
  CHECK(plain < file);
  CHECK_THAT(text, Catch::Contains("Content-Disposition: attachment;\r\n"
                                   " filename*=UTF-8''Respuesta%20glosas%20%C3%B1%20%222025%22.xlsx\r\n"));
  CHECK(attachment_disposition("NI-65697259-20250129.xlsx") ==
        "attachment; filename=\"NI-65697259-20250129.xlsx\"");
  CHECK_THAT(text, Catch::EndsWith("--=_portal_mixed_9.1--\r\n"));
  const auto body_start = text.find("\r\n\r\n", file) + 4;
  // The file's bytes come back exactly: no line-end conversion as for text.
  CHECK(base64_decode(text.substr(body_start, text.find("\r\n--", body_start) - body_start)) == bytes);
  CHECK_THROWS_AS(render_message(m, "no-reply@eps.co", date, "9.1@eps.co"), std::invalid_argument);
}
