#pragma once
// SPEC §2 lists, one behaviour for the whole API (issue 10; docs/api.md):
// - `?page=` from 1 (default 1) and `?per_page=` from 1 to the list's maximum (default 20, maximum 200
//   unless the list says otherwise). Anything else — not a whole number, zero, negative, above the
//   maximum — is 422 validation_failed naming the parameter; a per_page above the maximum is never
//   silently capped, so a client never believes it has every row when it has not.
// - The answer is `{items, page, per_page, total}` and carries an RFC 8288 `Link` header with `first`,
//   `prev`, `next` and `last` (those that exist), relative to the request's path, other query parameters
//   kept as sent.
#include <functional>
#include <string>
#include <variant>

#include "portal/core/errors.hpp"
#include "portal/http/message.hpp"
#include "portal/json/json.hpp"

namespace portal::http {

struct PageRequest {
  long long page = 1;
  long long per_page = 20;
  long long offset() const { return (page - 1) * per_page; }
};

struct PageLimits {
  long long default_per_page = 20;
  long long max_per_page = 200;
};

inline constexpr long long kMaxPage = 1000000;

// Reads page and per_page from the query; bad values are added to errors (the page returned then holds
// the defaults for them).
PageRequest read_page(const Request& req, const PageLimits& limits, core::FieldErrors& errors);
// The same for a route that reads no other parameter: the page, or its 422 answer.
std::variant<PageRequest, Response> read_page(const Request& req, const PageLimits& limits = {});

// The Link header value for one page of a list of `total` items ("" when the list fits on one page and
// this is it).
std::string page_links(std::string_view path, std::string_view raw_query, const PageRequest& page,
                       long long total);
// Adds page_links (when not empty) to res.
Response& with_page_links(Response& res, const Request& req, const PageRequest& page, long long total);

// {"items": [...], "page", "per_page", "total"}: items() writes the array's elements.
void write_list_envelope(json::Writer& w, const PageRequest& page, long long total,
                         const std::function<void()>& items);
// A 200 list answer: the envelope (write_items writes the array's elements) and its Link header.
Response list_response(const Request& req, const PageRequest& page, long long total,
                       const std::function<void(json::Writer&)>& write_items);

}  // namespace portal::http
