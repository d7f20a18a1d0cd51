#include "portal/http/pagination.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "portal/http/json_body.hpp"
#include "portal/http/server.hpp"

namespace portal::http {
namespace {

// A whole number from 1 to max, or nullopt.
std::optional<long long> positive_up_to(std::string_view text, long long max) {
  long long n = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc{} || end != text.data() + text.size() || n < 1 || n > max) return std::nullopt;
  return n;
}

void read_one(const Request& req, std::string_view name, long long max, long long& out,
              core::FieldErrors& errors) {
  const auto value = req.query_param(name);
  if (!value) return;
  if (const auto n = positive_up_to(*value, max)) {
    out = *n;
    return;
  }
  errors.push_back(core::FieldError{std::string{name},
                                    "out_of_range",
                                    {"Debe ser un número entero entre 1 y " + std::to_string(max) + ".",
                                     "Must be a whole number from 1 to " + std::to_string(max) + "."}});
}

bool is_page_parameter(std::string_view pair) {
  const auto name = pair.substr(0, pair.find('='));
  return name == "page" || name == "per_page";
}

// Query text safe inside <...> of a Link header: what a request target may carry, minus what would end
// the reference ('>') or the header; anything else percent-encoded.
void append_link_safe(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (const unsigned char c : text) {
    if (std::isalnum(c) ||
        std::string_view{"-._~!$&'()*+,;=:@/?%"}.find(static_cast<char>(c)) != std::string_view::npos) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
}

}  // namespace

PageRequest read_page(const Request& req, const PageLimits& limits, core::FieldErrors& errors) {
  PageRequest page;
  page.per_page = limits.default_per_page;
  read_one(req, "page", kMaxPage, page.page, errors);
  read_one(req, "per_page", limits.max_per_page, page.per_page, errors);
  return page;
}

std::variant<PageRequest, Response> read_page(const Request& req, const PageLimits& limits) {
  core::FieldErrors errors;
  const auto page = read_page(req, limits, errors);
  if (!errors.empty()) return problem(req, validation_failed(std::move(errors)));
  return page;
}

std::string page_links(std::string_view path, std::string_view raw_query, const PageRequest& page,
                       long long total) {
  const long long per_page = std::max(1LL, page.per_page);
  const long long last = std::max(1LL, (total + per_page - 1) / per_page);
  if (last == 1 && page.page == 1) return {};
  std::string kept;  // the other parameters, as sent
  while (!raw_query.empty()) {
    const auto amp = raw_query.find('&');
    const auto pair = raw_query.substr(0, amp);
    raw_query = amp == std::string_view::npos ? std::string_view{} : raw_query.substr(amp + 1);
    if (pair.empty() || is_page_parameter(pair)) continue;
    append_link_safe(kept, pair);
    kept += '&';
  }
  std::string out;
  auto link = [&](long long target, std::string_view rel) {
    if (!out.empty()) out += ", ";
    out += '<';
    append_link_safe(out, path);
    out += '?';
    out += kept;
    out += "page=" + std::to_string(target) + "&per_page=" + std::to_string(per_page) + ">; rel=\"";
    out += rel;
    out += '"';
  };
  link(1, "first");
  if (page.page > 1) link(std::min(page.page - 1, last), "prev");
  if (page.page < last) link(page.page + 1, "next");
  link(last, "last");
  return out;
}

Response& with_page_links(Response& res, const Request& req, const PageRequest& page, long long total) {
  auto links = page_links(req.path, req.raw_query, page, total);
  if (!links.empty()) res.with_header("Link", std::move(links));
  return res;
}

void write_list_envelope(json::Writer& w, const PageRequest& page, long long total,
                         const std::function<void()>& items) {
  w.StartObject();
  json::write_key(w, "items");
  w.StartArray();
  items();
  w.EndArray();
  json::write_key(w, "page");
  w.Int64(page.page);
  json::write_key(w, "per_page");
  w.Int64(page.per_page);
  json::write_key(w, "total");
  w.Int64(total);
  w.EndObject();
}

Response list_response(const Request& req, const PageRequest& page, long long total,
                       const std::function<void(json::Writer&)>& write_items) {
  auto res = json_response(
      200, [&](json::Writer& w) { write_list_envelope(w, page, total, [&] { write_items(w); }); });
  return with_page_links(res, req, page, total);
}

}  // namespace portal::http
