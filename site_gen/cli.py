"""Command line: arguments, exit codes, and the only place that prints a report."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from .builder import ASSETS, PROJECT, TEMPLATES, Builder, BuildResult
from .cache import BuildCache
from .errors import format_github, format_text, printable
from .input_stats import Listing
from .output_folder import foreign_output, misplaced_output, output_lock

OK, CONTENT_ERRORS, USAGE = 0, 1, 2
GONE_READER = 128 + signal.SIGPIPE  # what a shell reports for a tool whose reader went away (`| head -1`)
CACHE = Path(".cache")  # beside where the command runs, like _site
COMMANDS = ("build", "check", "new", "schema", "serve")


def main(argv: list[str] | None = None) -> int:
    """Run one command; the exit code: 0 ok, 1 content errors, 2 usage errors, 141 the output's reader left."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] not in (*COMMANDS, "-h", "--help"):
        args.insert(0, "build")  # "python build.py" and "python build.py --out x" build
    parser = _parser()
    try:
        options = parser.parse_args(args)
    except SystemExit as exit_:  # argparse exits 2 on bad usage and 0 on --help
        return int(exit_.code or 0)
    try:
        code = int(options.run(options))
        sys.stdout.flush()  # here, not at exit: a reader that left is then noticed while it can be handled
    except BrokenPipeError:
        # `build.py check | head -1`: the reader has all it wanted. Stop quietly, as a Unix tool does;
        # stdout goes nowhere from now on, or Python's own flush at exit would fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return GONE_READER
    return code


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="build.py", description="Build the Stride Prep guide from content/.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build_ = commands.add_parser("build", help="build the site into the output folder (the default)")
    _content_option(build_)
    build_.add_argument("--out", default="_site", help="output folder (default: _site)")
    build_.add_argument("--no-cache", action="store_true",
                        help="ignore and do not write the build cache in .cache/ (the output is the same)")
    build_.add_argument("--workers", type=int, default=0,
                        help="processes for validation and rendering (default: one per core; the output is the same)")
    build_.set_defaults(run=_build)

    check = commands.add_parser("check", help="check all content and write nothing")
    _content_option(check)
    check.add_argument("--format", choices=("text", "github"), default="text",
                       help="'github' prints workflow commands that annotate a pull request")
    check.set_defaults(run=_check)

    new = commands.add_parser("new", help="start a new drill, routine or page: a file whose starter texts "
                              "check lists until they are replaced")
    new.add_argument("kind", choices=("drill", "routine", "page"))
    new.add_argument("slug", help="the file name without extension: lowercase letters, digits, hyphens")
    _content_option(new)
    new.set_defaults(run=_new)

    schema = commands.add_parser("schema", help="write the JSON Schemas of the content files, for editors")
    _content_option(schema)
    schema.add_argument("--out", default="schema", help="folder for the *.schema.json files (default: schema)")
    schema.set_defaults(run=_schema)

    serve = commands.add_parser("serve", help="build, serve on this computer, and rebuild and reload on every save")
    _content_option(serve)
    serve.add_argument("--out", default="_site", help="output folder (default: _site)")
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on (default: 127.0.0.1, this computer only)")
    serve.add_argument("--port", type=int, default=8000, help="port (default: 8000; the next free one if taken)")
    serve.set_defaults(run=_serve)
    return parser


def _content_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--content", default="content", help="content folder (default: content)")


def _shown(path: Path) -> PurePosixPath:
    """The content folder as the contributor knows it: relative to where they stand, if inside."""
    absolute = path.absolute()
    try:
        return PurePosixPath(absolute.relative_to(Path.cwd()).as_posix())
    except ValueError:
        return PurePosixPath(absolute.as_posix())


class Refused(Exception):
    """The output folder is no place for this build: said in one line, exit 2."""


@contextmanager
def _output(out: Path, content: Path,
            untouched: Callable[[], tuple[BuildResult | None, Listing | None]] = lambda: (None, None)
            ) -> Iterator[tuple[BuildResult | None, Listing | None]]:
    """Hold `out` for one build, or raise Refused saying why it cannot be.

    Yields what `untouched()` gives under the lock (Builder.untouched): a result when the build
    has nothing to do. Such a build replaces nothing, so the output is not walked for files it
    would refuse.
    """
    enclosing = (("the content folder", content), ("the templates folder", TEMPLATES),
                 ("the assets folder", ASSETS), ("the build cache", CACHE))
    refused = misplaced_output(out, (*enclosing, ("the project", PROJECT), ("the working folder", Path.cwd())),
                               enclosing)
    if refused:
        raise Refused(refused)
    try:
        with output_lock(out, lambda: print(printable(f"another build is writing {out}; waiting"), file=sys.stderr,
                                            flush=True)):
            found = untouched()
            refused = "" if found[0] is not None else foreign_output(out)  # under the lock: another build may be swapping it
            if refused:
                raise Refused(refused)
            yield found
    except OSError as error:  # the environment, not a bug: a folder that cannot be written, a full disk
        raise Refused(f"cannot build {out}: {_why(error)}") from error


def _why(error: OSError) -> str:
    names = " -> ".join(str(name) for name in (error.filename, error.filename2) if name is not None)
    return f"{error.strerror or error}" + (f": {names}" if names else "")


def _refusing(run: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """`run`, with a refused output folder said on one line and exit 2."""
    def guarded(options: argparse.Namespace) -> int:
        try:
            return run(options)
        except Refused as refused:
            print(printable(f"build.py: {refused}"), file=sys.stderr)  # it names folders from the command line
            return USAGE
    return guarded


@_refusing
def _build(options: argparse.Namespace) -> int:
    content, out = Path(options.content), Path(options.out)
    builder = Builder(content, _shown(content), cache=None if options.no_cache else BuildCache(CACHE),
                      image_cache=None if options.no_cache else CACHE / "images",
                      workers=max(options.workers, 0))
    with _output(out, content, lambda: builder.untouched(out)) as (untouched, stats):
        result = untouched or builder.build(out, stats=stats)
    if result.warning:  # it names files of the cache, and may quote them
        print(f"warning: {printable(result.warning)}", file=sys.stderr)
    if result.problems:
        print(format_text(result.problems), file=sys.stderr)
        print(printable(f"nothing written: {out} is unchanged"), file=sys.stderr)
        return CONTENT_ERRORS
    print(printable(f"built {out}: {result.files} files, {result.written} written, in {result.seconds:.2f} s"))
    return OK


def _check(options: argparse.Namespace) -> int:
    content = Path(options.content)
    result = Builder(content, _shown(content)).check()
    if result.problems:
        report = format_github if options.format == "github" else format_text
        print(report(result.problems))
        return CONTENT_ERRORS
    if options.format == "text":
        print(f"content is clean: {result.files} files would be built")
    return OK


def _new(options: argparse.Namespace) -> int:
    content = Path(options.content)
    from .scaffold import scaffold  # here: it validates, and `build` with nothing to do imports no validation

    written, message = scaffold(content, _shown(content), options.kind, options.slug)
    print(message, file=sys.stdout if written else sys.stderr)
    return OK if written else USAGE



def _schema(options: argparse.Namespace) -> int:
    from .schema import write_schemas

    content, out = Path(options.content), Path(options.out)
    written, problems = write_schemas(content, _shown(content), out)
    if problems:
        print(format_text(problems), file=sys.stderr)
        return CONTENT_ERRORS
    print(f"wrote {', '.join(written)} to {out}")
    return OK


@_refusing
def _serve(options: argparse.Namespace) -> int:
    content, out = Path(options.content), Path(options.out)
    # The server writes `out` for as long as it runs: a build into it waits until it stops.
    with _output(out, content):
        return _run_server(options, content, out)


def _run_server(options: argparse.Namespace, content: Path, out: Path) -> int:
    from .serve import DevServer  # watchdog and threads only when serving

    host = printable(options.host)
    if options.host not in ("127.0.0.1", "localhost", "::1"):
        print(f"WARNING: serving on {host}: anyone who can reach this computer can read the preview",
              file=sys.stderr)
    # One process: forking one that runs threads (the server's, the watcher's) is not safe.
    builder = Builder(content, _shown(content), workers=1, image_cache=CACHE / "images")
    try:
        server = DevServer(builder, out, options.host, options.port, _say)
    except OSError as error:
        print(f"build.py: cannot listen on {authority(host, options.port)}: {error.strerror or error}",
              file=sys.stderr)
        return USAGE
    if server.port != options.port:
        print(f"port {options.port} is taken; using {server.port} (choose one with --port)")
    stopping = threading.Event()
    # Ctrl-C, and a polite kill too: both stop the server cleanly, threads and watcher included.
    for signal_number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signal_number, lambda number, frame: stopping.set())
    server.start()
    print(printable(f"serving {out} at http://{authority(options.host, server.port)}/ (Ctrl-C stops)"), flush=True)
    try:
        stopping.wait()
        print("stopping", flush=True)
    finally:
        server.stop()
    return OK


def authority(host: str, port: int) -> str:
    """`host:port` as a URL writes it: an IPv6 address in brackets."""
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def _say(line: str) -> None:
    print(line, flush=True)
