#!/usr/bin/env python3
"""Start-up time of the release binary: exec to the first `/healthz` 200.

    bench/startup.py [runs]            (default 5; builds the release binary)

Each run starts `rustprep serve` with the built-in bank on a fresh data
directory, reads the address from its first line, and polls `/healthz` every
millisecond over one keep-alive-free connection per try. Prints every run and
the median, plus the "serving" log line's phase times of the median run. A
cold start here means a new process (the binary's pages are in the OS page
cache after the first run, as on a server that restarts).
"""

import http.client
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.path.join(ROOT, "target", "release", "rustprep")


def healthy(host, port):
    try:
        connection = http.client.HTTPConnection(host, port, timeout=1)
        connection.request("GET", "/healthz")
        ok = connection.getresponse().status == 200
        connection.close()
        return ok
    except OSError:
        return False


def one_run():
    data_dir = tempfile.mkdtemp(prefix="rustprep-startup-")
    env = dict(os.environ, RUST_LOG="info")
    started = time.perf_counter()
    process = subprocess.Popen(
        [BINARY, "serve", "--addr", "127.0.0.1:0", "--data-dir", data_dir, "--exit-on-stdin-close"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    line = process.stdout.readline().strip()
    address = line.removeprefix("listening on http://")
    host, port = address.rsplit(":", 1)
    while not healthy(host, int(port)):
        time.sleep(0.001)
    elapsed_ms = (time.perf_counter() - started) * 1000
    process.stdin.close()
    process.wait(timeout=10)
    log = process.stderr.read()
    serving = next((l for l in log.splitlines() if "serving" in l), "")
    return elapsed_ms, serving


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    subprocess.run(["cargo", "build", "--release", "--locked", "--quiet"], cwd=ROOT, check=True)
    one_run()  # the binary into the page cache, as on a server
    results = []
    for n in range(runs):
        elapsed_ms, serving = one_run()
        results.append((elapsed_ms, serving))
        print(f"run {n + 1}: {elapsed_ms:7.1f} ms")
    median = statistics.median(ms for ms, _ in results)
    closest = min(results, key=lambda result: abs(result[0] - median))
    print(f"median of {runs}: {median:.1f} ms (exec to first /healthz 200)")
    print(f"load average: {os.getloadavg()[0]:.2f}")
    print(f"median run's log: {closest[1].strip()}")


if __name__ == "__main__":
    main()
