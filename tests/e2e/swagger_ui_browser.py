#!/usr/bin/python3
"""Issue 20: loads the gateway's /docs in headless Chromium (Debian's `chromium`) and reports, as one JSON
line on stdout, what a developer would see: the operations Swagger UI rendered (read from the DOM), every
console error and Content-Security-Policy violation, and the answer of "Try it out" → "Execute" on one
operation after "Authorize" with a bearer token.

    swagger_ui_browser.py <gateway URL> <bearer token> <openapi.yaml>

Chromium is driven over the DevTools protocol (a WebSocket, spoken here with the standard library only, as
Debian 12 packages no Python WebSocket client besides this need). Exit status 0 when the report was
produced; the caller judges it.
"""
import base64
import json
import os
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

import yaml

TIMEOUT = 60


class DevTools:
    def __init__(self, ws_url):
        u = urllib.parse.urlparse(ws_url)
        self.sock = socket.create_connection((u.hostname, u.port), timeout=TIMEOUT)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((f"GET {u.path} HTTP/1.1\r\nHost: {u.hostname}:{u.port}\r\nUpgrade: websocket\r\n"
                           f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n")
                          .encode())
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise RuntimeError("DevTools closed the handshake")
            head += chunk
        head, self.buffer = head.split(b"\r\n\r\n", 1)
        if b" 101 " not in head.split(b"\r\n")[0]:
            raise RuntimeError("DevTools refused the WebSocket: " + head.decode(errors="replace"))
        self.next_id = 0
        self.events = []

    def _read(self, n):
        while len(self.buffer) < n:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise RuntimeError("DevTools closed the connection")
            self.buffer += chunk
        out, self.buffer = self.buffer[:n], self.buffer[n:]
        return out

    def _receive(self):
        message = b""
        while True:
            b0, b1 = self._read(2)
            length = b1 & 0x7F
            if length == 126:
                length = struct.unpack(">H", self._read(2))[0]
            elif length == 127:
                length = struct.unpack(">Q", self._read(8))[0]
            payload = self._read(length)
            opcode = b0 & 0x0F
            if opcode == 0x8:
                raise RuntimeError("DevTools closed the WebSocket")
            if opcode in (0x0, 0x1, 0x2):
                message += payload
                if b0 & 0x80:
                    return json.loads(message)

    def _send(self, obj):
        data = json.dumps(obj).encode()
        header = bytes([0x81])
        if len(data) < 126:
            header += bytes([0x80 | len(data)])
        elif len(data) < 65536:
            header += bytes([0x80 | 126]) + struct.pack(">H", len(data))
        else:
            header += bytes([0x80 | 127]) + struct.pack(">Q", len(data))
        mask = os.urandom(4)
        self.sock.sendall(header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(data)))

    def call(self, method, **params):
        self.next_id += 1
        self._send({"id": self.next_id, "method": method, "params": params})
        while True:
            msg = self._receive()
            if msg.get("id") == self.next_id:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg.get("result", {})
            if "method" in msg:
                self.events.append(msg)

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", expression=expression, awaitPromise=True, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError("page script failed: " + json.dumps(result["exceptionDetails"])[:500])
        return result["result"].get("value")


def documented_operations(openapi_file):
    with open(openapi_file, encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    return sorted(f"{m.upper()} {p}" for p, item in doc["paths"].items() for m in item
                  if m in ("get", "put", "post", "patch", "delete"))


# After "Authorize" (Swagger UI's own preauthorizeApiKey, what the dialog's button does), open the operation,
# press "Try it out" and "Execute", and wait for the live response.
TRY_IT_OUT = """
(async () => {
  const sleep = ms => new Promise(r => setTimeout(r, ms));
  const until = async (f, what) => {
    for (let i = 0; i < 200; ++i) { const v = f(); if (v) return v; await sleep(100); }
    throw new Error('timed out waiting for ' + what);
  };
  window.ui.preauthorizeApiKey('bearerAuth', %(token)s);
  const block = await until(() => document.getElementById(%(block)s), 'the operation');
  block.querySelector('.opblock-summary').click();
  (await until(() => block.querySelector('button.try-out__btn'), 'Try it out')).click();
  (await until(() => block.querySelector('button.execute'), 'Execute')).click();
  const status = await until(() => {
    const cell = block.querySelector('.live-responses-table tbody .response-col_status');
    return cell && cell.textContent.trim();
  }, 'the response');
  const body = block.querySelector('.live-responses-table tbody .response-col_description');
  return {status: status, body: body ? body.textContent.slice(0, 2000) : ''};
})()
"""

RENDERED = """
Array.from(document.querySelectorAll('.opblock')).map(b => {
  const m = b.querySelector('.opblock-summary-method');
  const p = b.querySelector('.opblock-summary-path');
  return (m ? m.textContent.trim() : '?') + ' ' + (p ? p.getAttribute('data-path') : '?');
})
"""

# Registered before any script of the page runs (DevTools-injected scripts are not subject to the CSP).
VIOLATION_LISTENER = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(
  e.violatedDirective + ' ' + (e.blockedURI || '') + ' ' + (e.sourceFile || '')));
"""


def main():
    base, token, openapi_file = sys.argv[1], sys.argv[2], sys.argv[3]
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        print(json.dumps({"error": "chromium is not installed (deploy/install-deps.sh installs it)"}))
        return 0
    profile = tempfile.mkdtemp(prefix="portal-docs-chromium-")
    browser = subprocess.Popen(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
         "--remote-debugging-port=0", "--remote-debugging-address=127.0.0.1", f"--user-data-dir={profile}",
         "about:blank"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    report = {}
    try:
        port_file = os.path.join(profile, "DevToolsActivePort")
        deadline = time.time() + TIMEOUT
        while not (os.path.exists(port_file) and open(port_file).read().strip()):
            if time.time() > deadline or browser.poll() is not None:
                raise RuntimeError("chromium did not open its DevTools port")
            time.sleep(0.1)
        port = open(port_file).read().split()[0]
        targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=TIMEOUT))
        page = next(t for t in targets if t.get("type") == "page")
        dt = DevTools(page["webSocketDebuggerUrl"])
        for domain in ("Page.enable", "Runtime.enable", "Log.enable"):
            dt.call(domain)
        dt.call("Page.addScriptToEvaluateOnNewDocument", source=VIOLATION_LISTENER)
        dt.call("Page.navigate", url=base.rstrip("/") + "/docs")
        rendered = []
        deadline = time.time() + TIMEOUT
        while time.time() < deadline:
            rendered = dt.evaluate(RENDERED) or []
            if rendered:
                break
            time.sleep(0.25)
        time.sleep(0.5)  # let the last blocks render
        rendered = dt.evaluate(RENDERED) or []
        expected = documented_operations(openapi_file)
        report["rendered"] = len(rendered)
        report["documented"] = len(expected)
        report["missing"] = sorted(set(expected) - set(rendered))
        report["title"] = dt.evaluate("(document.querySelector('.info .title') || {}).textContent || ''")
        try:
            report["try_it_out"] = dt.evaluate(TRY_IT_OUT % {"token": json.dumps(token),
                                                            "block": json.dumps("operations-me-get_me")})
        except RuntimeError as e:
            report["try_it_out"] = {"error": str(e)}
        report["csp_violations"] = dt.evaluate("window.__cspViolations") or []
        errors = []
        for e in dt.events:
            if e["method"] == "Log.entryAdded" and e["params"]["entry"].get("level") == "error":
                errors.append(e["params"]["entry"].get("text", ""))
            elif e["method"] == "Runtime.consoleAPICalled" and e["params"].get("type") == "error":
                errors.append(" ".join(str(a.get("value", a.get("description", ""))) for a in e["params"]["args"]))
            elif e["method"] == "Runtime.exceptionThrown":
                errors.append(json.dumps(e["params"]["exceptionDetails"])[:300])
        report["console_errors"] = errors
    except Exception as e:  # reported, not raised: the C++ test prints the report
        report["error"] = f"{type(e).__name__}: {e}"
    finally:
        browser.terminate()
        try:
            browser.wait(timeout=10)
        except subprocess.TimeoutExpired:
            browser.kill()
        shutil.rmtree(profile, ignore_errors=True)
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
