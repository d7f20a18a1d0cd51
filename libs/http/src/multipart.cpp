#include "portal/http/multipart.hpp"

#include "portal/core/text.hpp"
#include "url.hpp"

namespace portal::http {
namespace {

using core::iequals;

std::string_view trim(std::string_view s) { return core::trim_ows(s); }

// The parameters of a header value after its first item: `; name="value"; other=x`.
std::optional<std::string> parameter(std::string_view value, std::string_view wanted) {
  std::size_t at = value.find(';');
  while (at != std::string_view::npos) {
    ++at;
    while (at < value.size() && (value[at] == ' ' || value[at] == '\t')) ++at;
    const auto eq = value.find('=', at);
    if (eq == std::string_view::npos) return std::nullopt;
    const auto key = trim(value.substr(at, eq - at));
    std::string v;
    std::size_t next;
    if (eq + 1 < value.size() && value[eq + 1] == '"') {
      std::size_t i = eq + 2;
      for (; i < value.size() && value[i] != '"'; ++i) {
        if (value[i] == '\\' && i + 1 < value.size()) ++i;
        v += value[i];
      }
      if (i >= value.size()) return std::nullopt;  // unterminated quote
      next = value.find(';', i + 1);
    } else {
      next = value.find(';', eq + 1);
      v = std::string(trim(
          value.substr(eq + 1, next == std::string_view::npos ? std::string_view::npos : next - eq - 1)));
    }
    if (iequals(key, wanted)) return v;
    at = next;
  }
  return std::nullopt;
}

// RFC 8187 ext-value "UTF-8'lang'pct-encoded" → its bytes; nullopt for other charsets or bad escapes.
std::optional<std::string> decode_ext_value(std::string_view v) {
  const auto first = v.find('\'');
  if (first == std::string_view::npos || !iequals(v.substr(0, first), "UTF-8")) return std::nullopt;
  const auto second = v.find('\'', first + 1);
  if (second == std::string_view::npos) return std::nullopt;
  return url::percent_decode(v.substr(second + 1), false);
}

}  // namespace

std::optional<std::string> content_disposition_file_name(std::string_view value) {
  std::optional<std::string> name;
  if (const auto ext = parameter(value, "filename*")) name = decode_ext_value(*ext);
  if (!name) name = parameter(value, "filename");
  if (!name || !core::is_valid_utf8(*name)) return std::nullopt;
  const auto slash = name->find_last_of("/\\");
  std::string_view base =
      slash == std::string::npos ? std::string_view(*name) : std::string_view(*name).substr(slash + 1);
  std::string clean;
  for (const char c : base) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x20 && u != 0x7F) clean += c;
  }
  clean = std::string(trim(clean));
  if (clean.size() > 255) {
    std::size_t n = 255;
    while (n > 0 && (static_cast<unsigned char>(clean[n]) & 0xC0) == 0x80) --n;
    clean.resize(n);
  }
  if (clean.empty() || clean == "." || clean == "..") return std::nullopt;
  return clean;
}

std::optional<std::string_view> multipart_boundary(std::string_view content_type) {
  const auto semicolon = content_type.find(';');
  if (!iequals(trim(content_type.substr(0, semicolon)), "multipart/form-data")) return std::nullopt;
  const auto value = parameter(content_type, "boundary");
  if (!value || value->empty() || value->size() > 70) return std::nullopt;  // RFC 2046 §5.1.1
  // A view into content_type: find the value where it is (quoted or not).
  const auto at = content_type.find(*value, semicolon);
  if (at == std::string_view::npos) return std::nullopt;
  return content_type.substr(at, value->size());
}

std::optional<std::vector<FormPart>> parse_multipart(std::string_view body, std::string_view boundary,
                                                     std::size_t max_parts) {
  if (boundary.empty()) return std::nullopt;
  const std::string delimiter = "--" + std::string(boundary);
  const std::string inner = "\r\n" + delimiter;
  // The first delimiter opens the body or follows a preamble's line end.
  std::size_t at;
  if (body.substr(0, delimiter.size()) == delimiter) {
    at = delimiter.size();
  } else {
    const auto first = body.find(inner);
    if (first == std::string_view::npos) return std::nullopt;
    at = first + inner.size();
  }
  std::vector<FormPart> parts;
  while (true) {
    if (body.substr(at, 2) == "--") return parts.empty() ? std::nullopt : std::optional(parts);  // closing
    // Transport padding (spaces, tabs) may follow a delimiter, then its line end.
    while (at < body.size() && (body[at] == ' ' || body[at] == '\t')) ++at;
    if (body.substr(at, 2) != "\r\n") return std::nullopt;
    at += 2;
    const auto headers_end = body.find("\r\n\r\n", at);
    const auto next = body.find(inner, at);
    if (headers_end == std::string_view::npos || next == std::string_view::npos || headers_end > next)
      return std::nullopt;
    if (parts.size() == max_parts) return std::nullopt;
    FormPart part;
    bool form_data = false;
    auto headers = body.substr(at, headers_end - at);
    while (!headers.empty()) {
      const auto line_end = headers.find("\r\n");
      const auto line = headers.substr(0, line_end);
      headers = line_end == std::string_view::npos ? std::string_view{} : headers.substr(line_end + 2);
      const auto colon = line.find(':');
      if (colon == std::string_view::npos) return std::nullopt;
      const auto name = trim(line.substr(0, colon));
      const auto value = trim(line.substr(colon + 1));
      if (iequals(name, "Content-Disposition")) {
        if (!iequals(trim(value.substr(0, value.find(';'))), "form-data")) return std::nullopt;
        const auto field = parameter(value, "name");
        if (!field) return std::nullopt;
        form_data = true;
        part.name = *field;
        part.filename = parameter(value, "filename");
      } else if (iequals(name, "Content-Type")) {
        part.content_type = std::string(value);
      }
    }
    if (!form_data) return std::nullopt;
    part.content = body.substr(headers_end + 4, next - headers_end - 4);
    parts.push_back(std::move(part));
    at = next + inner.size();
  }
}

}  // namespace portal::http
