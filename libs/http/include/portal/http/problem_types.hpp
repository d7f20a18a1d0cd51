#pragma once
// The problem types of the API (RFC 9457 §3.1.1, issue 10): every `code` a service or the gateway answers
// with, its status, title and what it means. A problem's `type` is "/problems/<code>", a reference the
// client resolves against the URL it called, so it lands on the gateway, which serves this catalog as
// human-readable pages (GET /problems/<code>, public). The titles here are the titles the answers carry:
// 409s take theirs from here, so each conflict has its own (issue 10), and the end-to-end suite checks that
// every problem answer's title is the one its page shows.
#include <string>
#include <string_view>
#include <vector>

#include "portal/core/errors.hpp"

namespace portal::http {

struct ProblemType {
  std::string code;
  int status = 0;
  core::Text title;
  core::Text description;  // what happened and what the client can do
};

// Sorted by code.
const std::vector<ProblemType>& problem_types();
const ProblemType* find_problem_type(std::string_view code);

// "/problems/<code>".
std::string problem_type_uri(std::string_view code);

// A small standalone HTML page for one type, in `lang` (no scripts, no external resources).
std::string problem_type_page(const ProblemType& type, core::Lang lang);

}  // namespace portal::http
