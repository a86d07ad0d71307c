"""Two or more Stride Prep checkouts on one corpus, alternated in one run: which rebuilds got faster.

    python benchmarks/ab.py --size 4000 --runs 5 before=/tmp/old-checkout after=.

Each checkout builds its own copy of the corpus once (not timed), then in every round, one
checkout after the other: a no-change rebuild, a rebuild after one drill's body is edited,
and a warm CI build (a fresh copy of the corpus with one drill changed, the first build's
`.cache/` restored, no site). The first round is a warm-up. Prints a Markdown table of
medians, with each checkout's ratio to the first. Every run is a whole `build.py` process.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

# Python writes bytecode unless told not to (bench.py says why this matters).
AS_USUAL = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}

HERE = Path(__file__).resolve().parent
KINDS = ("no-change", "one-edit", "warm CI")


def timed(command: list[str], cwd: Path) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=AS_USUAL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("checkouts", nargs="+", help="NAME=PATH of each checkout")
    parser.add_argument("--size", type=int, default=4000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--work", type=Path, default=HERE / ".work" / "ab")
    options = parser.parse_args()
    checkouts = {name: Path(path).resolve() for name, _, path in (item.partition("=") for item in options.checkouts)}
    corpus = HERE / ".work" / f"ab-corpus-{options.size}"
    if not corpus.is_dir():
        subprocess.run([sys.executable, str(HERE / "make_corpus.py"), str(options.size), str(corpus)], check=True,
                       stdout=subprocess.DEVNULL)
    shutil.rmtree(options.work, ignore_errors=True)
    times: dict[tuple[str, str], list[float]] = {(name, kind): [] for name in checkouts for kind in KINDS}
    for name, checkout in checkouts.items():
        home = options.work / name
        shutil.copytree(corpus / "content", home / "content")
        subprocess.run([sys.executable, str(checkout / "build.py"), "build", "--content", "content", "--out", "site"],
                       cwd=home, check=True, stdout=subprocess.DEVNULL, env=AS_USUAL)
        shutil.copytree(home / ".cache", home / "restored")
    for run in range(options.runs + 1):
        for name, checkout in checkouts.items():
            home = options.work / name
            build = [sys.executable, str(checkout / "build.py"), "build", "--content", "content", "--out", "site"]
            figures = [timed(build, home)]
            drill = home / "content" / "drills" / f"drill-{run * 7919 % options.size:05d}.md"
            drill.write_text(drill.read_text() + f"\nEdited in run {run}.\n")
            figures.append(timed(build, home))
            checkout_dir = home / "ci"
            shutil.rmtree(checkout_dir, ignore_errors=True)
            shutil.copytree(corpus / "content", checkout_dir / "content")
            shutil.copytree(home / "restored", checkout_dir / ".cache")
            changed = checkout_dir / "content" / "drills" / f"drill-{(run * 7919 + 1) % options.size:05d}.md"
            changed.write_text(changed.read_text() + f"\nChanged in pull request {run}.\n")
            figures.append(timed(build, checkout_dir))
            if run:  # the first round warms the disk and the interpreter's caches
                for kind, seconds in zip(KINDS, figures):
                    times[(name, kind)].append(seconds)
    names = list(checkouts)
    print(f"{options.size:,} drills, medians of {options.runs} after a warm-up, alternated:\n")
    print("| | " + " | ".join(names) + " | " + " | ".join(f"{name} / {names[0]}" for name in names[1:]) + " |")
    print("|---|" + "---:|" * (2 * len(names) - 1))
    for kind in KINDS:
        medians = [statistics.median(times[(name, kind)]) for name in names]
        print(f"| {kind} | " + " | ".join(f"{m:.3f} s" for m in medians) + " | "
              + " | ".join(f"{m / medians[0]:.2f}" for m in medians[1:]) + " |")


if __name__ == "__main__":
    main()
