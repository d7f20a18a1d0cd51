#pragma once
// Routes whose request and answer stream through to an upstream (issue 14 item 4: the gateway's proxy
// path). The route's handler decides from the request head alone (token already verified, no body read)
// and never blocks: it answers at once (a refusal) or returns a plan, which the server's Asio front
// carries out on the connection's I/O thread: it connects (or reuses a kept-alive connection), sends the
// head, streams the body as it arrives (a chunk is read from the client only after the previous one went
// upstream), and streams the answer back the same way. Memory per request stays at a few buffers,
// whatever the size of the bodies. Only ServerOptions::front == Front::asio serves these routes.
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <variant>
#include <vector>

#include "portal/http/client.hpp"
#include "portal/http/message.hpp"

namespace portal::http {

struct ForwardTarget {
  std::string host;
  std::uint16_t port = 0;
};

// The outcome of one attempt, as the plan's callbacks see it.
struct ForwardAttempt {
  ClientError error = ClientError::none;
  // The request may have reached the upstream (a connection was made and bytes were written).
  bool sent = false;
  int status = 0;  // the upstream's status, when it answered
  bool ok() const { return error == ClientError::none; }
};

struct ForwardPlan {
  std::vector<ForwardTarget> targets;  // in the order to try them
  std::string target;                  // path and query, as sent upstream
  // Request fields for the upstream; framing fields, Host and Expect are the front's to write.
  Headers headers;
  std::chrono::milliseconds connect_timeout{300};
  // For the answer's head, and between two reads of its body.
  std::chrono::milliseconds read_timeout{5000};
  // Between two reads of a text/event-stream body (an idle but alive stream sends heartbeats).
  std::chrono::milliseconds stream_idle_timeout{60000};
  // May the request go to the next target after it reached one (GW-6)? Only a body held whole in memory
  // can be sent twice: the front never repeats a streamed body, whatever this says.
  bool repeatable = false;
  // May target k be tried now (its circuit breaker)? Asked once per target; null: always.
  std::function<bool(std::size_t k)> allow;
  // After each attempt, success included; returns whether a failed attempt moves on to the next target.
  std::function<bool(std::size_t k, const ForwardAttempt&)> after_attempt;
  // The client's answer when no target answered.
  std::function<Response(ClientError)> failure_answer;
  // Edits the upstream's answer fields for the client (hop-by-hop fields are dropped by the front).
  std::function<void(Headers&)> response_headers;
  // Once per request, when it ends: the last attempt and the seconds since the first.
  std::function<void(const ForwardAttempt&, double seconds)> done;
};

using ForwardHandler = std::function<std::variant<Response, ForwardPlan>(Request& head)>;

}  // namespace portal::http
