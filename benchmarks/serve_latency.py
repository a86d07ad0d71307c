"""Edit-to-reload latency of `build.py serve`: from a drill file's write to the reload event at a client.

    python benchmarks/serve_latency.py [--content DIR] [--edits 50]

Starts the dev server in its own process on a free port, holds an event stream open like a
browser tab, edits drill files one after another and prints the median and 95th percentile.
"""

from __future__ import annotations

import argparse
import http.client
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", type=Path, default=PROJECT / "content")
    parser.add_argument("--edits", type=int, default=50)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="stride-latency-"))
    content = work / "content"
    shutil.copytree(args.content, content)
    port = free_port()
    server = subprocess.Popen([sys.executable, str(PROJECT / "build.py"), "serve", "--content", str(content),
                               "--out", str(work / "_site"), "--port", str(port)],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=work)
    try:
        assert server.stdout is not None
        for line in server.stdout:
            if line.startswith("serving "):
                break
        threading.Thread(target=lambda: [None for _ in server.stdout], daemon=True).start()  # type: ignore[union-attr]
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.request("GET", "/__stride/events")
        stream = connection.getresponse()
        stream.readline()  # ": connected"
        stream.readline()
        drills = sorted((content / "drills").glob("*.md"))
        latencies = []
        for edit in range(args.edits):
            path = drills[edit * 7 % len(drills)]
            text = path.read_text()
            started = time.perf_counter()
            path.write_text(text.rstrip("\n") + f"\n\nEdited {edit}.\n")
            while not stream.readline().startswith(b"event: reload"):
                pass
            latencies.append((time.perf_counter() - started) * 1000)
            stream.readline()
            stream.readline()
            time.sleep(0.05)
        latencies.sort()
        p95 = latencies[max(0, round(0.95 * len(latencies)) - 1)]
        drills_count = len(drills)
        print(f"{drills_count} drills, {args.edits} edits: edit-to-reload median {statistics.median(latencies):.0f} ms, "
              f"p95 {p95:.0f} ms, max {latencies[-1]:.0f} ms")
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
