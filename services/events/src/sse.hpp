#pragma once
// Issue 15 item 4, pure: the text/event-stream framing (WHATWG HTML §9.2) of the portal's events.
#include <string>
#include <string_view>

namespace portal::events_hub {

// "id: <event id>\nevent: <type>\ndata: <envelope>\n\n"; the envelope is one line of JSON, so one data line.
std::string sse_event(std::string_view id, std::string_view type, std::string_view envelope);
// A comment line the client ignores: keeps proxies and the client's idle timer from closing the stream.
std::string sse_comment(std::string_view text);
// How long the browser waits before reconnecting after the stream ends.
std::string sse_retry(long long milliseconds);

}  // namespace portal::events_hub
