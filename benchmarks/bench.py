"""Stride Prep beside Hugo, Eleventy, MkDocs and Pelican on the same synthetic drills.

    python benchmarks/bench.py [--sizes 1000,4000,16000] [--runs 5] [--peers hugo,eleventy,mkdocs,pelican]

For each size N, make_corpus.py writes the corpus once (kept in benchmarks/.work/N/). Then
rounds of runs, one contender after the other (ours cold, no-change, one-edit and warm CI: a
fresh checkout with one drill changed and the cache of the first build restored, no site;
then each peer: interleaved, so a slow spell hits everyone); the first round is a warm-up and
is not counted. Every run is a whole process: wall time and its peak RSS (ru_maxrss from
wait4, the largest single process). Each run's output is checked: one page per drill.
Prints one Markdown table; the raw times go to benchmarks/.work/results.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path

# Python writes bytecode unless told not to; a machine that says not to (PYTHONDONTWRITEBYTECODE, as
# some sandboxes do) would charge every run of the Python generators for compiling their modules.
AS_USUAL = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
PEERS = HERE / "peers"
PEER_VENV = HERE / ".venv-peers" / "bin"
TIMEOUT = 1800  # seconds; a run past this is killed and reported as failed
LOADS: list[float] = []  # the 1-minute load average after each run: was the machine busy?


@dataclass(frozen=True, slots=True)
class Run:
    seconds: float
    cpu_seconds: float  # user + system, of the process and its children
    kernel_seconds: float  # of which system: on this VM, file creation slows as the disk churns
    rss_mib: float
    output: str  # stdout and stderr together


@dataclass(slots=True)
class Contender:
    """One thing to time: a command, where its pages land, and what it measured so far."""
    name: str
    command: list[str]
    out: Path                   # emptied before each run unless `keep_out`
    drill_page: str             # where drill-NNNNN's page must be, relative to `out`
    env: dict[str, str] = field(default_factory=dict)
    keep_out: bool = False
    prepare: Callable[[int], None] | None = None  # called before each run with the run's number
    expect: str = ""            # a regular expression the run's output must match
    runs: list[Run] = field(default_factory=list)
    failure: str = ""           # "not installed", or why a run was rejected


def measure(command: list[str], cwd: Path, env: dict[str, str], log: Path) -> tuple[Run, int]:
    """Run `command` to the end: its wall time, peak RSS, output and exit status."""
    with log.open("w+") as output:
        started = time.perf_counter()
        child = subprocess.Popen(command, cwd=cwd, env={**AS_USUAL, **env}, stdout=output,
                                 stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
        timer = threading.Timer(TIMEOUT, lambda: kill_group(child.pid))
        timer.start()
        # wait4, not Popen.wait: it hands back the child's resource usage with its status.
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        timer.cancel()
        LOADS.append(os.getloadavg()[0])
        child.returncode = os.waitstatus_to_exitcode(status)  # already reaped: keep Popen from waiting
        output.seek(0)
        cpu = usage.ru_utime + usage.ru_stime
        return Run(seconds, cpu, usage.ru_stime, usage.ru_maxrss / 1024, output.read()), child.returncode


def kill_group(pid: int) -> None:
    with suppress(ProcessLookupError):
        os.killpg(pid, signal.SIGKILL)


def pages_missing(contender: Contender, count: int) -> int:
    """How many drills have no page in the contender's output."""
    return sum(not (contender.out / contender.drill_page.format(index)).is_file() for index in range(count))


def prepare_corpus(count: int, folder: Path, seed: int) -> None:
    """Write the corpus for `count` drills unless the one there was made the same way."""
    stamp = folder / "corpus.stamp"
    made_by = f"{count} {seed} {(HERE / 'make_corpus.py').stat().st_mtime_ns}"
    if stamp.is_file() and stamp.read_text() == made_by:
        return
    subprocess.run([sys.executable, str(HERE / "make_corpus.py"), str(count), str(folder / "corpus"),
                    "--seed", str(seed)], check=True, stdout=subprocess.DEVNULL)
    stamp.write_text(made_by)


def ours(count: int, folder: Path, stride: Path) -> list[Contender]:
    """Cold build, no-change rebuild and one-edit rebuild of `stride`/build.py, on a fresh copy of the content."""
    work = folder / "ours"
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(folder / "corpus" / "content", work / "content")
    build = [sys.executable, str(stride / "build.py"), "build", "--content", "content", "--out"]
    # Prime the cache and the output the rebuilds start from (not timed; a failure shows in the runs).
    subprocess.run(build + ["site"], cwd=work, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   env=AS_USUAL)
    # What CI restores: the cache of that build, as a copy (actions/cache keeps no hard links).
    restored = folder / "ci-cache"
    shutil.rmtree(restored, ignore_errors=True)
    if (work / ".cache").is_dir():
        shutil.copytree(work / ".cache", restored)
    checkout = folder / "ci"

    def pull_request(run: int) -> None:
        # A fresh checkout of the corpus with one drill changed, the cache restored, no site.
        shutil.rmtree(checkout, ignore_errors=True)
        shutil.copytree(folder / "corpus" / "content", checkout / "content")
        if restored.is_dir():
            shutil.copytree(restored, checkout / ".cache")
        drill = checkout / "content" / "drills" / f"drill-{(run * 7919 + 1) % count:05d}.md"
        drill.write_text(drill.read_text() + f"\nChanged in pull request {run}.\n")

    def edit(run: int) -> None:
        # A different drill each run, and only its body.
        drill = work / "content" / "drills" / f"drill-{run * 7919 % count:05d}.md"
        drill.write_text(drill.read_text() + f"\nEdited in run {run}.\n")

    page = "drills/drill-{:05d}/index.html"
    return [Contender("Stride Prep cold", build + ["site-cold", "--no-cache"], work / "site-cold", page),
            Contender("Stride Prep no-change", build + ["site"], work / "site", page, keep_out=True,
                      expect=r"\b0 written"),
            Contender("Stride Prep one-edit", build + ["site"], work / "site", page, keep_out=True,
                      prepare=edit, expect=r"\b[1-9]\d* written"),
            Contender("Stride Prep warm CI", build + ["site"], checkout / "site", page, prepare=pull_request,
                      expect=r"\bwritten")]


def peers(chosen: list[str], folder: Path) -> list[Contender]:
    """The chosen peers, reading corpus/peers/; one without its program is "not installed"."""
    pages = folder / "corpus" / "peers"
    eleventy = PEERS / "eleventy" / "node_modules" / "@11ty" / "eleventy"
    every = {
        "hugo": Contender("Hugo", ["hugo", "--quiet", "--noBuildLock", "--source", str(PEERS / "hugo"),
                                   "--contentDir", str(pages), "--destination", str(folder / "hugo")],
                          folder / "hugo", "drill-{:05d}/index.html"),
        "eleventy": Contender("Eleventy", ["node", str(eleventy / "cmd.cjs"), "--quiet",
                                           f"--config={PEERS / 'eleventy' / 'eleventy.config.cjs'}",
                                           f"--input={pages}", f"--output={folder / 'eleventy'}"],
                              folder / "eleventy", "drill-{:05d}/index.html"),
        "mkdocs": Contender("MkDocs", [str(PEER_VENV / "mkdocs"), "build", "-q", "-f",
                                       str(PEERS / "mkdocs" / "mkdocs.yml"), "-d", str(folder / "mkdocs")],
                            folder / "mkdocs", "drill-{:05d}/index.html", env={"STRIDE_PEER_PAGES": str(pages)}),
        "pelican": Contender("Pelican", [str(PEER_VENV / "pelican"), str(pages), "-o", str(folder / "pelican"),
                                         "-s", str(PEERS / "pelican" / "pelicanconf.py"), "-q"],
                             folder / "pelican", "drill-{:05d}/index.html"),
    }
    versions = {"hugo": hugo_version(), "eleventy": package_version(eleventy / "package.json"),
                "mkdocs": dist_version("mkdocs"), "pelican": dist_version("pelican")}
    chosen_peers = [every[key] for key in chosen]
    for key, contender in zip(chosen, chosen_peers):
        if not versions[key]:
            contender.failure = "not installed"
        contender.name += f" {versions[key]}" if versions[key] else ""
    return chosen_peers


def hugo_version() -> str:
    if not shutil.which("hugo"):
        return ""
    said = subprocess.run(["hugo", "version"], check=False, capture_output=True, text=True).stdout
    found = re.search(r"v(\d+\.\d+\.\d+)", said)
    return found.group(1) if found else "?"


def package_version(manifest: Path) -> str:
    if not manifest.is_file() or not shutil.which("node"):
        return ""
    return str(json.loads(manifest.read_text())["version"])


def dist_version(name: str) -> str:
    found = sorted((HERE / ".venv-peers").glob(f"lib/python*/site-packages/{name}-*.dist-info"))
    return found[-1].name.removeprefix(f"{name}-").removesuffix(".dist-info") if found else ""


def run_round(contenders: list[Contender], run: int, count: int, folder: Path, counted: bool,
              stride: Path, stamp: int) -> None:
    """One run of every contender still in the race; a failed run takes its contender out.

    `stamp` is `generator_stamp(stride)` from before the size's first build.
    """
    for contender in contenders:
        if contender.failure:
            continue
        if not contender.keep_out:
            # Ours keeps the site it replaced beside the output, to build the next one in: a
            # cold build starts without it, as on a fresh clone.
            for stale in (contender.out, contender.out.with_name(f".{contender.out.name}.spare")):
                set_aside(stale, folder, f"{stale.name}-{run}")
        if contender.prepare:
            contender.prepare(run)
        log = folder / "logs" / f"{re.sub(r'[^a-z0-9.]+', '-', contender.name.lower())}.log"
        log.parent.mkdir(exist_ok=True)
        try:
            result, status = measure(contender.command, contender.out.parent, contender.env, log)
        except OSError as error:  # the program went missing after the version check
            contender.failure = f"could not start: {error.strerror}: {error.filename}"
            continue
        missing = pages_missing(contender, count)
        if status != 0:
            contender.failure = f"failed (exit {status}, see {shown(log)})"
        elif missing:
            contender.failure = f"wrong output: {missing} of {count} drill pages missing"
        elif contender.expect and not re.search(contender.expect, result.output):
            contender.failure = f"unexpected output: {result.output.strip()[-120:]!r}"
            if generator_stamp(stride) != stamp:  # a rebuild after a change to the generator rewrites everything
                contender.failure += " (the generator's files changed during the benchmark)"
        elif counted:
            contender.runs.append(result)
        print(f"  {count} {contender.name}: {result.seconds:.2f} s, CPU {result.cpu_seconds:.2f} s "
              f"(kernel {result.kernel_seconds:.2f} s), "
              f"{result.rss_mib:.0f} MiB"
              f"{'' if counted else ' (warm-up)'}{' -> ' + contender.failure if contender.failure else ''}",
              file=sys.stderr, flush=True)


def set_aside(path: Path, folder: Path, name: str) -> None:
    """Move a finished run's output out of the way; it is deleted after the size's last run.

    Not deleted now: on the VM these figures come from, creating files where thousands were
    just deleted costs the kernel several times more (ext4's inode allocator), so deleting
    between runs slowed every next cold build by however much the one before had written.
    """
    if path.exists():
        (folder / ".trash").mkdir(exist_ok=True)
        os.rename(path, folder / ".trash" / name)


def generator_stamp(stride: Path) -> int:
    """The newest modification time among Stride Prep's own code, templates and assets."""
    folders = (stride / "site_gen", stride / "templates", stride / "assets")
    return max((path.stat().st_mtime_ns for folder in folders for path in folder.rglob("*") if path.is_file()),
               default=0)


def revision(stride: Path) -> str:
    """" at <commit>" (with "-dirty" for uncommitted changes), or "" outside a git checkout."""
    if not shutil.which("git"):
        return ""
    said = subprocess.run(["git", "-C", str(stride), "describe", "--always", "--dirty"], check=False,
                          capture_output=True, text=True)
    return f" at {said.stdout.strip()}" if said.returncode == 0 else ""


def shown(path: Path) -> str:
    """`path` relative to the project when inside it, for messages."""
    return str(path.relative_to(PROJECT)) if path.is_relative_to(PROJECT) else str(path)


def html_files(folder: Path) -> int:
    return sum(1 for _ in folder.rglob("*.html")) if folder.is_dir() else 0


def seconds(value: float) -> str:
    return f"{value:.2f} s" if value < 10 else f"{value:.1f} s"


def table_rows(count: int, mine: list[Contender], others: list[Contender]) -> list[str]:
    """The table's rows for one size: ours, then each peer with ours' ratio to it."""
    def median(contender: Contender, what: str) -> float:
        return float(statistics.median(getattr(run, what) for run in contender.runs))

    def cell(contender: Contender, what: str = "seconds") -> str:
        if contender.failure or not contender.runs:
            return contender.failure or "no runs"
        return f"{median(contender, what):.0f} MiB" if what == "rss_mib" else seconds(median(contender, what))

    def measured(contender: Contender) -> list[str]:
        """Per drill, CPU, HTML pages and peak RSS of a contender's cold builds (blank if none)."""
        if contender.failure or not contender.runs:
            return ["", "", "", ""]
        cpu = f"{cell(contender, 'cpu_seconds')} ({cell(contender, 'kernel_seconds')})"
        return [f"{median(contender, 'seconds') / count * 1000:.2f} ms", cpu,
                str(html_files(contender.out)), cell(contender, "rss_mib")]

    cold, unchanged, edited, warm = mine
    rows = [[f"{count:,}", "**Stride Prep**", cell(cold), cell(unchanged), cell(edited), cell(warm),
             *measured(cold), ""]]

    def ratio(ours: Contender, peer: Contender) -> str:
        both = ours.runs and peer.runs and not ours.failure and not peer.failure
        return f"{median(ours, 'seconds') / median(peer, 'seconds'):.2f}×" if both else "–"

    for peer in others:
        ratios = " / ".join(ratio(ours, peer) for ours in mine)
        rows.append([f"{count:,}", peer.name, cell(peer), "", "", "", *measured(peer), ratios])
    return ["| " + " | ".join(row) + " |" for row in rows]


def rebuild_memory(count: int, mine: list[Contender]) -> str:
    """A note with the peak RSS of our rebuilds, which the table leaves out."""
    done = [f"{c.name.removeprefix('Stride Prep ')} {statistics.median(r.rss_mib for r in c.runs):.0f} MiB" for c in mine[1:] if c.runs]
    return f"Stride Prep at {count:,}: peak RSS of the rebuilds {', '.join(done)}." if done else ""


def machine() -> str:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    model = "unknown CPU"
    if Path("/proc/cpuinfo").is_file():
        found = re.search(r"^model name\s*:\s*(.+)$", Path("/proc/cpuinfo").read_text(), re.MULTILINE)
        model = found.group(1).strip() if found else model
    return f"{cores} cores ({model}), Python {platform.python_version()}, {platform.system()} {platform.release()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,4000,16000", help="drill counts, comma-separated")
    parser.add_argument("--runs", type=int, default=5, help="counted runs of each (after one warm-up)")
    parser.add_argument("--peers", default="hugo,eleventy,mkdocs,pelican", help="which peers, comma-separated")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--work", type=Path, default=HERE / ".work", help="where corpora and outputs go")
    parser.add_argument("--stride", type=Path, default=PROJECT,
                        help="the Stride Prep checkout whose build.py to time (default: this one), e.g. a copy of "
                             "another version to compare, or to keep edits made during the run out of it")
    options = parser.parse_args()
    options.stride = options.stride.resolve()
    sizes = [int(size.replace("_", "")) for size in options.sizes.split(",") if size]
    chosen = [key for key in options.peers.split(",") if key]
    unknown = set(chosen) - {"hugo", "eleventy", "mkdocs", "pelican"}
    if unknown or options.runs < 1 or not sizes:
        parser.error(f"unknown peer {sorted(unknown)}" if unknown else "--runs and --sizes need at least one")
    started, load_before = time.perf_counter(), os.getloadavg()
    rows: list[str] = []
    notes: list[str] = []
    raw: dict[int, object] = {}
    for count in sizes:
        folder = options.work / str(count)
        folder.mkdir(parents=True, exist_ok=True)
        print(f"{count} drills: corpus in {folder}", file=sys.stderr, flush=True)
        prepare_corpus(count, folder, options.seed)
        stamp = generator_stamp(options.stride)
        mine = ours(count, folder, options.stride)
        others = peers(chosen, folder)
        for run in range(options.runs + 1):
            run_round(mine + others, run, count, folder, counted=run > 0, stride=options.stride, stamp=stamp)
        rows += table_rows(count, mine, others)
        shutil.rmtree(folder / ".trash", ignore_errors=True)
        raw[count] = {c.name: {"failure": c.failure, "seconds, cpu seconds, kernel seconds, MiB": [
            [round(r.seconds, 3), round(r.cpu_seconds, 3), round(r.kernel_seconds, 3), round(r.rss_mib, 1)]
            for r in c.runs]} for c in mine + others}
        notes.append(rebuild_memory(count, mine))
    (options.work / "results.json").write_text(json.dumps(raw, indent=1) + "\n")
    command = " ".join([shown(Path(sys.executable)), shown(Path(sys.argv[0]).resolve())] + sys.argv[1:])
    print(f"Machine: {machine()}; load average {load_before[0]:.2f} at the start, up to {max(LOADS):.2f} "
          f"after a run, {os.getloadavg()[0]:.2f} at the end; {time.perf_counter() - started:.0f} s in all.")
    print(f"Command: `{command}` (median of {options.runs} runs after one warm-up, interleaved).")
    where = "this checkout" if options.stride == PROJECT else str(options.stride)
    print(f"Stride Prep: {where}{revision(options.stride)}.\n")
    print("| drills | generator | cold build | no-change rebuild | one-drill edit | warm CI | per drill "
          "| CPU (kernel), cold | HTML pages | peak RSS | ours ÷ peer's cold: cold / no-change / one-edit / warm CI |")
    print("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    print("\n".join(rows))
    print("\n" + "\n".join(note for note in notes if note))


if __name__ == "__main__":
    main()
