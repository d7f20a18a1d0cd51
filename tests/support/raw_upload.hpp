#pragma once
// A client that streams a large request body over a plain socket while reading the server's answer, to
// test what a server does with a body it refuses: how soon it answers, and when it stops reading.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

namespace portal::test {

struct UploadOutcome {
  std::string answer;    // what the server sent back, up to its close
  std::size_t sent = 0;  // body bytes the kernel took before the answer (or the cut-off)
  bool cut_off = false;  // the server ended the connection while the client was still sending
};

struct UploadOptions {
  std::size_t body_bytes = 0;
  // A real client (curl, a browser) stops sending once the answer arrives; a hostile one does not.
  bool keep_sending_after_answer = false;
  std::chrono::milliseconds deadline{20000};
};

// Connects to 127.0.0.1:port, sends `head` (ending in the empty line) and then up to body_bytes of body.
UploadOutcome stream_upload(std::uint16_t port, const std::string& head, const UploadOptions& options);

}  // namespace portal::test
