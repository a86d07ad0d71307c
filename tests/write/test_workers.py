"""Workers die with the build: a killed build leaves no process behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from site_gen.parallel import SMALLEST

PROJECT = Path(__file__).resolve().parents[2]


def _children(pid: int) -> set[int]:
    found = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        with open(task / "children") as handle:
            found.update(int(child) for child in handle.read().split())
    return found


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            state = handle.read().rpartition(")")[2].split()[0]
    except FileNotFoundError:
        return False
    return state not in ("Z", "X")  # a zombie is dead, only not yet reaped by whoever adopted it


@pytest.mark.skipif(not Path("/proc/self/task").is_dir() or sys.platform != "linux", reason="reads /proc (Linux)")
def test_a_killed_build_leaves_no_worker_alive(tmp_path: Path) -> None:
    subprocess.run([sys.executable, str(PROJECT / "benchmarks" / "make_corpus.py"), str(SMALLEST * 3),
                    str(tmp_path / "corpus")], check=True, capture_output=True)
    build = subprocess.Popen([sys.executable, str(PROJECT / "build.py"), "build", "--no-cache", "--workers", "2",
                              "--content", str(tmp_path / "corpus" / "content"), "--out", str(tmp_path / "_site")],
                             cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: set[int] = set()
    try:
        deadline = time.monotonic() + 60
        while len(workers) < 2 and build.poll() is None and time.monotonic() < deadline:
            workers = _children(build.pid)
            time.sleep(0.01)
        assert len(workers) >= 2, "the build ended before its workers could be seen"
        os.kill(build.pid, signal.SIGKILL)
        build.wait()
        deadline = time.monotonic() + 5
        while any(map(_alive, workers)) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert sorted(filter(_alive, workers)) == []
    finally:  # whatever failed, leave nothing running
        build.kill()
        for pid in filter(_alive, workers):
            os.kill(pid, signal.SIGKILL)
