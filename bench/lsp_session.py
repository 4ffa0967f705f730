#!/usr/bin/env python3
"""One language-server session over stdio, as an editor opens a file.

    bench/lsp_session.py SVC FILE

Starts `SVC lsp`, sends initialize/initialized, opens FILE (read as bytes,
decoded as UTF-8 with replacement, as an editor would), waits for its
publishDiagnostics, asks for one hover at the start of the file, then
shutdown and exit. Prints one line, `EXIT WALL_SECONDS PEAK_RSS_KB`: the
server's exit code (or `timeout`), the session's wall time and the
server's peak resident memory (from wait4). Gives up after 60 s.
"""

import json
import os
import select
import subprocess
import sys
import time

DEADLINE = 60.0


def frame(message):
    body = json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n%s" % (len(body), body)


class Server:
    def __init__(self, svc):
        self.proc = subprocess.Popen([svc, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.buffer = b""
        self.start = time.monotonic()

    def send(self, message):
        self.proc.stdin.write(frame(message))
        self.proc.stdin.flush()

    def receive(self):
        """The next message, or None when the server is gone or the time is up."""
        while True:
            head, sep, rest = self.buffer.partition(b"\r\n\r\n")
            if sep:
                length = next(
                    int(line.split(b":")[1]) for line in head.split(b"\r\n") if line.lower().startswith(b"content-length")
                )
                if len(rest) >= length:
                    self.buffer = rest[length:]
                    return json.loads(rest[:length])
            left = DEADLINE - (time.monotonic() - self.start)
            if left <= 0:
                return None
            ready, _, _ = select.select([self.proc.stdout], [], [], left)
            if not ready:
                return None
            chunk = os.read(self.proc.stdout.fileno(), 1 << 20)
            if not chunk:
                return None
            self.buffer += chunk

    def until(self, test):
        while True:
            message = self.receive()
            if message is None or test(message):
                return message


def main():
    svc, path = sys.argv[1], sys.argv[2]
    with open(path, "rb") as file:
        text = file.read().decode("utf-8", "replace")
    uri = "file://" + os.path.abspath(path)
    server = Server(svc)
    outcome = "timeout"
    try:
        server.send({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}})
        if server.until(lambda m: m.get("id") == 1) is None:
            raise TimeoutError
        server.send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
        document = {"uri": uri, "languageId": "svc", "version": 1, "text": text}
        server.send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": document}})
        if server.until(lambda m: m.get("method") == "textDocument/publishDiagnostics") is None:
            raise TimeoutError
        position = {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 1}}
        server.send({"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover", "params": position})
        if server.until(lambda m: m.get("id") == 2) is None:
            raise TimeoutError
        server.send({"jsonrpc": "2.0", "id": 3, "method": "shutdown"})
        if server.until(lambda m: m.get("id") == 3) is None:
            raise TimeoutError
        server.send({"jsonrpc": "2.0", "method": "exit"})
        outcome = None
    except (TimeoutError, BrokenPipeError):
        server.proc.kill()
    _, status, usage = os.wait4(server.proc.pid, 0)
    wall = time.monotonic() - server.start
    code = outcome or (os.waitstatus_to_exitcode(status))
    print(f"{code} {wall:.2f} {usage.ru_maxrss}")


if __name__ == "__main__":
    main()
