#include "sse.hpp"

namespace portal::events_hub {
namespace {

// Field values may not hold line breaks: anything after one would read as another field.
std::string one_line(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) out += (c == '\n' || c == '\r') ? ' ' : c;
  return out;
}

}  // namespace

std::string sse_event(std::string_view id, std::string_view type, std::string_view envelope) {
  return "id: " + one_line(id) + "\nevent: " + one_line(type) + "\ndata: " + one_line(envelope) + "\n\n";
}

std::string sse_comment(std::string_view text) { return ": " + one_line(text) + "\n\n"; }

std::string sse_retry(long long milliseconds) { return "retry: " + std::to_string(milliseconds) + "\n\n"; }

}  // namespace portal::events_hub
