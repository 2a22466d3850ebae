#!/usr/bin/env python3
"""Measurements behind the 2026-12-06 security review's fixes (not tests:
the suite asserts these behaviours at small scale, see tests/connections.rs
and tests/login_limits.rs).

    bench/security.py [BINARY]        # default: target/release/rustprep

Starts `BINARY serve` on a free port with a fresh SQLite data directory, three
times, and prints:
  1. memory: peak RSS (VmHWM) before and after 300 simultaneous API logins
     from one address (unknown emails), and after 300 from 150 addresses
     (127.0.0.x, two each), with the answers counted;
  2. guesses: 60 simultaneous wrong passwords on one account from one address,
     how many were checked (401) against the limit of 5;
  3. idle sockets: the open-file limit lowered to 1,024 (prlimit, as systemd
     gives a service), 1,100 connections opened and left silent, then 25
     requests: how many are served (5 s timeout each).
Every process it starts is stopped by its PID.
"""
import concurrent.futures as cf
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

BINARY = sys.argv[1] if len(sys.argv) > 1 else "target/release/rustprep"
PASSWORD = "violet kettle drum 4471"


class Server:
    def __init__(self):
        self.data = tempfile.mkdtemp(prefix="rustprep-bench-")
        self.proc = subprocess.Popen(
            [BINARY, "serve", "--addr", "127.0.0.1:0", "--data-dir", self.data],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL,
            env={**os.environ, "RUST_LOG": "error"},
        )
        line = self.proc.stdout.readline().decode()
        self.base = re.search(r"listening on (http://\S+)", line).group(1)
        self.host, self.port = self.base[len("http://"):].rsplit(":", 1)

    def hwm_mb(self):
        status = open(f"/proc/{self.proc.pid}/status").read()
        return int(re.search(r"VmHWM:\s+(\d+)", status).group(1)) // 1024

    def stop(self):
        self.proc.kill()
        self.proc.wait()


def request(url, data=None, headers=None, timeout=60, source=None):
    """Returns the status; a refused or dropped connection is 0."""
    handlers = []
    if source:
        class Bound(urllib.request.HTTPHandler):
            def http_open(self, req):
                import http.client
                return self.do_open(lambda host, **kw: http.client.HTTPConnection(host, source_address=(source, 0), **kw), req)
        handlers.append(Bound)
    opener = urllib.request.build_opener(*handlers)
    try:
        return opener.open(urllib.request.Request(url, data, headers or {}), timeout=timeout).status
    except urllib.error.HTTPError as error:
        return error.code
    except Exception:
        return 0


def burst(n, make):
    go = threading.Barrier(n)

    def one(i):
        args = make(i)
        go.wait()
        return request(*args[:3], source=args[3] if len(args) > 3 else None)

    with cf.ThreadPoolExecutor(n) as pool:
        codes = list(pool.map(one, range(n)))
    return {code: codes.count(code) for code in sorted(set(codes))}


def logins(server, n, addresses):
    def make(i):
        body = json.dumps({"email": f"nobody{i}@example.com", "password": "guess guess guess"}).encode()
        return (server.base + "/api/v1/session", body, {"Content-Type": "application/json"},
                addresses[i % len(addresses)])
    return burst(n, make)


def memory():
    server = Server()
    try:
        before = server.hwm_mb()
        one = logins(server, 300, ["127.0.0.1"])
        after_one = server.hwm_mb()
        many = logins(server, 300, [f"127.0.{1 + i // 250}.{2 + i % 250}" for i in range(150)])
        after_many = server.hwm_mb()
        print(f"memory: peak RSS {before} MB at start; 300 logins from one address {one} -> {after_one} MB; "
              f"300 from 150 addresses {many} -> {after_many} MB")
    finally:
        server.stop()


def guesses():
    server = Server()
    try:
        csrf = lambda html: re.search(r'name="csrf" value="([0-9a-f]+)"', html).group(1)
        import http.cookiejar
        jar = http.cookiejar.CookieJar()
        op = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        token = csrf(op.open(server.base + "/signup").read().decode())
        op.open(urllib.request.Request(server.base + "/signup", urllib.parse.urlencode(
            {"csrf": token, "email": "target@example.com", "password": PASSWORD}).encode()))

        def make(i):
            jar = http.cookiejar.CookieJar()
            op = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
            token = csrf(op.open(server.base + "/login").read().decode())
            cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
            body = urllib.parse.urlencode({"csrf": token, "email": "target@example.com",
                                           "password": f"wrong guess {i:02d} here"}).encode()
            return (server.base + "/login", body, {"Cookie": cookie})
        codes = burst(60, make)
        print(f"guesses: 60 simultaneous wrong passwords: {codes.get(401, 0)} checked (limit 5), answers {codes}")
    finally:
        server.stop()


def idle_sockets():
    server = Server()
    try:
        subprocess.run(["prlimit", "--pid", str(server.proc.pid), "--nofile=1024:1024"], check=True)
        held = []
        for _ in range(1100):
            try:
                held.append(socket.create_connection((server.host, int(server.port)), timeout=5))
            except OSError:
                break
        time.sleep(1)
        served = sum(request(server.base + "/", timeout=5) == 200 for _ in range(25))
        print(f"idle sockets: {len(held)} opened against 1,024 descriptors; requests served: {served}/25")
        for sock in held:
            sock.close()
    finally:
        server.stop()


if __name__ == "__main__":
    import urllib.parse  # noqa: F401 (used above)
    print(f"binary: {BINARY}")
    memory()
    guesses()
    idle_sockets()
