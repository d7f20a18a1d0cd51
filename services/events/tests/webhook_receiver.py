#!/usr/bin/env python3
"""A webhook receiver for the tests of issue 15, independent of the portal's code: it verifies Standard
Webhooks signatures with Python's hmac, as an integrator's server would.

  webhook_receiver.py serve <dir> [--fail N] [--redirect URL]
      Listens on 127.0.0.1 (a free port, written to <dir>/port). For every POST it reads the secret from
      <dir>/secret (whsec_<base64>), checks webhook-signature against webhook-id, webhook-timestamp and the
      body, and appends {id, timestamp, signature, body, verified} as one JSON line to <dir>/received.jsonl.
      It answers 500 to the first N requests (--fail), 307 to URL for all (--redirect), else 204.
  webhook_receiver.py verify <secret> <id> <timestamp> <signature> <body file>
      Exit 0 when the signature is valid for that body, 1 otherwise.
"""
import base64
import hashlib
import hmac
import json
import os
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def verify(secret, msg_id, timestamp, signature_header, body):
    if not secret.startswith("whsec_"):
        return False
    try:
        key = base64.b64decode(secret[len("whsec_"):], validate=True)
    except ValueError:
        return False
    signed = msg_id.encode() + b"." + timestamp.encode() + b"." + body
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    # The header may hold several space-separated "v1,<sig>" (during a secret rotation).
    for candidate in signature_header.split(" "):
        version, _, sig = candidate.partition(",")
        if version == "v1" and hmac.compare_digest(sig, expected):
            return True
    return False


def serve(directory, fail, redirect):
    state = {"left_to_fail": fail}

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            with open(os.path.join(directory, "secret")) as f:
                secret = f.read().strip()
            record = {
                "id": self.headers.get("webhook-id", ""),
                "timestamp": self.headers.get("webhook-timestamp", ""),
                "signature": self.headers.get("webhook-signature", ""),
                "body": body.decode("utf-8"),
            }
            record["verified"] = verify(secret, record["id"], record["timestamp"], record["signature"], body)
            with open(os.path.join(directory, "received.jsonl"), "a") as f:
                f.write(json.dumps(record) + "\n")
            if redirect:
                self.send_response(307)
                self.send_header("Location", redirect)
            elif state["left_to_fail"] > 0:
                state["left_to_fail"] -= 1
                self.send_response(500)
            else:
                self.send_response(204)
            self.send_header("Content-Length", "0")
            self.end_headers()

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    with open(os.path.join(directory, "port.tmp"), "w") as f:
        f.write(str(server.server_address[1]))
    os.rename(os.path.join(directory, "port.tmp"), os.path.join(directory, "port"))
    server.serve_forever()


def main(argv):
    if len(argv) >= 3 and argv[1] == "serve":
        fail = int(argv[argv.index("--fail") + 1]) if "--fail" in argv else 0
        redirect = argv[argv.index("--redirect") + 1] if "--redirect" in argv else ""
        serve(argv[2], fail, redirect)
        return 0
    if len(argv) == 7 and argv[1] == "verify":
        with open(argv[6], "rb") as f:
            body = f.read()
        return 0 if verify(argv[2], argv[3], argv[4], argv[5], body) else 1
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
